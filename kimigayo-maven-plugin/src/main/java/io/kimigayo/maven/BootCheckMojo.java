package io.kimigayo.maven;

import io.kimigayo.kernel.boot.Accel;
import io.kimigayo.kernel.boot.BootChecker;
import io.kimigayo.kernel.boot.BootManifest;
import io.kimigayo.kernel.boot.BootRequest;
import io.kimigayo.kernel.boot.BootResult;
import io.kimigayo.kernel.build.KernelArch;
import io.kimigayo.rootfs.RootfsBuilder;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.time.Duration;

/**
 * Boots the kernel with the rootfs initramfs in QEMU (serial console, no graphics, {@code -no-reboot}) and waits for
 * the marker printed by init once the system is up; then checks inside the guest that ASLR is on, that seccomp
 * filters are available and which kernel runs, on which machine. The marker and the checks come from a small overlay
 * appended to a copy of the initramfs, so the image is untouched. Fails on a kernel panic, on the timeout or without the marker,
 * showing the console's last lines. Writes {@code boot/boot.json} and the console log under {@code outputDirectory}.
 */
@Mojo(name = "boot-check", defaultPhase = LifecyclePhase.INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class BootCheckMojo extends AbstractKimigayoMojo {

    /**
     * The kernel image; default this build's compile-kernel output, {@code kernel/<arch>/bzImage} (x86_64) or
     * {@code kernel/<arch>/Image} (aarch64).
     */
    @Parameter(property = "kimigayo.kernel")
    private File kernel;

    /** The initramfs; default this build's build-rootfs output, {@code rootfs/initramfs.cpio.gz}. */
    @Parameter(property = "kimigayo.initramfs")
    private File initramfs;

    /** Seconds the boot may take, from QEMU's start until it exits. */
    @Parameter(property = "kimigayo.timeout", defaultValue = "60")
    private int timeout;

    /**
     * auto (KVM when the kernel is of the host's machine and a quick probe shows KVM works, else TCG), kvm or tcg.
     */
    @Parameter(property = "kimigayo.accel", defaultValue = "auto")
    private String accel;

    /**
     * QEMU's machine type: default microvm on x86_64 (the fastest measured; pc, q35 ... also boot), virt on aarch64.
     */
    @Parameter(property = "kimigayo.machine")
    private String machine;

    /** Guest memory in MiB. */
    @Parameter(property = "kimigayo.memory", defaultValue = "256")
    private int memory;

    /**
     * The kernel's machine: x86_64 (amd64) or aarch64 (arm64), booted with qemu-system-x86_64 or
     * qemu-system-aarch64 (under TCG when the host is another machine); default the host's.
     */
    @Parameter(property = "kimigayo.arch")
    private String arch;

    @Override
    protected String goal() {
        return "boot-check";
    }

    @Override
    protected void run() throws IOException {
        KernelArch machineArch = KernelArch.parse(arch != null && !arch.isBlank() ? arch : HostArch.id());
        File image = kernel != null ? kernel : outputDirectory.toPath().resolve("kernel").resolve(machineArch.id())
                .resolve(machineArch.imageName()).toFile();
        File rootfs = initramfs != null ? initramfs : outputDirectory.toPath().resolve("rootfs")
                .resolve(RootfsBuilder.INITRAMFS).toFile();
        BootRequest request = new BootRequest(machineArch.id(), image.toPath(), rootfs.toPath(),
                Duration.ofSeconds(timeout), Accel.parse(accel), machine, memory,
                outputDirectory.toPath().resolve("boot"), line -> getLog().info(line));
        BootResult result = new BootChecker().check(request);
        BootManifest m = result.manifest();
        getLog().info(String.format(java.util.Locale.ROOT, "Boot check passed: marker after %.2f s%s, QEMU exited "
                + "after %.2f s (%s, %s)", m.timeToMarkerMillis() / 1000.0, m.timeToInitMillis() < 0 ? ""
                : String.format(java.util.Locale.ROOT, " (/init after %.2f s, then %.2f s to the marker)",
                m.timeToInitMillis() / 1000.0, (m.timeToMarkerMillis() - m.timeToInitMillis()) / 1000.0),
                m.timeToExitMillis() / 1000.0, m.machine(), m.accelerator()));
        for (BootManifest.Check c : m.checks()) {
            getLog().info("  " + c.name() + ": " + c.actual());
        }
        getLog().info("Wrote " + result.json());
        getLog().info("Console log: " + result.console());
    }
}
