package io.kimigayo.rootfs.elf;

/** What an ELF file is for, as the hardening audit classifies it. */
public enum ElfKind {
    /** A program: {@code ET_EXEC}, or {@code ET_DYN} marked as a position-independent executable. */
    EXECUTABLE,
    /** A shared library: {@code ET_DYN} that is not a position-independent executable. */
    SHARED_LIBRARY,
    /** An object file for the linker: {@code ET_REL}. */
    RELOCATABLE,
    /** Anything else: core dumps, {@code ET_NONE}, OS- or processor-specific types. */
    OTHER
}
