package io.kimigayo.rootfs;

import java.nio.file.Path;

/**
 * What a rootfs build wrote.
 *
 * @param tar       {@code rootfs.tar}
 * @param initramfs {@code initramfs.cpio.gz}
 * @param json      {@code rootfs.json}
 * @param manifest  what rootfs.json says
 */
public record RootfsResult(Path tar, Path initramfs, Path json, RootfsManifest manifest) {
}
