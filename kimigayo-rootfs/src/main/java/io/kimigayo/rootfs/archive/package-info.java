/**
 * Deterministic archives of a file tree: tar and the newc cpio of an initramfs.
 */
package io.kimigayo.rootfs.archive;
