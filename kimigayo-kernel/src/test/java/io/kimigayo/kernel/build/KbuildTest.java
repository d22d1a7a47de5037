package io.kimigayo.kernel.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void kconfigSeesTheCrossToolchainOfACrossBuild() throws IOException {
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 192\n");
        List<String> cross = new Kbuild(tree, tree.resolve("obj"), KernelArch.AARCH64, "aarch64-linux-gnu-", null, 2)
                .kconfigEnvironment("aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0");
        for (String word : List.of("ARCH=arm64", "SRCARCH=arm64", "CROSS_COMPILE=aarch64-linux-gnu-",
                "CC=aarch64-linux-gnu-gcc", "LD=aarch64-linux-gnu-ld", "OBJCOPY=aarch64-linux-gnu-objcopy",
                "HOSTCC=gcc", "KERNELVERSION=6.1.192")) {
            assertTrue(cross.contains(word), word + " in " + cross);
        }
        List<String> nativeBuild = new Kbuild(tree, tree.resolve("obj"), KernelArch.X86_64, null, null, 2)
                .kconfigEnvironment("gcc (Debian 12.2.0-14) 12.2.0");
        assertTrue(nativeBuild.containsAll(List.of("ARCH=x86_64", "SRCARCH=x86", "CROSS_COMPILE=", "CC=gcc",
                "LD=ld")), nativeBuild.toString());
    }

    @Test
    void archNames() {
        assertEquals(KernelArch.X86_64, KernelArch.parse("amd64"));
        assertEquals(KernelArch.AARCH64, KernelArch.parse("arm64"));
        assertEquals("bzImage", KernelArch.X86_64.imageName());
        assertEquals("Image", KernelArch.AARCH64.imageName());
        assertEquals("virt", KernelArch.AARCH64.machine());
        assertEquals("qemu-system-arm", KernelArch.AARCH64.qemuPackage());
        assertThrows(IllegalArgumentException.class, () -> KernelArch.parse("riscv64"));
    }
}
