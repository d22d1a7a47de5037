package io.kimigayo.kernel.boot;

import io.kimigayo.kernel.build.KernelArch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything {@link BootChecker} needs.
 *
 * @param arch            the guest's machine ({@code x86_64}, {@code aarch64})
 * @param kernel          the kernel image; a {@code kernel.json} beside it gives the release the guest must report
 * @param initramfs       the product's initramfs (left untouched)
 * @param timeout         how long the whole boot may take, marker and exit included
 * @param accel           auto, kvm or tcg
 * @param machine         QEMU's machine type; blank for the arch's ({@link KernelArch#machine()}: microvm, virt)
 * @param memoryMiB       guest memory
 * @param outputDirectory where {@code boot.json}, the console log and the check's initrd go
 *                        ({@code target/kimigayo/boot})
 * @param progress        receives progress lines
 */
public record BootRequest(String arch, Path kernel, Path initramfs, Duration timeout, Accel accel, String machine,
                          int memoryMiB, Path outputDirectory, Consumer<String> progress) {

    public BootRequest {
        machine = machine == null || machine.isBlank() ? KernelArch.parse(arch).machine() : machine.trim();
        memoryMiB = memoryMiB < 1 ? 256 : memoryMiB;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("timeout " + timeout.toSeconds() + ": give the seconds the boot may "
                    + "take");
        }
        accel = accel == null ? Accel.AUTO : accel;
        progress = progress == null ? line -> { } : progress;
    }
}
