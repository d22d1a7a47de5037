package io.kimigayo.rootfs.elf;

/**
 * One section header of an ELF file.
 *
 * @param index position in the section header table
 * @param name the section's name from the section name string table ({@code ""} when the file has none)
 * @param type {@code sh_type}, e.g. 2 {@code SHT_SYMTAB}, 3 {@code SHT_STRTAB}, 11 {@code SHT_DYNSYM}
 * @param addr {@code sh_addr}
 * @param offset {@code sh_offset}
 * @param size {@code sh_size}
 * @param link {@code sh_link}: for a symbol table, the index of its string table
 * @param info {@code sh_info}
 * @param entsize {@code sh_entsize}
 */
public record SectionHeader(int index, String name, int type, long addr, long offset, long size, int link, int info,
                            long entsize) {

    static final int ELF32_SIZE = 40;
    static final int ELF64_SIZE = 64;

    /** The same header with its name filled in. */
    SectionHeader named(String sectionName) {
        return new SectionHeader(index, sectionName, type, addr, offset, size, link, info, entsize);
    }

    /** Reads entry {@code index} of the table at {@code tableOffset}, without its name (the name index is lost). */
    static SectionHeader read(ElfInput in, long tableOffset, int entrySize, int index) throws ElfFormatException {
        long at = tableOffset + (long) index * entrySize;
        String what = "section header " + index;
        in.require(at, entrySize, what);
        if (in.is64()) {
            return new SectionHeader(index, "", (int) in.u32(at + 4, what), in.u64(at + 16, what),
                    in.u64(at + 24, what), in.u64(at + 32, what), (int) in.u32(at + 40, what),
                    (int) in.u32(at + 44, what), in.u64(at + 56, what));
        }
        return new SectionHeader(index, "", (int) in.u32(at + 4, what), in.u32(at + 12, what),
                in.u32(at + 16, what), in.u32(at + 20, what), (int) in.u32(at + 24, what),
                (int) in.u32(at + 28, what), in.u32(at + 36, what));
    }

    /** The {@code sh_name} index of entry {@code index}: the offset of its name in the section name table. */
    static long nameIndex(ElfInput in, long tableOffset, int entrySize, int index) throws ElfFormatException {
        return in.u32(tableOffset + (long) index * entrySize, "section header " + index + " sh_name");
    }
}
