/**
 * Assembling the root filesystem of a variant: the {@code /etc} skeleton, users and groups, and the files a user
 * adds.
 */
package io.kimigayo.rootfs.assemble;
