package io.kimigayo.rootfs.elf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the names of the symbols in a symbol table section ({@code SHT_SYMTAB} or {@code SHT_DYNSYM}), looked up in
 * the string table its {@code sh_link} names.
 */
final class SymbolNames {

    static final int ELF32_SYM_SIZE = 16;
    static final int ELF64_SYM_SIZE = 24;

    private SymbolNames() {
    }

    /** The distinct non-empty names in {@code table}, in table order. */
    static Set<String> read(ElfInput in, SectionHeader table, List<SectionHeader> sections)
            throws ElfFormatException {
        String what = "symbol table section " + table.index() + " " + table.name();
        int minimum = in.is64() ? ELF64_SYM_SIZE : ELF32_SYM_SIZE;
        long entrySize = table.entsize() == 0 ? minimum : table.entsize();
        if (entrySize < minimum || entrySize > in.size()) {
            throw in.error(what + " has entry size " + Long.toUnsignedString(table.entsize())
                    + ", but an ELF" + (in.is64() ? "64" : "32") + " symbol needs " + minimum + " bytes");
        }
        in.require(table.offset(), table.size(), what);
        if (table.link() <= 0 || table.link() >= sections.size()) {
            throw in.error(what + " names string table section " + Integer.toUnsignedString(table.link())
                    + ", but the file has sections 0 to " + (sections.size() - 1));
        }
        SectionHeader strtab = sections.get(table.link());
        StringTable strings = StringTable.at(in, "string table section " + strtab.index() + " " + strtab.name(),
                strtab.offset(), strtab.size());
        long count = table.size() / entrySize;
        Set<String> names = new LinkedHashSet<>();
        for (long i = 0; i < count; i++) {
            long entry = i;
            // Inside the table, which was checked above; the message is built only for an error.
            long nameIndex = in.u32(table.offset() + i * entrySize, what);
            if (nameIndex != 0) {
                names.add(strings.get(nameIndex, () -> what + " entry " + entry));
            }
        }
        return names;
    }
}
