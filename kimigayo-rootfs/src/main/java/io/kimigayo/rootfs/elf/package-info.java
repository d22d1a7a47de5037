/**
 * An ELF reader for the hardening audit (PIE, RELRO, a non-executable stack, stack protector) and for the dynamic
 * loader's view of a file; every offset bounds-checked.
 */
package io.kimigayo.rootfs.elf;
