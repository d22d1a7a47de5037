package io.kimigayo.rootfs.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Bounds-checked reads of an ELF file's bytes in the file's byte order and class. Every read first checks that the
 * bytes lie inside the file, so a bad offset or count in the file gives an {@link ElfFormatException} naming the input
 * and the structure, never an {@link IndexOutOfBoundsException}.
 */
final class ElfInput {

    private final String name;
    private final ByteBuffer bytes;
    private final long size;
    private final boolean is64;

    private ElfInput(String name, ByteBuffer bytes, ByteOrder order, boolean is64) {
        this.name = name;
        this.bytes = bytes.duplicate().order(order);
        this.size = bytes.limit();
        this.is64 = is64;
    }

    /** An input in little-endian ELF32 form, used only to read the identification bytes. */
    static ElfInput identification(String name, ByteBuffer bytes) {
        return new ElfInput(name, bytes, ByteOrder.LITTLE_ENDIAN, false);
    }

    /** The same bytes, read with the given byte order and class. */
    ElfInput as(ByteOrder order, boolean elf64) {
        return new ElfInput(name, bytes, order, elf64);
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    boolean is64() {
        return is64;
    }

    ByteOrder order() {
        return bytes.order();
    }

    /** Size in bytes of an address, offset or xword in this class: 4 or 8. */
    int wordSize() {
        return is64 ? 8 : 4;
    }

    /** An error about this input. */
    ElfFormatException error(String problem) {
        return new ElfFormatException(name, problem);
    }

    /** Checks that {@code length} bytes at {@code offset} (both unsigned) lie inside the file. */
    void require(long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw error(what + " (offset " + hex(offset) + ", " + Long.toUnsignedString(length)
                    + " bytes) lies outside the file (" + size + " bytes); the file is truncated or malformed");
        }
    }

    int u8(long offset, String what) throws ElfFormatException {
        require(offset, 1, what);
        return bytes.get((int) offset) & 0xff;
    }

    int u16(long offset, String what) throws ElfFormatException {
        require(offset, 2, what);
        return bytes.getShort((int) offset) & 0xffff;
    }

    /** An unsigned 32-bit value. */
    long u32(long offset, String what) throws ElfFormatException {
        require(offset, 4, what);
        return bytes.getInt((int) offset) & 0xffffffffL;
    }

    /** A 64-bit value; values above {@link Long#MAX_VALUE} come back negative and fail any later bounds check. */
    long u64(long offset, String what) throws ElfFormatException {
        require(offset, 8, what);
        return bytes.getLong((int) offset);
    }

    /** An address, offset or xword: 32 bits in ELF32, 64 bits in ELF64. */
    long word(long offset, String what) throws ElfFormatException {
        return is64 ? u64(offset, what) : u32(offset, what);
    }

    /**
     * The NUL-terminated string starting at {@code offset}, which must end before {@code limit} (exclusive; an offset
     * into the file). Decoded as UTF-8.
     */
    String cString(long offset, long limit, String what) throws ElfFormatException {
        return cString(offset, limit, () -> what);
    }

    /** As {@link #cString(long, long, String)}, building the description only for an error message. */
    String cString(long offset, long limit, Supplier<String> what) throws ElfFormatException {
        long end = Math.min(limit, size);
        if (offset < 0 || offset >= end) {
            throw error(what.get() + " starts at offset " + hex(offset) + ", outside its table (which ends at "
                    + hex(limit) + ") or the file (" + size + " bytes)");
        }
        int start = (int) offset;
        int stop = (int) end;
        for (int i = start; i < stop; i++) {
            if (bytes.get(i) == 0) {
                byte[] text = new byte[i - start];
                bytes.get(start, text);
                return new String(text, StandardCharsets.UTF_8);
            }
        }
        throw error(what.get() + " at offset " + hex(offset) + " has no terminating NUL before " + hex(end));
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
