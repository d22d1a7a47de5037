/**
 * The C toolchain of native builds, and its identity in cache keys.
 */
package io.kimigayo.rootfs.nativebuild;
