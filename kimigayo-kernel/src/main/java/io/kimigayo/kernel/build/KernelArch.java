package io.kimigayo.kernel.build;

import java.util.Locale;

/**
 * A machine Kimigayo builds kernels for: how Kbuild names it, where the boot image ends up, and how QEMU boots it.
 *
 * @param id          Kimigayo's name ({@code x86_64}, {@code aarch64}), as in {@code target/kimigayo/kernel/<id>/}
 * @param makeArch    Kbuild's {@code ARCH=}
 * @param srcArch     the directory under {@code arch/} ({@code SRCARCH})
 * @param imageTarget the make target that builds the boot image
 * @param imagePath   where Kbuild leaves the boot image, relative to the build directory
 * @param qemu        the QEMU system emulator
 * @param qemuPackage the Debian package that has it
 * @param machine     the QEMU machine type boot-check uses unless told otherwise
 * @param tcgCpu      the QEMU CPU model under TCG: one with the features the hardening uses
 * @param console     the serial console device the kernel writes to
 * @param bootOptions kernel command line options this machine needs besides the console, or {@code ""}
 */
public record KernelArch(String id, String makeArch, String srcArch, String imageTarget, String imagePath,
                         String qemu, String qemuPackage, String machine, String tcgCpu, String console,
                         String bootOptions) {

    /**
     * x86_64 on QEMU's microvm (the fastest measured, docs/performance.md), CPU {@code max} under TCG (SMEP, SMAP,
     * UMIP ...). {@code reboot=t}: the final reboot is a triple fault, since microvm has neither ACPI nor a keyboard
     * controller to reset through.
     */
    public static final KernelArch X86_64 = new KernelArch("x86_64", "x86_64", "x86", "bzImage",
            "arch/x86/boot/bzImage", "qemu-system-x86_64", "qemu-system-x86", "microvm", "max", "ttyS0",
            "reboot=t");

    /**
     * arm64 on QEMU's virt machine: PL011 console, reset through PSCI. Under TCG CPU {@code max} (PAN, E0PD, BTI,
     * pointer authentication ...) with {@code pauth-impdef=on}: pointer authentication with QEMU's own algorithm
     * instead of emulating QARMA5, which halves the boot time of a kernel built with pac-ret (docs/performance.md).
     */
    public static final KernelArch AARCH64 = new KernelArch("aarch64", "arm64", "arm64", "Image",
            "arch/arm64/boot/Image", "qemu-system-aarch64", "qemu-system-arm", "virt", "max,pauth-impdef=on",
            "ttyAMA0", "");

    /** The file name of the boot image: {@code bzImage} or {@code Image}. */
    public String imageName() {
        return imageTarget;
    }

    /** {@code x86_64}/{@code amd64} or {@code aarch64}/{@code arm64}. */
    public static KernelArch parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new IllegalArgumentException("arch '" + name + "': Kimigayo builds x86_64 and aarch64");
        };
    }

    /** The machine this JVM runs on. */
    public static KernelArch host() {
        return parse(System.getProperty("os.arch"));
    }
}
