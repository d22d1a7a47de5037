package io.kimigayo.rootfs.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the dynamic section a {@code PT_DYNAMIC} segment points at, and resolves its string entries
 * ({@code DT_NEEDED}, {@code DT_SONAME}, {@code DT_RPATH}, {@code DT_RUNPATH}) in the string table that
 * {@code DT_STRTAB}/{@code DT_STRSZ} give as a virtual address, mapped to a file offset through the {@code PT_LOAD}
 * segments. When that address is in no {@code PT_LOAD}, the string table named by the {@code SHT_DYNAMIC} section's
 * {@code sh_link} is used, if there is one.
 */
final class DynamicSectionReader {

    private final ElfInput in;
    private final List<ProgramHeader> segments;
    private final List<SectionHeader> sections;

    DynamicSectionReader(ElfInput in, List<ProgramHeader> segments, List<SectionHeader> sections) {
        this.in = in;
        this.segments = segments;
        this.sections = sections;
    }

    DynamicSection read(ProgramHeader dynamic) throws ElfFormatException {
        String what = "PT_DYNAMIC (program header " + dynamic.index() + ")";
        in.require(dynamic.offset(), dynamic.filesz(), what);
        int entrySize = in.is64() ? DynamicEntry.ELF64_SIZE : DynamicEntry.ELF32_SIZE;
        long count = dynamic.filesz() / entrySize;
        int w = in.wordSize();
        List<DynamicEntry> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long at = dynamic.offset() + i * entrySize;
            String entry = "dynamic entry " + i;
            long tag = in.word(at, entry);
            if (tag == ElfConstants.DT_NULL) {
                break;
            }
            entries.add(new DynamicEntry(tag, in.word(at + w, entry)));
        }
        if (!needsStrings(entries)) {
            return new DynamicSection(entries, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        StringTable strings = stringTable(entries);
        List<String> needed = new ArrayList<>();
        String soname = null;
        String rpath = null;
        String runpath = null;
        for (DynamicEntry e : entries) {
            if (e.tag() == ElfConstants.DT_NEEDED) {
                needed.add(strings.get(e.value(), "DT_NEEDED"));
            } else if (e.tag() == ElfConstants.DT_SONAME && soname == null) {
                soname = strings.get(e.value(), "DT_SONAME");
            } else if (e.tag() == ElfConstants.DT_RPATH && rpath == null) {
                rpath = strings.get(e.value(), "DT_RPATH");
            } else if (e.tag() == ElfConstants.DT_RUNPATH && runpath == null) {
                runpath = strings.get(e.value(), "DT_RUNPATH");
            }
        }
        return new DynamicSection(entries, needed, Optional.ofNullable(soname), Optional.ofNullable(rpath),
                Optional.ofNullable(runpath));
    }

    private static boolean needsStrings(List<DynamicEntry> entries) {
        for (DynamicEntry e : entries) {
            long tag = e.tag();
            if (tag == ElfConstants.DT_NEEDED || tag == ElfConstants.DT_SONAME || tag == ElfConstants.DT_RPATH
                    || tag == ElfConstants.DT_RUNPATH) {
                return true;
            }
        }
        return false;
    }

    private StringTable stringTable(List<DynamicEntry> entries) throws ElfFormatException {
        Long address = null;
        Long size = null;
        for (DynamicEntry e : entries) {
            if (e.tag() == ElfConstants.DT_STRTAB && address == null) {
                address = e.value();
            } else if (e.tag() == ElfConstants.DT_STRSZ && size == null) {
                size = e.value();
            }
        }
        if (address == null) {
            throw in.error("the dynamic section has string entries (DT_NEEDED, DT_SONAME, ...) but no DT_STRTAB");
        }
        for (ProgramHeader segment : segments) {
            if (segment.type() == ElfConstants.PT_LOAD && segment.containsInFile(address)) {
                long offset = segment.offset() + (address - segment.vaddr());
                long available = segment.filesz() - (address - segment.vaddr());
                long length = size == null ? available : size;
                if (Long.compareUnsigned(length, available) > 0) {
                    throw in.error("DT_STRSZ " + Long.toUnsignedString(length) + " runs past the end of the PT_LOAD"
                            + " segment (program header " + segment.index() + ") that holds DT_STRTAB "
                            + ElfInput.hex(address));
                }
                return StringTable.at(in, "the dynamic string table (DT_STRTAB " + ElfInput.hex(address) + ")",
                        offset, length);
            }
        }
        for (SectionHeader section : sections) {
            if (section.type() == ElfConstants.SHT_DYNAMIC && section.link() > 0
                    && section.link() < sections.size()) {
                SectionHeader table = sections.get(section.link());
                return StringTable.at(in, "the dynamic string table (section " + table.index() + " "
                        + table.name() + ")", table.offset(), table.size());
            }
        }
        throw in.error("DT_STRTAB address " + ElfInput.hex(address) + " is not inside any PT_LOAD segment");
    }
}
