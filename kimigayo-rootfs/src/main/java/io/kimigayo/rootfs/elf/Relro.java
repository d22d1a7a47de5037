package io.kimigayo.rootfs.elf;

/**
 * How much of the relocation data an ELF file asks the loader to make read-only after relocation
 * ("RELocation Read-Only").
 */
public enum Relro {
    /** No {@code PT_GNU_RELRO}: the GOT and friends stay writable. */
    NONE,
    /** {@code PT_GNU_RELRO} with lazy binding: the part of the GOT used for lazy binding stays writable. */
    PARTIAL,
    /** {@code PT_GNU_RELRO} and immediate binding ({@code BIND_NOW}): the whole GOT becomes read-only. */
    FULL
}
