package io.kimigayo.rootfs.elf;

/**
 * The numbers of the ELF specification (System V gABI and GNU extensions) that the reader and the audit use, for
 * callers of {@link ElfFile#programHeader(int)} and {@link DynamicSection#has(long)}.
 */
public final class ElfConstants {

    public static final int EI_NIDENT = 16;
    public static final int ELFCLASS32 = 1;
    public static final int ELFCLASS64 = 2;
    public static final int ELFDATA2LSB = 1;
    public static final int ELFDATA2MSB = 2;

    public static final int ET_NONE = 0;
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;

    /** e_phnum value meaning "the real count is in section 0's sh_info". */
    public static final int PN_XNUM = 0xffff;
    /** e_shstrndx value meaning "the real index is in section 0's sh_link". */
    public static final int SHN_XINDEX = 0xffff;
    public static final int SHN_UNDEF = 0;

    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_GNU_STACK = 0x6474e551;
    public static final int PT_GNU_RELRO = 0x6474e552;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_DYNAMIC = 6;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;

    public static final long DT_NULL = 0;
    public static final long DT_NEEDED = 1;
    public static final long DT_STRTAB = 5;
    public static final long DT_STRSZ = 10;
    public static final long DT_SONAME = 14;
    public static final long DT_RPATH = 15;
    public static final long DT_BIND_NOW = 24;
    public static final long DT_RUNPATH = 29;
    public static final long DT_FLAGS = 30;
    public static final long DT_FLAGS_1 = 0x6ffffffbL;

    public static final long DF_BIND_NOW = 0x8;
    public static final long DF_1_NOW = 0x1;
    public static final long DF_1_PIE = 0x08000000L;

    private ElfConstants() {
    }
}
