package io.kimigayo.rootfs.elf;

import java.nio.ByteOrder;

/**
 * The ELF file header: class (32 or 64 bit), byte order, OS ABI, object type ({@code e_type}), machine
 * ({@code e_machine}) and where the program and section header tables are. Counts are as stored in the header; the
 * extended numbering escapes ({@code PN_XNUM}, {@code SHN_XINDEX}) are resolved by the reader.
 *
 * @param bits 32 or 64
 * @param byteOrder little or big endian
 * @param osAbi {@code e_ident[EI_OSABI]}
 * @param type {@code e_type}: 1 relocatable, 2 executable, 3 shared object (or PIE), 4 core
 * @param machine {@code e_machine}, see {@link ElfMachine}
 * @param entry the entry point address
 * @param phoff file offset of the program header table, 0 if none
 * @param shoff file offset of the section header table, 0 if none
 * @param flags processor-specific {@code e_flags}
 * @param phentsize size of one program header
 * @param phnum number of program headers as stored ({@code 0xffff} means: see section 0)
 * @param shentsize size of one section header
 * @param shnum number of section headers as stored (0 with a nonzero {@code shoff} means: see section 0)
 * @param shstrndx index of the section name string table as stored ({@code 0xffff} means: see section 0)
 */
public record ElfHeader(int bits, ByteOrder byteOrder, int osAbi, int type, int machine, long entry, long phoff,
                        long shoff, int flags, int phentsize, int phnum, int shentsize, int shnum, int shstrndx) {

    /** Size of the file header of each class. */
    static final int ELF32_HEADER_SIZE = 52;
    static final int ELF64_HEADER_SIZE = 64;

    /** True for ELF64. */
    public boolean is64() {
        return bits == 64;
    }

    /** True for big-endian files. */
    public boolean bigEndian() {
        return byteOrder == ByteOrder.BIG_ENDIAN;
    }

    /** The machine's usual name, such as {@code x86_64} or {@code aarch64}. */
    public String machineName() {
        return ElfMachine.name(machine);
    }

    /**
     * Reads the identification bytes and the header. Returns the header and leaves the class and byte order to be
     * applied to the input by the caller ({@link #bits()}, {@link #byteOrder()}).
     */
    static ElfHeader read(ElfInput raw) throws ElfFormatException {
        if (raw.size() < ElfConstants.EI_NIDENT) {
            throw raw.error("truncated: " + raw.size() + " bytes, shorter than the 16-byte ELF identification");
        }
        if (!ElfMagic.matches(raw)) {
            throw raw.error("not an ELF file (the first bytes are not 0x7f 'E' 'L' 'F')");
        }
        int elfClass = raw.u8(4, "EI_CLASS");
        int data = raw.u8(5, "EI_DATA");
        if (elfClass != ElfConstants.ELFCLASS32 && elfClass != ElfConstants.ELFCLASS64) {
            throw raw.error("unknown ELF class " + elfClass + " in EI_CLASS (1 is ELF32, 2 is ELF64)");
        }
        if (data != ElfConstants.ELFDATA2LSB && data != ElfConstants.ELFDATA2MSB) {
            throw raw.error("unknown data encoding " + data + " in EI_DATA (1 is little endian, 2 is big endian)");
        }
        boolean is64 = elfClass == ElfConstants.ELFCLASS64;
        ByteOrder order = data == ElfConstants.ELFDATA2LSB ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int headerSize = is64 ? ELF64_HEADER_SIZE : ELF32_HEADER_SIZE;
        if (raw.size() < headerSize) {
            throw raw.error("truncated: " + raw.size() + " bytes, shorter than the " + headerSize + "-byte ELF"
                    + (is64 ? "64" : "32") + " file header");
        }
        ElfInput in = raw.as(order, is64);
        int osAbi = in.u8(7, "EI_OSABI");
        int type = in.u16(16, "e_type");
        int machine = in.u16(18, "e_machine");
        int w = in.wordSize();
        long entry = in.word(24, "e_entry");
        long phoff = in.word(24 + w, "e_phoff");
        long shoff = in.word(24 + 2L * w, "e_shoff");
        long at = 24 + 3L * w;
        int flags = (int) in.u32(at, "e_flags");
        int phentsize = in.u16(at + 6, "e_phentsize");
        int phnum = in.u16(at + 8, "e_phnum");
        int shentsize = in.u16(at + 10, "e_shentsize");
        int shnum = in.u16(at + 12, "e_shnum");
        int shstrndx = in.u16(at + 14, "e_shstrndx");
        return new ElfHeader(is64 ? 64 : 32, order, osAbi, type, machine, entry, phoff, shoff, flags, phentsize,
                phnum, shentsize, shnum, shstrndx);
    }
}
