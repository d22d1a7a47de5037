package io.kimigayo.rootfs.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small ELF files by hand, in either class and byte order, for the cases gcc on this host cannot make
 * (32-bit, big endian, other machines) and for malformed inputs. Layout: file header, program headers, the
 * interpreter string, the dynamic string table, the dynamic section, the symbol and string tables, the section header
 * table. When the file has a dynamic section, one PT_LOAD maps the whole file at {@link #BASE}.
 */
final class ElfBuilder {

    static final long BASE = 0x10000;

    private final boolean is64;
    private final ByteOrder order;
    private int type = ElfConstants.ET_EXEC;
    private int machine = ElfMachine.EM_X86_64;
    private final List<int[]> segments = new ArrayList<>();
    private String interpreter;
    private final List<Object[]> dynamic = new ArrayList<>();
    private boolean hasDynamic;
    private Long strtabAddress;
    private final Map<String, List<String>> symbolTables = new LinkedHashMap<>();

    private ElfBuilder(boolean is64, ByteOrder order) {
        this.is64 = is64;
        this.order = order;
    }

    static ElfBuilder elf32(ByteOrder order) {
        return new ElfBuilder(false, order);
    }

    static ElfBuilder elf64(ByteOrder order) {
        return new ElfBuilder(true, order);
    }

    ElfBuilder type(int elfType) {
        this.type = elfType;
        return this;
    }

    ElfBuilder machine(int elfMachine) {
        this.machine = elfMachine;
        return this;
    }

    /** A segment without contents, such as PT_GNU_STACK or PT_GNU_RELRO. */
    ElfBuilder segment(int segmentType, int flags) {
        segments.add(new int[] {segmentType, flags});
        return this;
    }

    ElfBuilder interpreter(String path) {
        this.interpreter = path;
        return this;
    }

    /** A dynamic entry with a number or address. Any call adds PT_DYNAMIC (and DT_STRTAB, DT_STRSZ, PT_LOAD). */
    ElfBuilder dynamic(long tag, long value) {
        hasDynamic = true;
        dynamic.add(new Object[] {tag, value});
        return this;
    }

    /** A dynamic entry whose value is a string in the dynamic string table (DT_NEEDED, DT_SONAME, ...). */
    ElfBuilder dynamic(long tag, String value) {
        hasDynamic = true;
        dynamic.add(new Object[] {tag, value});
        return this;
    }

    /** An empty dynamic section (PT_DYNAMIC with only DT_STRTAB, DT_STRSZ). */
    ElfBuilder emptyDynamic() {
        hasDynamic = true;
        return this;
    }

    /** Replaces the DT_STRTAB address (normally where the string table is mapped). */
    ElfBuilder strtabAddress(long address) {
        this.strtabAddress = address;
        return this;
    }

    /** A symbol table section ({@code .symtab} or {@code .dynsym}) with its own string table. */
    ElfBuilder symbols(String sectionName, String... names) {
        symbolTables.put(sectionName, List.of(names));
        return this;
    }

    /** Offset of e_phoff in the file header. */
    int phoffField() {
        return is64 ? 32 : 28;
    }

    /** Offset of e_shoff in the file header. */
    int shoffField() {
        return is64 ? 40 : 32;
    }

    /** Offset of e_phnum in the file header. */
    int phnumField() {
        return is64 ? 56 : 44;
    }

    /** Offset of e_shnum in the file header. */
    int shnumField() {
        return is64 ? 60 : 48;
    }

    int headerSize() {
        return is64 ? 64 : 52;
    }

    int phentsize() {
        return is64 ? 56 : 32;
    }

    byte[] build() {
        int w = is64 ? 8 : 4;
        int phentsize = phentsize();
        int shentsize = is64 ? 64 : 40;

        // The dynamic string table and the dynamic section's entries.
        ByteArrayOutputStream dynstr = new ByteArrayOutputStream();
        dynstr.write(0);
        List<long[]> entries = new ArrayList<>();
        for (Object[] entry : dynamic) {
            long value;
            if (entry[1] instanceof String) {
                value = dynstr.size();
                dynstr.writeBytes(((String) entry[1]).getBytes(StandardCharsets.UTF_8));
                dynstr.write(0);
            } else {
                value = (Long) entry[1];
            }
            entries.add(new long[] {(Long) entry[0], value});
        }

        int segmentCount = segments.size() + (interpreter != null ? 1 : 0) + (hasDynamic ? 2 : 0);
        long cursor = headerSize() + (long) segmentCount * phentsize;
        long interpOffset = cursor;
        byte[] interp = interpreter == null ? new byte[0]
                : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        cursor = align(cursor + interp.length, 8);
        long dynstrOffset = cursor;
        byte[] dynstrBytes = hasDynamic ? dynstr.toByteArray() : new byte[0];
        cursor = align(cursor + dynstrBytes.length, 8);
        long dynamicOffset = cursor;
        int dynamicEntries = hasDynamic ? entries.size() + 3 : 0;
        cursor += (long) dynamicEntries * 2 * w;

        // Sections: null, then per symbol table its string table and itself, then .shstrtab.
        ByteArrayOutputStream shstrtab = new ByteArrayOutputStream();
        shstrtab.write(0);
        List<long[]> sections = new ArrayList<>(); // name, type, offset, size, link, entsize
        List<byte[]> sectionData = new ArrayList<>();
        int symbolSize = is64 ? 24 : 16;
        for (Map.Entry<String, List<String>> table : symbolTables.entrySet()) {
            boolean dyn = table.getKey().equals(".dynsym");
            ByteArrayOutputStream strings = new ByteArrayOutputStream();
            strings.write(0);
            ByteBuffer syms = ByteBuffer.allocate(symbolSize * (table.getValue().size() + 1)).order(order);
            syms.position(symbolSize);
            for (String name : table.getValue()) {
                int at = syms.position();
                syms.putInt(at, strings.size());
                syms.position(at + symbolSize);
                strings.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                strings.write(0);
            }
            int strtabIndex = sections.size() + 1;
            sections.add(new long[] {name(shstrtab, dyn ? ".dynstr" : ".strtab"), ElfConstants.SHT_STRTAB, 0,
                    strings.size(), 0, 0});
            sectionData.add(strings.toByteArray());
            sections.add(new long[] {name(shstrtab, table.getKey()),
                    dyn ? ElfConstants.SHT_DYNSYM : ElfConstants.SHT_SYMTAB, 0, syms.capacity(), strtabIndex,
                    symbolSize});
            sectionData.add(syms.array());
        }
        int shstrndx = 0;
        if (!sections.isEmpty()) {
            long shstrtabName = name(shstrtab, ".shstrtab");
            sections.add(new long[] {shstrtabName, ElfConstants.SHT_STRTAB, 0, 0, 0, 0});
            sectionData.add(shstrtab.toByteArray());
            shstrndx = sections.size();
            sections.get(sections.size() - 1)[3] = sectionData.get(sectionData.size() - 1).length;
        }
        for (int i = 0; i < sections.size(); i++) {
            cursor = align(cursor, 8);
            sections.get(i)[2] = cursor;
            cursor += sectionData.get(i).length;
        }
        long shoff = 0;
        int shnum = 0;
        if (!sections.isEmpty()) {
            shoff = align(cursor, 8);
            shnum = sections.size() + 1;
            cursor = shoff + (long) shnum * shentsize;
        }
        int size = (int) cursor;

        ByteBuffer out = ByteBuffer.allocate(size).order(order);
        // File header.
        out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN
                ? 1 : 2), 1, 0});
        out.putShort(16, (short) type);
        out.putShort(18, (short) machine);
        out.putInt(20, 1);
        putWord(out, 24, 0x1000, w);
        putWord(out, 24 + w, headerSize(), w);
        putWord(out, 24 + 2 * w, shoff, w);
        int at = 24 + 3 * w;
        out.putShort(at + 4, (short) headerSize());
        out.putShort(at + 6, (short) phentsize);
        out.putShort(at + 8, (short) segmentCount);
        out.putShort(at + 10, (short) shentsize);
        out.putShort(at + 12, (short) shnum);
        out.putShort(at + 14, (short) shstrndx);

        // Program headers.
        int ph = headerSize();
        if (interpreter != null) {
            putSegment(out, ph, ElfConstants.PT_INTERP, ElfConstants.PF_R, interpOffset, BASE + interpOffset,
                    interp.length);
            ph += phentsize;
        }
        if (hasDynamic) {
            putSegment(out, ph, ElfConstants.PT_LOAD, ElfConstants.PF_R | ElfConstants.PF_W, 0, BASE, size);
            ph += phentsize;
            putSegment(out, ph, ElfConstants.PT_DYNAMIC, ElfConstants.PF_R | ElfConstants.PF_W, dynamicOffset,
                    BASE + dynamicOffset, (long) dynamicEntries * 2 * w);
            ph += phentsize;
        }
        for (int[] segment : segments) {
            putSegment(out, ph, segment[0], segment[1], 0, 0, 0);
            ph += phentsize;
        }
        // Contents.
        out.put((int) interpOffset, interp);
        out.put((int) dynstrOffset, dynstrBytes);
        if (hasDynamic) {
            long d = dynamicOffset;
            List<long[]> all = new ArrayList<>(entries);
            all.add(new long[] {ElfConstants.DT_STRTAB, strtabAddress != null ? strtabAddress : BASE + dynstrOffset});
            all.add(new long[] {ElfConstants.DT_STRSZ, dynstrBytes.length});
            all.add(new long[] {ElfConstants.DT_NULL, 0});
            for (long[] entry : all) {
                putWord(out, (int) d, entry[0], w);
                putWord(out, (int) d + w, entry[1], w);
                d += 2L * w;
            }
        }
        // Sections (index 0 stays all zeros).
        for (int i = 0; i < sections.size(); i++) {
            long[] s = sections.get(i);
            out.put((int) s[2], sectionData.get(i));
            int sh = (int) shoff + (i + 1) * shentsize;
            out.putInt(sh, (int) s[0]);
            out.putInt(sh + 4, (int) s[1]);
            if (is64) {
                out.putLong(sh + 24, s[2]);
                out.putLong(sh + 32, s[3]);
                out.putInt(sh + 40, (int) s[4]);
                out.putLong(sh + 56, s[5]);
            } else {
                out.putInt(sh + 16, (int) s[2]);
                out.putInt(sh + 20, (int) s[3]);
                out.putInt(sh + 24, (int) s[4]);
                out.putInt(sh + 36, (int) s[5]);
            }
        }
        return out.array();
    }

    private void putSegment(ByteBuffer out, int at, int segmentType, int flags, long offset, long vaddr,
                            long filesz) {
        out.putInt(at, segmentType);
        if (is64) {
            out.putInt(at + 4, flags);
            out.putLong(at + 8, offset);
            out.putLong(at + 16, vaddr);
            out.putLong(at + 24, vaddr);
            out.putLong(at + 32, filesz);
            out.putLong(at + 40, filesz);
            out.putLong(at + 48, 8);
        } else {
            out.putInt(at + 4, (int) offset);
            out.putInt(at + 8, (int) vaddr);
            out.putInt(at + 12, (int) vaddr);
            out.putInt(at + 16, (int) filesz);
            out.putInt(at + 20, (int) filesz);
            out.putInt(at + 24, flags);
            out.putInt(at + 28, 4);
        }
    }

    private static void putWord(ByteBuffer out, int at, long value, int w) {
        if (w == 8) {
            out.putLong(at, value);
        } else {
            out.putInt(at, (int) value);
        }
    }

    private static long name(ByteArrayOutputStream table, String name) {
        long index = table.size();
        table.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        table.write(0);
        return index;
    }

    private static long align(long value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
