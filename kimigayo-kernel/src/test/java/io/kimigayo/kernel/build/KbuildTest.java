package io.kimigayo.kernel.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KbuildTest {

    @TempDir
    Path tree;

    @Test
    void theVersionIsWhatTheTopMakefileDeclares() throws IOException {
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 192\nEXTRAVERSION =\n"
                + "KERNELVERSION = $(VERSION)$(if $(PATCHLEVEL),.$(PATCHLEVEL))\n");
        assertEquals("6.1.192", Kbuild.kernelVersion(tree));
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\nPATCHLEVEL = 13\nSUBLEVEL = 0\n"
                + "EXTRAVERSION = -rc3\n");
        assertEquals("6.13.0-rc3", Kbuild.kernelVersion(tree));
    }

    @Test
    void aDirectoryWithoutAKernelMakefileIsNoSourceTree() throws IOException {
        assertThrows(IOException.class, () -> Kbuild.kernelVersion(tree));
        Files.writeString(tree.resolve("Makefile"), "all:\n\ttrue\n");
        assertThrows(IOException.class, () -> Kbuild.kernelVersion(tree));
    }

    @Test
    void archNames() {
        assertEquals(KernelArch.X86_64, KernelArch.parse("amd64"));
        assertEquals(KernelArch.AARCH64, KernelArch.parse("arm64"));
        assertEquals("bzImage", KernelArch.X86_64.imageName());
        assertThrows(IllegalArgumentException.class, () -> KernelArch.parse("riscv64"));
    }
}
