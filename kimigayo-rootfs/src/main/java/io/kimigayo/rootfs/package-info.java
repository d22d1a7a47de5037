/**
 * Kimigayo OS root filesystems: {@link io.kimigayo.rootfs.RootfsBuilder} (the library behind {@code build-rootfs})
 * compiles musl and BusyBox, assembles the tree, applies the policy gates and writes {@code rootfs.tar},
 * {@code initramfs.cpio.gz} and {@code rootfs.json}.
 */
package io.kimigayo.rootfs;
