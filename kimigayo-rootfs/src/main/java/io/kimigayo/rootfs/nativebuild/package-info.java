/**
 * The C toolchain of native builds, and its identity in cache keys; how and where native builds run.
 */
package io.kimigayo.rootfs.nativebuild;
