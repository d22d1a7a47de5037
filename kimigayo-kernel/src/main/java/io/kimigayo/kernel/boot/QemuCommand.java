package io.kimigayo.kernel.boot;

import io.kimigayo.kernel.build.KernelArch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of a boot check: no graphics and no default devices, the serial console on stdio, one CPU,
 * {@code -no-reboot} so that the guest's reboot ends QEMU. The kernel command line sends the console to the serial
 * port, reboots at once on a panic ({@code panic=-1}, so a panic ends QEMU too) and adds what the machine needs
 * ({@link KernelArch#bootOptions()}; on x86_64 {@code reboot=t}: a reboot by triple fault, as microvm has neither
 * ACPI nor a keyboard controller to reset through; arm64 resets through PSCI).
 *
 * @param arch      the guest's machine
 * @param machine   QEMU's machine type ({@code microvm}, {@code pc}, {@code virt}, ...)
 * @param accel     {@code kvm} or {@code tcg}
 * @param memoryMiB guest memory
 * @param kernel    the kernel image
 * @param initrd    the initramfs (the product's with the check overlay appended)
 */
public record QemuCommand(KernelArch arch, String machine, Accel accel, int memoryMiB, Path kernel, Path initrd) {

    public String kernelCommandLine() {
        return "console=" + arch.console() + " panic=-1" + (arch.bootOptions().isEmpty() ? "" : " "
                + arch.bootOptions());
    }

    /**
     * {@code host} under KVM; under TCG the arch's {@link KernelArch#tcgCpu()}, a {@code max} CPU, so the guest sees
     * what the hardening uses (SMEP, SMAP, UMIP on x86_64; PAN, pointer authentication, BTI on arm64).
     */
    public String cpu() {
        return accel == Accel.KVM ? "host" : arch.tcgCpu();
    }

    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(arch.qemu(),
                "-machine", machine,
                "-accel", accel.id(),
                "-cpu", cpu(),
                "-smp", "1",
                "-m", Integer.toString(memoryMiB),
                "-nodefaults", "-no-user-config",
                "-display", "none",
                "-serial", "stdio",
                "-no-reboot",
                "-kernel", kernel.toString(),
                "-initrd", initrd.toString(),
                "-append", kernelCommandLine()));
        return args;
    }
}
