package io.kimigayo.rootfs.nativebuild;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Toolchain#detect()} against this machine's gcc and binutils (installed by dev/install-tools). */
class ToolchainTest {

    @Test
    void identifiesTheHostsCompilerLinkerAndMachine() throws IOException, InterruptedException {
        Toolchain toolchain = Toolchain.detect();
        Process dumpmachine = new ProcessBuilder("gcc", "-dumpmachine").start();
        String machine = new String(dumpmachine.getInputStream().readAllBytes()).trim();
        assertEquals(0, dumpmachine.waitFor());
        assertEquals(machine.substring(0, machine.indexOf('-')), toolchain.arch());
        String[] parts = toolchain.identity().split(" \\| ");
        assertEquals(3, parts.length, toolchain.identity());
        assertTrue(parts[0].startsWith("gcc"), toolchain.identity());
        assertTrue(parts[1].startsWith("GNU ld"), toolchain.identity());
        assertEquals(machine, parts[2]);
        assertEquals(toolchain, Toolchain.detect(), "the same answer every time");
    }
}
