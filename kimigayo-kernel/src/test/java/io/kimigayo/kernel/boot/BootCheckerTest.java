package io.kimigayo.kernel.boot;

import io.kimigayo.kernel.build.KernelArch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootCheckerTest {

    @TempDir
    Path work;

    private static final Map<String, String> GOOD = Map.of("up", "", "randomize_va_space", "2",
            "status:Seccomp:0", "", "status:Seccomp_filters:0", "", "release", "6.1.192", "machine", "x86_64",
            "done", "");

    private static List<String> failing(List<BootManifest.Check> checks) {
        return checks.stream().filter(c -> !c.passed()).map(BootManifest.Check::name).toList();
    }

    @Test
    void whatAHardenedKernelReportsPasses() {
        List<BootManifest.Check> checks = BootChecker.checks(GOOD, Optional.of("6.1.192"), KernelArch.X86_64);
        assertEquals(List.of(), failing(checks));
        assertEquals("Seccomp:0", checks.get(1).actual());
        assertEquals("Seccomp_filters:0", checks.get(2).actual());
    }

    @Test
    void missingAslrSeccompOrAnotherKernelFails() {
        Map<String, String> weak = Map.of("up", "", "randomize_va_space", "0", "status:Seccomp:0", "",
                "release", "6.1.0-99-amd64");
        assertEquals(List.of("ASLR (/proc/sys/kernel/randomize_va_space)",
                "seccomp filters (/proc/self/status Seccomp_filters)", "kernel release (uname -r)",
                "machine (uname -m)", "check script finished"),
                failing(BootChecker.checks(weak, Optional.of("6.1.192"), KernelArch.X86_64)));
        assertEquals(List.of(), failing(BootChecker.checks(GOOD, Optional.empty(), KernelArch.X86_64)));
    }

    private static Map<String, String> openrc(String runlevel, String... services) {
        Map<String, String> guest = new java.util.LinkedHashMap<>(GOOD);
        guest.put("openrc:runlevel", runlevel);
        for (String s : services) {
            String[] kv = s.split("=");
            guest.put("openrc:" + kv[0], kv[1]);
        }
        return guest;
    }

    @Test
    void anOpenrcGuestPassesWhenTheDefaultRunlevelIsReachedWithEveryServiceStarted() {
        List<BootManifest.Check> checks = BootChecker.checks(openrc("default", "sysinit:devfs=started",
                "boot:hostname=started", "default:myapp=started", "shutdown:killprocs=stopped",
                "dynamic:needed=stopped"), Optional.empty(), KernelArch.X86_64);
        assertEquals(List.of(), failing(checks));
        BootManifest.Check services = checks.stream().filter(c -> c.name().startsWith("OpenRC services"))
                .findFirst().orElseThrow();
        assertEquals("started: sysinit/devfs boot/hostname default/myapp", services.actual());
    }

    @Test
    void anOpenrcGuestFailsOnAnotherRunlevelOrAServiceNotStarted() {
        assertEquals(List.of("OpenRC runlevel (rc-status --runlevel)"), failing(BootChecker.checks(
                openrc("boot", "boot:hostname=started"), Optional.empty(), KernelArch.X86_64)));
        List<BootManifest.Check> checks = BootChecker.checks(openrc("default", "boot:hostname=started",
                "default:myapp=crashed"), Optional.empty(), KernelArch.X86_64);
        assertEquals(List.of("OpenRC services of sysinit, boot and default (rc-status -a)"), failing(checks));
        assertTrue(checks.stream().anyMatch(c -> c.actual().equals("not started: default/myapp=crashed")));
        // no service listed at all is no proof either
        assertEquals(List.of("OpenRC services of sysinit, boot and default (rc-status -a)"),
                failing(BootChecker.checks(openrc("default"), Optional.empty(), KernelArch.X86_64)));
    }

    @Test
    void aGuestWithoutOpenrcHasNoOpenrcChecks() {
        assertTrue(BootChecker.checks(GOOD, Optional.empty(), KernelArch.X86_64).stream()
                .noneMatch(c -> c.name().startsWith("OpenRC")));
    }

    @Test
    void aGuestOfAnotherMachineThanTheKernelsFails() {
        List<BootManifest.Check> checks = BootChecker.checks(GOOD, Optional.of("6.1.192"), KernelArch.AARCH64);
        assertEquals(List.of("machine (uname -m)"), failing(checks));
        assertEquals("x86_64", checks.get(4).actual());
        assertEquals("aarch64", checks.get(4).expected());
    }

    @Test
    void theExpectedReleaseComesFromKernelJsonBesideTheKernel() throws IOException {
        Path kernel = work.resolve("bzImage");
        assertEquals(Optional.empty(), BootChecker.expectedRelease(kernel));
        Files.writeString(work.resolve("kernel.json"), "{\"name\":\"linux\",\"version\":\"6.1.192\"}");
        assertEquals(Optional.of("6.1.192"), BootChecker.expectedRelease(kernel));
    }

    @Test
    void theQemuCommandLine() {
        QemuCommand c = new QemuCommand(io.kimigayo.kernel.build.KernelArch.X86_64, "microvm", Accel.TCG, 256,
                Path.of("/k/bzImage"), Path.of("/k/initrd"));
        String args = String.join(" ", c.arguments());
        assertTrue(args.startsWith("qemu-system-x86_64 -machine microvm -accel tcg -cpu max -smp 1 -m 256 "
                + "-nodefaults -no-user-config -display none -serial stdio -no-reboot -kernel /k/bzImage "
                + "-initrd /k/initrd -append"), args);
        assertEquals("console=ttyS0 panic=-1 reboot=t", c.kernelCommandLine());
        assertEquals("host", new QemuCommand(io.kimigayo.kernel.build.KernelArch.X86_64, "pc", Accel.KVM, 256,
                Path.of("k"), Path.of("i")).cpu());
    }

    @Test
    void theQemuCommandLineOfAnArm64Kernel() {
        QemuCommand c = new QemuCommand(KernelArch.AARCH64, "virt", Accel.TCG, 256, Path.of("/k/Image"),
                Path.of("/k/initrd"));
        String args = String.join(" ", c.arguments());
        assertTrue(args.startsWith("qemu-system-aarch64 -machine virt -accel tcg -cpu max,pauth-impdef=on -smp 1 "
                + "-m 256 "
                + "-nodefaults -no-user-config -display none -serial stdio -no-reboot -kernel /k/Image "
                + "-initrd /k/initrd -append"), args);
        assertEquals("console=ttyAMA0 panic=-1", c.kernelCommandLine());
        assertEquals("host", new QemuCommand(KernelArch.AARCH64, "virt", Accel.KVM, 256, Path.of("k"),
                Path.of("i")).cpu());
    }

    @Test
    void accelNames() {
        assertEquals(Accel.AUTO, Accel.parse(null));
        assertEquals(Accel.KVM, Accel.parse(" KVM "));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Accel.parse("hvf")).getMessage().contains("use auto, kvm or tcg"));
    }
}
