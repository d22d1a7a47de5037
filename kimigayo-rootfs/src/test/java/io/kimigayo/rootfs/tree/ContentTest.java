package io.kimigayo.rootfs.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentTest {

    private static byte[] readAll(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void bytesAreCopiedAndCanBeReadMoreThanOnce() throws IOException {
        byte[] bytes = {1, 2, 3};
        Content content = Content.of(bytes);
        bytes[0] = 9;

        assertEquals(3, content.size());
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(content));
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(content));
    }

    @Test
    void emptyBytes() throws IOException {
        Content content = Content.of(new byte[0]);
        assertEquals(0, content.size());
        assertArrayEquals(new byte[0], readAll(content));
    }

    @Test
    void fileContentIsReadWhenNeeded(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.bin");
        Content content = Content.of(file); // the file does not exist yet: nothing is read here

        Files.write(file, new byte[] {4, 5, 6, 7});
        assertEquals(4, content.size());
        assertArrayEquals(new byte[] {4, 5, 6, 7}, readAll(content));
        assertArrayEquals(new byte[] {4, 5, 6, 7}, readAll(content));
        assertEquals(new Content.FromFile(file), content);
    }

    @Test
    void missingFileFailsWhenRead(@TempDir Path dir) {
        Content content = Content.of(dir.resolve("missing"));
        assertThrows(NoSuchFileException.class, content::size);
        assertThrows(NoSuchFileException.class, content::open);
    }
}
