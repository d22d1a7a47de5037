package io.kimigayo.rootfs.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cheap "is this ELF at all?" check: the four magic bytes {@code 0x7f 'E' 'L' 'F'} at the start. */
final class ElfMagic {

    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    private ElfMagic() {
    }

    static boolean matches(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(ElfInput in) throws ElfFormatException {
        if (in.size() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if ((byte) in.u8(i, "ELF magic") != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads at most four bytes from the stream (the caller closes it). */
    static boolean matches(InputStream in) throws IOException {
        return matches(in.readNBytes(MAGIC.length));
    }

    /** False for anything that is not a regular file (after following symlinks). */
    static boolean matches(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return matches(in);
        }
    }
}
