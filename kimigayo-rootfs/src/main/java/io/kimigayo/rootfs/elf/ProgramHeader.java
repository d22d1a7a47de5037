package io.kimigayo.rootfs.elf;

/**
 * One program header (segment) of an ELF file.
 *
 * @param index position in the program header table
 * @param type {@code p_type}, e.g. 1 {@code PT_LOAD}, 2 {@code PT_DYNAMIC}, 3 {@code PT_INTERP},
 *             {@code 0x6474e551 PT_GNU_STACK}, {@code 0x6474e552 PT_GNU_RELRO}
 * @param flags {@code p_flags}: 1 execute, 2 write, 4 read
 * @param offset {@code p_offset} in the file
 * @param vaddr {@code p_vaddr}
 * @param filesz {@code p_filesz}
 * @param memsz {@code p_memsz}
 */
public record ProgramHeader(int index, int type, int flags, long offset, long vaddr, long filesz, long memsz) {

    static final int ELF32_SIZE = 32;
    static final int ELF64_SIZE = 56;

    /** True when the segment is mapped executable ({@code PF_X}). */
    public boolean executable() {
        return (flags & ElfConstants.PF_X) != 0;
    }

    /**
     * True when the virtual address {@code address} lies in the part of this segment that comes from the file
     * ({@code [p_vaddr, p_vaddr + p_filesz)}, unsigned).
     */
    boolean containsInFile(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, filesz) < 0;
    }

    /** Reads entry {@code index} of the table at {@code tableOffset} with entries {@code entrySize} bytes apart. */
    static ProgramHeader read(ElfInput in, long tableOffset, int entrySize, int index) throws ElfFormatException {
        long at = tableOffset + (long) index * entrySize;
        String what = "program header " + index;
        in.require(at, entrySize, what);
        if (in.is64()) {
            return new ProgramHeader(index, (int) in.u32(at, what), (int) in.u32(at + 4, what),
                    in.u64(at + 8, what), in.u64(at + 16, what), in.u64(at + 32, what), in.u64(at + 40, what));
        }
        return new ProgramHeader(index, (int) in.u32(at, what), (int) in.u32(at + 24, what),
                in.u32(at + 4, what), in.u32(at + 8, what), in.u32(at + 16, what), in.u32(at + 20, what));
    }
}
