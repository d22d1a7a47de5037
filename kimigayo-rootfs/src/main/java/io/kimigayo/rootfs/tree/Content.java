package io.kimigayo.rootfs.tree;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a regular file's bytes come from: a file on disk (read when the layer is written), bytes in memory, or any
 * other source that knows its size and can be opened more than once.
 */
public interface Content {

    /** The number of bytes. */
    long size() throws IOException;

    /** Opens the bytes for reading; the caller closes the stream. */
    InputStream open() throws IOException;

    static Content of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    static Content of(Path file) {
        return new FromFile(file);
    }

    /** Content held in memory. */
    record Bytes(byte[] bytes) implements Content {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** Content read from a file on disk; the file is opened only when the bytes are needed. */
    record FromFile(Path file) implements Content {
        @Override
        public long size() throws IOException {
            return Files.size(file);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
