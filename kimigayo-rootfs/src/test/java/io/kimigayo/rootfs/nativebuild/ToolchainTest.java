package io.kimigayo.rootfs.nativebuild;

import io.kimigayo.core.process.NativeBuildException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Toolchain#detect()} and {@link Toolchain#forTarget} against this machine's gcc and binutils and Debian's
 * cross toolchain for the other machine (both installed by dev/install-tools).
 */
class ToolchainTest {

    @Test
    void identifiesTheHostsCompilerLinkerAndMachine() throws IOException, InterruptedException {
        Toolchain toolchain = Toolchain.detect();
        String machine = ask("gcc", "-dumpmachine");
        assertEquals(machine.substring(0, machine.indexOf('-')), toolchain.arch());
        String[] parts = toolchain.identity().split(" \\| ");
        assertEquals(3, parts.length, toolchain.identity());
        assertTrue(parts[0].startsWith("gcc"), toolchain.identity());
        assertTrue(parts[1].startsWith("GNU ld"), toolchain.identity());
        assertEquals(machine, parts[2]);
        assertEquals("gcc", toolchain.cc());
        assertFalse(toolchain.cross());
        assertEquals("strip", toolchain.tool("strip"));
        assertEquals(toolchain, Toolchain.detect(), "the same answer every time");
    }

    @Test
    void theHostsTargetIsTheHostsToolchain() throws IOException {
        // The host's builds keep their toolchain identity, and so their cache keys.
        assertEquals(Toolchain.detect(), Toolchain.forTarget(TargetArch.host()));
    }

    @Test
    void anotherMachineGetsDebiansCrossToolchain() throws IOException, InterruptedException {
        TargetArch other = TargetArch.host() == TargetArch.X86_64 ? TargetArch.AARCH64 : TargetArch.X86_64;
        Toolchain cross = Toolchain.forTarget(other);
        String triplet = other.gnuTriplet();
        assertEquals(other.id(), cross.arch());
        assertTrue(cross.cross());
        assertEquals(triplet + "-gcc", cross.cc());
        assertEquals(triplet + "-strip", cross.tool("strip"));
        String[] parts = cross.identity().split(" \\| ");
        assertEquals(3, parts.length, cross.identity());
        assertTrue(parts[0].startsWith(triplet + "-gcc"), cross.identity());
        assertTrue(parts[1].startsWith("GNU ld"), cross.identity());
        assertEquals(ask(triplet + "-gcc", "-dumpmachine"), parts[2]);
        assertNotEquals(Toolchain.detect().identity(), cross.identity(), "another compiler, another cache key");
    }

    @Test
    void aMissingCrossCompilerNamesThePackage() {
        NativeBuildException e = org.junit.jupiter.api.Assertions.assertThrows(NativeBuildException.class,
                () -> Toolchain.detectCross("nonexistent-linux-gnu-", TargetArch.AARCH64));
        assertTrue(e.getMessage().contains("nonexistent-linux-gnu-gcc is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc-aarch64-linux-gnu"), e.getMessage());
        assertSame(NativeBuildException.class, e.getClass());
    }

    private static String ask(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());
        return out;
    }
}
