package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key files made once by the Node judge (src/test/node/encrypt.js, independent of Kimigayo's code) and kept under
 * src/test/resources/key: they pin the format, so a change to our reader that no longer reads them fails here even
 * if it still reads what our own writer writes. See src/test/resources/key/README.md for how they were made.
 */
class FixedVectorTest {

    @ParameterizedTest
    @CsvSource({
        "node-vector, ENCRYPTED SIGSTORE PRIVATE KEY, '\"N\":32768,\"r\":8,\"p\":1'",
        "node-legacy-label, ENCRYPTED COSIGN PRIVATE KEY, '\"N\":65536,\"r\":8,\"p\":1'"})
    void decryptsToTheExpectedPublicKey(String name, String label, String params) throws Exception {
        Path keyFile = resource(name + ".key");
        char[] password = Files.readString(resource(name + ".password"), StandardCharsets.UTF_8).toCharArray();
        String expected = Files.readString(resource(name + ".pub"), StandardCharsets.US_ASCII);
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN " + label + "-----\n"), pem);
        assertTrue(new String(Pem.decode(pem.getBytes(StandardCharsets.US_ASCII), name).get(0).body(),
                StandardCharsets.US_ASCII).contains(params), "the vector is the kind it claims to be");

        ECPrivateKey key = CosignKeys.readPrivateKey(keyFile, password);

        assertEquals(expected, CosignKeys.publicKeyPem(CosignKeys.publicKeyOf(key)));
        assertEquals(CosignKeys.readPublicKey(resource(name + ".pub")).getW(), CosignKeys.publicKeyOf(key).getW());
    }

    @ParameterizedTest
    @CsvSource({"node-vector", "node-legacy-label"})
    void refusesTheVectorWithAnotherPassword(String name) throws Exception {
        Path keyFile = resource(name + ".key");
        String password = Files.readString(resource(name + ".password"), StandardCharsets.UTF_8);

        KeyDecryptionException e = assertThrows(KeyDecryptionException.class,
                () -> CosignKeys.readPrivateKey(keyFile, (password + " ").toCharArray()));

        assertEquals(keyFile + ": wrong password or damaged key file", e.getMessage());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(FixedVectorTest.class.getResource("/key/" + name).toURI());
    }
}
