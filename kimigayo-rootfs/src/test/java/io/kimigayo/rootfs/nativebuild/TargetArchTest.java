package io.kimigayo.rootfs.nativebuild;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetArchTest {

    @Test
    void kimigayoAndDebianNamesNameTheSameMachine() {
        assertEquals(TargetArch.AARCH64, TargetArch.parse("aarch64"));
        assertEquals(TargetArch.AARCH64, TargetArch.parse("arm64"));
        assertEquals(TargetArch.AARCH64, TargetArch.parse(" ARM64 "));
        assertEquals(TargetArch.X86_64, TargetArch.parse("x86_64"));
        assertEquals(TargetArch.X86_64, TargetArch.parse("amd64"));
        assertEquals("aarch64", TargetArch.parse("arm64").id());
        assertEquals("arm64", TargetArch.AARCH64.debianName());
    }

    @Test
    void namesTheToolchainTheLoaderAndTheElfMachine() {
        assertEquals("aarch64-linux-gnu", TargetArch.AARCH64.gnuTriplet());
        assertEquals("/lib/ld-musl-aarch64.so.1", TargetArch.AARCH64.muslLoader());
        assertEquals("/lib/ld-musl-x86_64.so.1", TargetArch.X86_64.muslLoader());
        assertEquals(183, TargetArch.AARCH64.elfMachine());
        assertEquals(62, TargetArch.X86_64.elfMachine());
    }

    @Test
    void anotherMachineIsRefusedNamingTheOnesKimigayoBuilds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetArch.parse("riscv64"));
        assertTrue(e.getMessage().contains("'riscv64'") && e.getMessage().contains("aarch64 (arm64)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TargetArch.parse(null));
    }

    @Test
    void theHostIsOneOfThem() {
        assertEquals(System.getProperty("os.arch").equals("amd64") ? TargetArch.X86_64 : TargetArch.AARCH64,
                TargetArch.host());
    }
}
