package io.kimigayo.kernel.config;

import io.kimigayo.kernel.build.KernelArch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
                "RD_GZIP", "BINFMT_ELF", "BINFMT_SCRIPT", "DEVTMPFS", "PROC_FS", "SYSFS", "MULTIUSER")) {
            assertEquals("y", o.get(on), "CONFIG_" + on);
        }
    }

    @Test
    void arm64FragmentsComeWithTheMultiArchSupport() {
        assertThrows(IllegalArgumentException.class, () -> KimigayoFragments.hardening(KernelArch.AARCH64));
    }
}
