package io.kimigayo.rootfs.elf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses ELF bytes into an {@link ElfFile}: the header, the program headers, the section headers (with their names),
 * the interpreter, the dynamic section and the symbol names of {@code .dynsym} and {@code .symtab}. Every count and
 * offset read from the file is checked against the file's size before it is used.
 */
final class ElfReader {

    private final ElfInput raw;

    ElfReader(ElfInput raw) {
        this.raw = raw;
    }

    ElfFile read() throws ElfFormatException {
        return read(true);
    }

    /** The interpreter and dynamic section only: what a loader needs, without the (large) symbol tables. */
    ElfLinkage linkage() throws ElfFormatException {
        ElfFile parsed = read(false);
        return new ElfLinkage(parsed.name(), parsed.interpreter(), parsed.dynamic());
    }

    private ElfFile read(boolean withSymbols) throws ElfFormatException {
        ElfHeader header = ElfHeader.read(raw);
        ElfInput in = raw.as(header.byteOrder(), header.is64());
        SectionHeader first = firstSection(in, header);
        List<SectionHeader> sections = sections(in, header, first);
        List<ProgramHeader> segments = programHeaders(in, header, first);

        Optional<String> interpreter = Optional.empty();
        DynamicSection dynamic = DynamicSection.NONE;
        boolean hasDynamic = false;
        for (ProgramHeader segment : segments) {
            if (segment.type() == ElfConstants.PT_INTERP && interpreter.isEmpty()) {
                interpreter = Optional.of(interpreter(in, segment));
            } else if (segment.type() == ElfConstants.PT_DYNAMIC && !hasDynamic) {
                hasDynamic = true;
                dynamic = new DynamicSectionReader(in, segments, sections).read(segment);
            }
        }

        Set<String> dynamicSymbols = new LinkedHashSet<>();
        Set<String> symbols = new LinkedHashSet<>();
        for (SectionHeader section : withSymbols ? sections : List.<SectionHeader>of()) {
            if (section.type() == ElfConstants.SHT_DYNSYM) {
                dynamicSymbols.addAll(SymbolNames.read(in, section, sections));
            } else if (section.type() == ElfConstants.SHT_SYMTAB) {
                symbols.addAll(SymbolNames.read(in, section, sections));
            }
        }
        return new ElfFile(in.name(), header, segments, sections, interpreter, hasDynamic, dynamic, dynamicSymbols,
                symbols);
    }

    /** Section 0, which holds the real counts when the header's fields overflow; null when there is no table. */
    private static SectionHeader firstSection(ElfInput in, ElfHeader header) throws ElfFormatException {
        if (header.shoff() == 0) {
            return null;
        }
        int minimum = in.is64() ? SectionHeader.ELF64_SIZE : SectionHeader.ELF32_SIZE;
        if (header.shentsize() < minimum) {
            throw in.error("e_shentsize is " + header.shentsize() + ", but an ELF" + header.bits()
                    + " section header needs " + minimum + " bytes");
        }
        return SectionHeader.read(in, header.shoff(), header.shentsize(), 0);
    }

    private static List<SectionHeader> sections(ElfInput in, ElfHeader header, SectionHeader first)
            throws ElfFormatException {
        if (first == null) {
            return List.of();
        }
        long count = header.shnum() != 0 ? header.shnum() : first.size();
        long entrySize = header.shentsize();
        if (count < 0 || count > (in.size() - Math.min(in.size(), header.shoff())) / entrySize) {
            throw in.error("the section header table (" + Long.toUnsignedString(count) + " entries of " + entrySize
                    + " bytes at offset " + ElfInput.hex(header.shoff()) + ") lies outside the file ("
                    + in.size() + " bytes); the file is truncated or malformed");
        }
        List<SectionHeader> sections = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            sections.add(SectionHeader.read(in, header.shoff(), header.shentsize(), i));
        }
        long nameTable = header.shstrndx() == ElfConstants.SHN_XINDEX
                ? Integer.toUnsignedLong(first.link()) : header.shstrndx();
        if (nameTable == ElfConstants.SHN_UNDEF) {
            return List.copyOf(sections);
        }
        if (nameTable >= count) {
            throw in.error("e_shstrndx names section " + nameTable + ", but the file has only " + count
                    + " sections");
        }
        SectionHeader names = sections.get((int) nameTable);
        StringTable strings = StringTable.at(in, "the section name table (section " + nameTable + ")",
                names.offset(), names.size());
        List<SectionHeader> named = new ArrayList<>(sections.size());
        for (SectionHeader section : sections) {
            long nameIndex = SectionHeader.nameIndex(in, header.shoff(), header.shentsize(), section.index());
            String name = nameIndex == 0 && section.index() == 0 ? ""
                    : strings.get(nameIndex, "the name of section " + section.index());
            named.add(section.named(name));
        }
        return List.copyOf(named);
    }

    private static List<ProgramHeader> programHeaders(ElfInput in, ElfHeader header, SectionHeader first)
            throws ElfFormatException {
        long count = header.phnum();
        if (count == ElfConstants.PN_XNUM && first != null) {
            count = Integer.toUnsignedLong(first.info());
        }
        if (count == 0 || header.phoff() == 0) {
            return List.of();
        }
        int minimum = in.is64() ? ProgramHeader.ELF64_SIZE : ProgramHeader.ELF32_SIZE;
        if (header.phentsize() < minimum) {
            throw in.error("e_phentsize is " + header.phentsize() + ", but an ELF" + header.bits()
                    + " program header needs " + minimum + " bytes");
        }
        long entrySize = header.phentsize();
        if (count > (in.size() - Math.min(in.size(), header.phoff())) / entrySize || header.phoff() < 0) {
            throw in.error("the program header table (" + count + " entries of " + entrySize
                    + " bytes at offset " + ElfInput.hex(header.phoff()) + ") lies outside the file ("
                    + in.size() + " bytes); the file is truncated or malformed");
        }
        List<ProgramHeader> segments = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            segments.add(ProgramHeader.read(in, header.phoff(), header.phentsize(), i));
        }
        return List.copyOf(segments);
    }

    private static String interpreter(ElfInput in, ProgramHeader segment) throws ElfFormatException {
        String what = "PT_INTERP (program header " + segment.index() + ")";
        in.require(segment.offset(), segment.filesz(), what);
        if (segment.filesz() == 0) {
            throw in.error(what + " is empty; it should hold the path of the program interpreter");
        }
        return in.cString(segment.offset(), segment.offset() + segment.filesz(), what);
    }
}
