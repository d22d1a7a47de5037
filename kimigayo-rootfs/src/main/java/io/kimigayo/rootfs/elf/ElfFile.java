package io.kimigayo.rootfs.elf;

import io.kimigayo.rootfs.tree.Content;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed ELF file (ELF32 or ELF64, little or big endian): its header, program headers, section headers, program
 * interpreter, dynamic section and the symbol names of {@code .dynsym} and {@code .symtab}. Read one with
 * {@link #read(Path)}, {@link #read(String, byte[])}, {@link #read(String, InputStream)} or
 * {@link #read(String, Content)}; check cheaply first with {@code isElf} to skip files that are not ELF. A truncated or
 * malformed file gives an {@link ElfFormatException} naming the input and what is wrong. The parsed file holds no
 * reference to the bytes it was read from.
 *
 * @param name the name of the input, used in messages: the path, or what the caller called the content
 * @param header the ELF header
 * @param programHeaders the program headers (segments), in table order
 * @param sectionHeaders the section headers with their names, in table order; empty when the file has none
 * @param interpreter the path in {@code PT_INTERP}, if there is one
 * @param hasDynamicSegment whether there is a {@code PT_DYNAMIC} segment
 * @param dynamic the dynamic section ({@link DynamicSection#NONE} without {@code PT_DYNAMIC})
 * @param dynamicSymbolNames the names in {@code SHT_DYNSYM} sections (e.g. {@code .dynsym})
 * @param symbolNames the names in {@code SHT_SYMTAB} sections (e.g. {@code .symtab}); GNU ld may write a version
 *                    suffix into them, as in {@code __stack_chk_fail@GLIBC_2.4}
 */
public record ElfFile(String name, ElfHeader header, List<ProgramHeader> programHeaders,
                      List<SectionHeader> sectionHeaders, Optional<String> interpreter, boolean hasDynamicSegment,
                      DynamicSection dynamic, Set<String> dynamicSymbolNames, Set<String> symbolNames) {

    public ElfFile {
        programHeaders = List.copyOf(programHeaders);
        sectionHeaders = List.copyOf(sectionHeaders);
        dynamicSymbolNames = Collections.unmodifiableSet(new LinkedHashSet<>(dynamicSymbolNames));
        symbolNames = Collections.unmodifiableSet(new LinkedHashSet<>(symbolNames));
    }

    /** Reads and parses a file; the input is named by the path. */
    public static ElfFile read(Path file) throws IOException {
        return read(file.toString(), file);
    }

    /** Reads and parses a file; the input is named {@code name} in messages. */
    private static ElfFile read(String name, Path file) throws IOException {
        return parse(name, map(name, file));
    }

    /** The file's bytes, mapped read-only (the mapping stays valid after the channel is closed). */
    private static ByteBuffer map(String name, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ElfFormatException(name, "is " + size + " bytes; files over 2 GiB are not supported");
            }
            return size == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    /** Parses bytes in memory; {@code name} names them in messages. */
    public static ElfFile read(String name, byte[] bytes) throws ElfFormatException {
        return parse(name, ByteBuffer.wrap(bytes));
    }

    /** Reads the rest of the stream into memory and parses it; the caller closes the stream. */
    public static ElfFile read(String name, InputStream in) throws IOException {
        return read(name, in.readAllBytes());
    }

    /** Reads and parses a file tree's content (a file on disk, bytes in memory, or any other source). */
    public static ElfFile read(String name, Content content) throws IOException {
        if (content instanceof Content.FromFile fromFile) {
            return read(name, fromFile.file());
        }
        try (InputStream in = content.open()) {
            return read(name, in);
        }
    }

    /** True when the bytes start with the ELF magic {@code 0x7f 'E' 'L' 'F'}. */
    public static boolean isElf(byte[] bytes) {
        return ElfMagic.matches(bytes);
    }

    /** True when the path is a regular file (following symlinks) starting with the ELF magic; reads four bytes. */
    public static boolean isElf(Path file) throws IOException {
        return ElfMagic.matches(file);
    }

    /** True when the content starts with the ELF magic; reads at most four bytes. */
    public static boolean isElf(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return ElfMagic.matches(in);
        }
    }

    private static ElfFile parse(String name, ByteBuffer bytes) throws ElfFormatException {
        return new ElfReader(ElfInput.identification(name, bytes)).read();
    }

    /**
     * Reads only what the dynamic loader reads of a tree's content (its interpreter and dynamic section), skipping
     * the symbol tables: a JDK's {@code libjvm.so} alone has tens of thousands of symbols.
     */
    public static ElfLinkage readLinkage(String name, Content content) throws IOException {
        ByteBuffer bytes;
        if (content instanceof Content.FromFile fromFile) {
            bytes = map(name, fromFile.file());
        } else {
            try (InputStream in = content.open()) {
                bytes = ByteBuffer.wrap(in.readAllBytes());
            }
        }
        return new ElfReader(ElfInput.identification(name, bytes)).linkage();
    }

    /** The first program header of the type ({@code p_type}), if any. */
    public Optional<ProgramHeader> programHeader(int type) {
        for (ProgramHeader segment : programHeaders) {
            if (segment.type() == type) {
                return Optional.of(segment);
            }
        }
        return Optional.empty();
    }

    /** The first section with the name, such as {@code .dynsym}, if any. */
    public Optional<SectionHeader> section(String sectionName) {
        for (SectionHeader section : sectionHeaders) {
            if (section.name().equals(sectionName)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code .dynsym} or {@code .symtab} holds the symbol, with or without a version suffix
     * ({@code name@VERSION} or {@code name@@VERSION}).
     */
    public boolean hasSymbol(String symbol) {
        return containsSymbol(dynamicSymbolNames, symbol) || containsSymbol(symbolNames, symbol);
    }

    private static boolean containsSymbol(Set<String> names, String symbol) {
        if (names.contains(symbol)) {
            return true;
        }
        String versioned = symbol + "@";
        for (String name : names) {
            if (name.startsWith(versioned)) {
                return true;
            }
        }
        return false;
    }
}
