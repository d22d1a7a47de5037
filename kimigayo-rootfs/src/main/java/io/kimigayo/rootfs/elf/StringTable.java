package io.kimigayo.rootfs.elf;

import java.util.function.Supplier;

/**
 * A string table in an ELF file (such as {@code .dynstr}, {@code .strtab} or {@code .shstrtab}): a region of the file
 * holding NUL-terminated strings, looked up by their offset from the start of the region.
 */
final class StringTable {

    private final ElfInput in;
    private final String what;
    private final long offset;
    private final long size;

    private StringTable(ElfInput in, String what, long offset, long size) {
        this.in = in;
        this.what = what;
        this.offset = offset;
        this.size = size;
    }

    /** The table of {@code size} bytes at file offset {@code offset}; fails if it does not lie inside the file. */
    static StringTable at(ElfInput in, String what, long offset, long size) throws ElfFormatException {
        in.require(offset, size, what);
        return new StringTable(in, what, offset, size);
    }

    /** The string at {@code index}; {@code user} says which structure refers to it, for error messages. */
    String get(long index, String user) throws ElfFormatException {
        return get(index, () -> user);
    }

    /** As {@link #get(long, String)}, building the user's description only for an error message. */
    String get(long index, Supplier<String> user) throws ElfFormatException {
        if (index < 0 || index >= size) {
            throw in.error(user.get() + " refers to offset " + ElfInput.hex(index) + " of " + what
                    + ", which is only " + size + " bytes long");
        }
        return in.cString(offset + index, offset + size, () -> user.get() + " (in " + what + ")");
    }
}
