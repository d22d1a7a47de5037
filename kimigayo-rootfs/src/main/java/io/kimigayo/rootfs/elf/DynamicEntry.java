package io.kimigayo.rootfs.elf;

/**
 * One entry of the dynamic section: a tag ({@code d_tag}, e.g. 1 {@code DT_NEEDED}) and its value or address.
 *
 * @param tag {@code d_tag}
 * @param value {@code d_un}, an integer or a virtual address depending on the tag
 */
public record DynamicEntry(long tag, long value) {

    static final int ELF32_SIZE = 8;
    static final int ELF64_SIZE = 16;
}
