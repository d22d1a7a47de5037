package io.kimigayo.kernel.boot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads an initramfs the way the kernel unpacks it: a sequence of segments, each an uncompressed newc cpio archive
 * or a gzip-compressed one, with zero padding between them; a later entry replaces an earlier one of the same path.
 * Segments compressed otherwise (xz, zstd, lz4, ...) are refused with their name.
 */
public final class InitramfsReader {

    /** An entry: its cpio mode (type and permissions) and, for files and symlinks, its data. */
    public record Entry(int mode, byte[] data) {

        public boolean isDirectory() {
            return (mode & 0170000) == 0040000;
        }
    }

    private InitramfsReader() {
    }

    /** The entries by path, without a leading {@code /} or {@code ./} ({@code etc/inittab}). */
    public static Map<String, Entry> read(byte[] initramfs, String name) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        segments(initramfs, name, entries, 0);
        return entries;
    }

    private static void segments(byte[] b, String name, Map<String, Entry> entries, int depth) throws IOException {
        int pos = 0;
        while (pos < b.length) {
            if (b[pos] == 0) {
                pos++;
            } else if (startsWith(b, pos, "0707")) {
                pos = cpio(b, pos, name, entries);
            } else if ((b[pos] & 0xff) == 0x1f && pos + 1 < b.length && (b[pos + 1] & 0xff) == 0x8b && depth == 0) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                pos += gunzip(b, pos, out, name);
                segments(out.toByteArray(), name, entries, depth + 1);
            } else {
                throw new IOException(name + ": cannot read the segment at byte " + pos + " (" + compression(b, pos)
                        + "); boot-check reads initramfs archives that are uncompressed or gzip-compressed cpio");
            }
        }
    }

    /** Parses one newc archive starting at {@code start}; returns the position after its trailer. */
    private static int cpio(byte[] b, int start, String name, Map<String, Entry> entries) throws IOException {
        int pos = start;
        while (true) {
            if (pos + 110 > b.length || !(startsWith(b, pos, "070701") || startsWith(b, pos, "070702"))) {
                throw new IOException(name + ": broken cpio header at byte " + pos);
            }
            int mode = hex(b, pos + 14);
            int fileSize = hex(b, pos + 54);
            int nameSize = hex(b, pos + 94);
            if (nameSize < 1 || pos + 110 + nameSize > b.length) {
                throw new IOException(name + ": broken cpio entry name at byte " + pos);
            }
            String path = new String(b, pos + 110, nameSize - 1, StandardCharsets.UTF_8);
            int data = align4(pos + 110 + nameSize);
            if (data + fileSize > b.length) {
                throw new IOException(name + ": cpio entry " + path + " runs past the end");
            }
            pos = align4(data + fileSize);
            if (path.equals("TRAILER!!!")) {
                return pos;
            }
            byte[] content = new byte[fileSize];
            System.arraycopy(b, data, content, 0, fileSize);
            entries.put(normalize(path), new Entry(mode, content));
        }
    }

    /** Inflates one gzip member at {@code start} into {@code out}; returns the member's compressed length. */
    private static int gunzip(byte[] b, int start, ByteArrayOutputStream out, String name) throws IOException {
        int pos = start + 10;
        if (b.length < pos || b[start + 2] != 8) {
            throw new IOException(name + ": broken gzip header at byte " + start);
        }
        int flags = b[start + 3] & 0xff;
        if ((flags & 4) != 0) {
            pos += 2 + ((b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8);
        }
        if ((flags & 8) != 0) {
            while (b[pos++] != 0) {
                // file name
            }
        }
        if ((flags & 16) != 0) {
            while (b[pos++] != 0) {
                // comment
            }
        }
        if ((flags & 2) != 0) {
            pos += 2;
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(b, pos, b.length - pos);
            byte[] buffer = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException(name + ": gzip data ends early (from byte " + start + ")");
                }
                out.write(buffer, 0, n);
            }
            int consumed = b.length - pos - inflater.getRemaining();
            return pos - start + consumed + 8;
        } catch (DataFormatException e) {
            throw new IOException(name + ": broken gzip data at byte " + start + ": " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static String compression(byte[] b, int pos) {
        if (startsWithBytes(b, pos, 0xfd, '7', 'z', 'X', 'Z')) {
            return "xz";
        }
        if (startsWithBytes(b, pos, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "zstd";
        }
        if (startsWithBytes(b, pos, 0x02, 0x21, 0x4c, 0x18)) {
            return "lz4";
        }
        if (startsWithBytes(b, pos, 'B', 'Z', 'h')) {
            return "bzip2";
        }
        if (startsWithBytes(b, pos, 0x5d, 0x00)) {
            return "lzma";
        }
        if (startsWithBytes(b, pos, 0x89, 'L', 'Z', 'O')) {
            return "lzo";
        }
        return "unknown format";
    }

    private static boolean startsWith(byte[] b, int pos, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        if (pos + t.length > b.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (b[pos + i] != t[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithBytes(byte[] b, int pos, int... bytes) {
        if (pos + bytes.length > b.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((b[pos + i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int hex(byte[] b, int pos) throws IOException {
        try {
            return (int) Long.parseLong(new String(b, pos, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            throw new IOException("broken cpio header field at byte " + pos, e);
        }
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static String normalize(String path) {
        String p = path;
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.startsWith("./") ? p.substring(2) : p.substring(1);
        }
        return p;
    }
}
