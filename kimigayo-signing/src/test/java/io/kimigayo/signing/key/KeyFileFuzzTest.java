package io.kimigayo.signing.key;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cosign key file and PEM readers on any bytes: a key, or a {@link KeyFormatException} or
 * {@link KeyDecryptionException} with a message; never another exception, an error or a hang (the scrypt bounds keep
 * a hostile key file from costing more than a second or two). Seeds:
 * {@code src/test/resources/io/kimigayo/signing/key/KeyFileFuzzTestInputs}.
 */
class KeyFileFuzzTest {

    private static Path dir;

    @BeforeAll
    static void directory() throws IOException {
        dir = Files.createTempDirectory("kimigayo-key-fuzz");
    }

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(dir.resolve("key"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void keyFile(byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("key"), data);
        try {
            Pem.decode(data, "fuzz");
        } catch (KeyFormatException e) {
            message(e);
        }
        try {
            CosignKeys.readPrivateKey(file, "fuzz-password".toCharArray());
        } catch (KeyFormatException e) { // KeyDecryptionException (a wrong password) is one
            message(e);
        }
        try {
            CosignKeys.readPublicKey(file);
        } catch (KeyFormatException e) {
            message(e);
        }
    }

    private static void message(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an error without a message", e);
        }
    }
}
