package io.kimigayo.core.hash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SHA-256 hex against sha256sum's answers. */
class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void knownAnswers() throws Exception {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
        Path file = Files.writeString(dir.resolve("f"), "君が代\n");
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String expected = new String(p.getInputStream().readAllBytes()).split(" ")[0];
        assertEquals(0, p.waitFor());
        assertEquals(expected, Sha256.hex(file));
        assertEquals(expected, Sha256.hex("君が代\n"), "text is hashed as its UTF-8 bytes");
    }
}
