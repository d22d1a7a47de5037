package io.kimigayo.rootfs.elf;

import java.util.Optional;

/**
 * What the dynamic loader reads of an ELF file: its program interpreter and its dynamic section ({@code DT_NEEDED},
 * {@code DT_SONAME}, {@code DT_RPATH}, {@code DT_RUNPATH}, ...). Read with {@link ElfFile#readLinkage}.
 *
 * @param name        the name of the input, used in messages
 * @param interpreter the path in {@code PT_INTERP}, if there is one
 * @param dynamic     the dynamic section ({@link DynamicSection#NONE} without {@code PT_DYNAMIC})
 */
public record ElfLinkage(String name, Optional<String> interpreter, DynamicSection dynamic) {
}
