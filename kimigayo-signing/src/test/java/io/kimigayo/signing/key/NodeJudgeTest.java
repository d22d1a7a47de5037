package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Node judge (src/test/node: Node's scrypt and PKCS#8, tweetnacl's secretbox) opens the key files we write, and
 * we open the ones it writes.
 */
class NodeJudgeTest {

    @TempDir
    Path dir;

    @Test
    void nodeOpensOurKeyToOurPublicKey() throws Exception {
        CosignKeyPair.generate().writeTo(dir, "hunter2".toCharArray(), false);

        ExternalTool.Result node = NodeJudge.run("decrypt.js", null, dir.resolve("kimigayo.key").toString(), "hunter2");

        assertEquals(0, node.exit(), node::describe);
        assertEquals(Files.readString(dir.resolve("kimigayo.pub"), StandardCharsets.US_ASCII), node.out());
    }

    @Test
    void nodeOpensOurKeyWithAUnicodePasswordAsUtf8() throws Exception {
        String password = "pässwörd — 鍵 🔑";
        CosignKeyPair.generate().writeTo(dir, password.toCharArray(), false);

        ExternalTool.Result node = NodeJudge.run("decrypt.js", password.getBytes(StandardCharsets.UTF_8),
                dir.resolve("kimigayo.key").toString());

        assertEquals(0, node.exit(), node::describe);
        assertEquals(Files.readString(dir.resolve("kimigayo.pub"), StandardCharsets.US_ASCII), node.out());
    }

    @Test
    void nodeOpensOurKeyWithAnEmptyPassword() throws Exception {
        CosignKeyPair.generate().writeTo(dir, new char[0], false);

        ExternalTool.Result node = NodeJudge.run("decrypt.js", new byte[0], dir.resolve("kimigayo.key").toString());

        assertEquals(0, node.exit(), node::describe);
        assertEquals(Files.readString(dir.resolve("kimigayo.pub"), StandardCharsets.US_ASCII), node.out());
    }

    @Test
    void nodeRefusesOurKeyWithTheWrongPassword() throws Exception {
        CosignKeyPair.generate().writeTo(dir, "hunter2".toCharArray(), false);

        ExternalTool.Result node = NodeJudge.run("decrypt.js", null, dir.resolve("kimigayo.key").toString(), "hunter3");

        assertEquals(2, node.exit(), node::describe);
        assertTrue(node.err().contains("wrong password or damaged key file"), node.err());
    }

    /** Node encrypts a key it generated itself; we read it and derive the public key Node wrote. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''",
        "--N 65536",
        "--N 131072",
        "--N 16384 --r 8 --p 2",
        "--label ENCRYPTED_COSIGN_PRIVATE_KEY"})
    void weOpenKeysNodeEncrypts(String options) throws Exception {
        String password = "tweetnacl — 秘密";
        List<String> args = new ArrayList<>(List.of(dir.resolve("node.key").toString(),
                dir.resolve("node.pub").toString()));
        for (String option : options.isEmpty() ? new String[0] : options.split(" ")) {
            args.add(option.replace('_', ' '));
        }

        ExternalTool.Result node = NodeJudge.run("encrypt.js", password.getBytes(StandardCharsets.UTF_8),
                args.toArray(new String[0]));
        assertEquals(0, node.exit(), node::describe);
        ECPrivateKey key = CosignKeys.readPrivateKey(dir.resolve("node.key"), password.toCharArray());

        assertEquals(Files.readString(dir.resolve("node.pub"), StandardCharsets.US_ASCII),
                CosignKeys.publicKeyPem(CosignKeys.publicKeyOf(key)));
        assertTrue(CosignKeysTest.verifies(CosignKeys.readPublicKey(dir.resolve("node.pub")),
                CosignKeysTest.sign(key, "payload")));
        assertThrows(KeyDecryptionException.class,
                () -> CosignKeys.readPrivateKey(dir.resolve("node.key"), "tweetnacl".toCharArray()));
    }
}
