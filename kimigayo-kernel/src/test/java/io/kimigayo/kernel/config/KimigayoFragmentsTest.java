package io.kimigayo.kernel.config;

import io.kimigayo.kernel.build.KernelArch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KimigayoFragmentsTest {

    private static Map<String, String> options(ConfigFragment f) {
        return f.entries().stream().collect(Collectors.toMap(e -> e.option().name(), e -> e.option().value()));
    }

    @Test
    void theHardeningFragmentHoldsWhatKimigayoPromises() {
        ConfigFragment hardening = KimigayoFragments.hardening(KernelArch.X86_64);
        Map<String, String> o = options(hardening);
        for (String on : List.of("RELOCATABLE", "RANDOMIZE_BASE", "STACKPROTECTOR_STRONG", "STRICT_KERNEL_RWX",
                "SECCOMP", "SECCOMP_FILTER", "NET", "SLUB", "HARDENED_USERCOPY", "FORTIFY_SOURCE",
                "INIT_ON_ALLOC_DEFAULT_ON")) {
            assertEquals("y", o.get(on), "CONFIG_" + on);
        }
        for (String off : List.of("KEXEC", "HIBERNATION", "USELIB", "LEGACY_PTYS", "MODIFY_LDT_SYSCALL", "DEVMEM")) {
            assertEquals("n", o.get(off), "CONFIG_" + off);
        }
        assertEquals(ConfigFragment.Kind.HARDENING, hardening.kind());
    }

    @Test
    void theBaselineBootsAnInitramfsOnASerialConsole() {
        Map<String, String> o = options(KimigayoFragments.baseline(KernelArch.X86_64));
        for (String on : List.of("64BIT", "PRINTK", "TTY", "SERIAL_8250", "SERIAL_8250_CONSOLE", "BLK_DEV_INITRD",
                "RD_GZIP", "BINFMT_ELF", "BINFMT_SCRIPT", "DEVTMPFS", "PROC_FS", "SYSFS", "MULTIUSER",
                "FILE_LOCKING")) {
            assertEquals("y", o.get(on), "CONFIG_" + on);
        }
    }

    @Test
    void theArm64HardeningFragmentHoldsTheSamePromisesAndArm64sOwn() {
        Map<String, String> o = options(KimigayoFragments.hardening(KernelArch.AARCH64));
        for (String on : List.of("RELOCATABLE", "RANDOMIZE_BASE", "STACKPROTECTOR_STRONG", "STRICT_KERNEL_RWX",
                "SECCOMP", "SECCOMP_FILTER", "NET", "SLUB", "HARDENED_USERCOPY", "FORTIFY_SOURCE",
                "INIT_ON_ALLOC_DEFAULT_ON", "UNMAP_KERNEL_AT_EL0", "ARM64_PTR_AUTH", "ARM64_PTR_AUTH_KERNEL",
                "ARM64_BTI", "ARM64_SW_TTBR0_PAN", "SHADOW_CALL_STACK")) {
            assertEquals("y", o.get(on), "CONFIG_" + on);
        }
        for (String off : List.of("KEXEC", "HIBERNATION", "LEGACY_PTYS", "DEVMEM", "COMPAT")) {
            assertEquals("n", o.get(off), "CONFIG_" + off);
        }
        // GCC cannot build BTI into the kernel itself (Kconfig: depends on !CC_IS_GCC); not promised.
        assertFalse(o.containsKey("ARM64_BTI_KERNEL"));
        // x86-only options have no place in it.
        assertFalse(o.containsKey("MODIFY_LDT_SYSCALL"));
        assertFalse(o.containsKey("RETPOLINE"));
    }

    @Test
    void theArm64BaselineBootsOnThePl011Console() {
        Map<String, String> o = options(KimigayoFragments.baseline(KernelArch.AARCH64));
        for (String on : List.of("PRINTK", "TTY", "SERIAL_AMBA_PL011", "SERIAL_AMBA_PL011_CONSOLE", "BLK_DEV_INITRD",
                "RD_GZIP", "BINFMT_ELF", "BINFMT_SCRIPT", "DEVTMPFS", "PROC_FS", "SYSFS", "MULTIUSER",
                "FILE_LOCKING")) {
            assertEquals("y", o.get(on), "CONFIG_" + on);
        }
    }
}
