package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generating, writing and reading key files, as a user of generate-key-pair and sign would see it. */
class CosignKeysTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aWrittenKeyPairReadsBackAsTheSameKeys() throws Exception {
        CosignKeyPair pair = CosignKeyPair.generate();

        Path keyFile = pair.writeTo(dir, PASSWORD, false);
        ECPrivateKey privateKey = CosignKeys.readPrivateKey(keyFile, PASSWORD);
        ECPublicKey publicKey = CosignKeys.readPublicKey(dir.resolve(CosignKeyPair.PUBLIC_KEY_FILE));

        assertEquals(dir.resolve("kimigayo.key"), keyFile);
        assertEquals(pair.privateKey().getS(), privateKey.getS());
        assertEquals(pair.publicKey().getW(), publicKey.getW());
        assertArrayEquals(pair.publicKey().getEncoded(), publicKey.getEncoded());
        assertEquals(publicKey.getW(), CosignKeys.publicKeyOf(privateKey).getW());
        assertTrue(verifies(publicKey, sign(privateKey, "payload")), "a signature made with the read key verifies");
    }

    @Test
    void theKeyFileIsCosignsEncryptedPemAndNeverThePlainKey() throws Exception {
        CosignKeyPair pair = CosignKeyPair.generate();
        Path keyFile = pair.writeTo(dir, PASSWORD, false);

        List<String> lines = Files.readAllLines(keyFile, StandardCharsets.US_ASCII);
        assertEquals("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", lines.get(0));
        assertEquals("-----END ENCRYPTED SIGSTORE PRIVATE KEY-----", lines.get(lines.size() - 1));
        List<String> body = lines.subList(1, lines.size() - 1);
        for (int i = 0; i < body.size(); i++) {
            assertTrue(body.get(i).length() == 64 || i == body.size() - 1 && body.get(i).length() <= 64,
                    "64-character base64 lines, as Go's encoding/pem writes: " + body.get(i));
        }
        JsonNode json = new ObjectMapper().readTree(Base64.getDecoder().decode(String.join("", body)));
        assertEquals("scrypt", json.at("/kdf/name").asText());
        assertEquals(32768, json.at("/kdf/params/N").asInt());
        assertEquals(8, json.at("/kdf/params/r").asInt());
        assertEquals(1, json.at("/kdf/params/p").asInt());
        assertEquals("nacl/secretbox", json.at("/cipher/name").asText());

        byte[] file = Files.readAllBytes(keyFile);
        byte[] pkcs8 = P256.pkcs8(pair.privateKey());
        assertFalse(contains(file, pkcs8), "the PKCS#8 key is not in the file");
        assertFalse(contains(Base64.getDecoder().decode(String.join("", body)), scalar(pair.privateKey())),
                "the private scalar is not in the file");
    }

    @Test
    void wrongPasswordIsAClearError() throws Exception {
        Path keyFile = CosignKeyPair.generate().writeTo(dir, PASSWORD, false);

        KeyDecryptionException e = assertThrows(KeyDecryptionException.class,
                () -> CosignKeys.readPrivateKey(keyFile, "correct horsE".toCharArray()));

        assertEquals(keyFile + ": wrong password or damaged key file", e.getMessage());
        assertFalse(e.getMessage().contains("horsE"), "the password is not in the message");
    }

    @Test
    void aChangedCiphertextByteIsRefused() throws Exception {
        Path keyFile = CosignKeyPair.generate().writeTo(dir, PASSWORD, false);
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        String json = new String(body(pem), StandardCharsets.US_ASCII);
        ObjectMapper mapper = new ObjectMapper();
        for (int index : new int[] {0, 15, 16, 40, 100}) {
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
            byte[] ciphertext = Base64.getDecoder().decode(root.get("ciphertext").asText());
            ciphertext[index] ^= 0x20;
            root.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
            Path damaged = dir.resolve("damaged-" + index + ".key");
            Files.writeString(damaged, Pem.encode(CosignKeys.ENCRYPTED_PRIVATE_KEY,
                    mapper.writeValueAsBytes(root)), StandardCharsets.US_ASCII);

            KeyDecryptionException e = assertThrows(KeyDecryptionException.class,
                    () -> CosignKeys.readPrivateKey(damaged, PASSWORD), "ciphertext byte " + index);
            assertEquals(damaged + ": wrong password or damaged key file", e.getMessage());
        }
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        Path keyFile = CosignKeyPair.generate().writeTo(dir, PASSWORD, false);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(CosignKeyPair.PUBLIC_KEY_FILE))));
    }

    @Test
    void anOverwrittenKeyFileIsOwnerOnlyToo() throws Exception {
        Path keyFile = dir.resolve("kimigayo.key");
        Files.writeString(keyFile, "an old key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-rw-rw-"));

        CosignKeyPair.generate().writeTo(dir, PASSWORD, true);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
    }

    @Test
    void refusesToOverwriteAKeyUnlessAsked() throws Exception {
        CosignKeyPair first = CosignKeyPair.generate();
        Path keyFile = first.writeTo(dir, PASSWORD, false);
        String before = Files.readString(keyFile);
        String publicBefore = Files.readString(dir.resolve("kimigayo.pub"));

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> CosignKeyPair.generate().writeTo(dir, PASSWORD, false));

        assertEquals(keyFile + ": there is already a private key here; refusing to overwrite it (move it away, or "
                + "ask explicitly to overwrite it)", e.getMessage());
        assertEquals(before, Files.readString(keyFile), "the old key is untouched");
        assertEquals(publicBefore, Files.readString(dir.resolve("kimigayo.pub")), "and so is its public key");
        assertEquals(List.of("kimigayo.key", "kimigayo.pub"), names(dir), "no temporary file is left behind");

        CosignKeyPair second = CosignKeyPair.generate();
        second.writeTo(dir, PASSWORD, true);
        assertEquals(second.privateKey().getS(), CosignKeys.readPrivateKey(keyFile, PASSWORD).getS());
        assertEquals(second.publicKey().getW(), CosignKeys.readPublicKey(dir.resolve("kimigayo.pub")).getW());
        assertEquals(List.of("kimigayo.key", "kimigayo.pub"), names(dir));
    }

    @Test
    void aDanglingSymlinkIsNotOverwrittenEither() throws Exception {
        Path keyFile = dir.resolve("kimigayo.key");
        Files.createSymbolicLink(keyFile, dir.resolve("elsewhere"));

        assertThrows(FileAlreadyExistsException.class, () -> CosignKeyPair.generate().writeTo(dir, PASSWORD, false));
        assertFalse(Files.exists(dir.resolve("elsewhere")));
    }

    @Test
    void writesIntoADirectoryThatDoesNotExistYet() throws Exception {
        Path nested = dir.resolve("target/kimigayo");

        Path keyFile = CosignKeyPair.generate().writeTo(nested, PASSWORD, false);

        assertTrue(Files.isRegularFile(keyFile));
        assertTrue(Files.isRegularFile(nested.resolve("kimigayo.pub")));
    }

    @Test
    void anEmptyPasswordIsAllowed() throws Exception {
        CosignKeyPair pair = CosignKeyPair.generate();
        Path keyFile = pair.writeTo(dir, new char[0], false);

        assertEquals(pair.privateKey().getS(), CosignKeys.readPrivateKey(keyFile, new char[0]).getS());
        assertThrows(KeyDecryptionException.class, () -> CosignKeys.readPrivateKey(keyFile, " ".toCharArray()));
    }

    @Test
    void anEncryptedKeyWithoutAPasswordSaysWhatToSet() throws Exception {
        Path keyFile = CosignKeyPair.generate().writeTo(dir, PASSWORD, false);

        KeyFormatException e = assertThrows(KeyFormatException.class, () -> CosignKeys.readPrivateKey(keyFile, null));

        assertEquals(keyFile + ": the private key is encrypted and no password was given: set the environment "
                + "variable KIMIGAYO_PASSWORD (or COSIGN_PASSWORD)", e.getMessage());
    }

    @Test
    void readsTheLegacyCosignLabel() throws Exception {
        CosignKeyPair pair = CosignKeyPair.generate();
        Path keyFile = pair.writeTo(dir, PASSWORD, false);
        Path legacy = dir.resolve("legacy.key");
        Files.writeString(legacy, Files.readString(keyFile)
                .replace("ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"));

        assertTrue(Files.readString(legacy).startsWith("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n"));
        assertEquals(pair.privateKey().getS(), CosignKeys.readPrivateKey(legacy, PASSWORD).getS());
    }

    @Test
    void toleratesCrlfAndTextAroundTheBlock() throws Exception {
        CosignKeyPair pair = CosignKeyPair.generate();
        Path keyFile = pair.writeTo(dir, PASSWORD, false);
        Path windows = dir.resolve("windows.key");
        Files.writeString(windows, "made by kimigayo\r\n" + Files.readString(keyFile).replace("\n", "\r\n"));

        assertEquals(pair.privateKey().getS(), CosignKeys.readPrivateKey(windows, PASSWORD).getS());
    }

    @Test
    void namesTheFileWhenItIsNotAKey() throws Exception {
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path publicKey = dir.resolve("kimigayo.pub");
        CosignKeyPair.generate().writeTo(dir, PASSWORD, false);
        Path twoKeys = Files.writeString(dir.resolve("two.key"),
                Files.readString(dir.resolve("kimigayo.key")) + Files.readString(dir.resolve("kimigayo.key")));
        Path badBase64 = Files.writeString(dir.resolve("bad.key"),
                "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n@@@@\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
        Path notJson = Files.writeString(dir.resolve("notjson.key"),
                Pem.encode(CosignKeys.ENCRYPTED_PRIVATE_KEY, "not a key".getBytes(StandardCharsets.US_ASCII)));
        Path huge = Files.write(dir.resolve("huge.key"), new byte[100_000]);

        assertMessage(notPem, "not a PEM file", () -> CosignKeys.readPrivateKey(notPem, PASSWORD));
        assertMessage(publicKey, "holds PEM [PUBLIC KEY], not a private key",
                () -> CosignKeys.readPrivateKey(publicKey, PASSWORD));
        assertMessage(twoKeys, "holds 2 private keys; expected one", () -> CosignKeys.readPrivateKey(twoKeys, PASSWORD));
        assertMessage(badBase64, "is not valid base64", () -> CosignKeys.readPrivateKey(badBase64, PASSWORD));
        assertMessage(notJson, "the encrypted key is not JSON", () -> CosignKeys.readPrivateKey(notJson, PASSWORD));
        assertMessage(huge, "too large for a key file", () -> CosignKeys.readPrivateKey(huge, PASSWORD));
        Path keyFile = dir.resolve("kimigayo.key");
        assertMessage(keyFile, "holds PEM [ENCRYPTED SIGSTORE PRIVATE KEY], not a public key",
                () -> CosignKeys.readPublicKey(keyFile));
    }

    @Test
    void writingAnythingButAP256KeyIsRefused() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        java.security.KeyPair pair = rsa.generateKeyPair();
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        java.security.KeyPair p384 = ec.generateKeyPair();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CosignKeys.writeEncryptedPrivateKey(dir.resolve("rsa.key"), pair.getPrivate(), PASSWORD));
        assertTrue(e.getMessage().contains("RSA"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CosignKeys.writeEncryptedPrivateKey(dir.resolve("p384.key"), p384.getPrivate(), PASSWORD));
        assertTrue(e.getMessage().contains("not on curve P-256"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CosignKeys.writePublicKey(dir.resolve("p384.pub"), p384.getPublic()));
        assertEquals(List.of(), names(dir), "nothing was written");
    }

    @Test
    void aKeyPairShowsItsFingerprintNeverItsPrivateKey() {
        CosignKeyPair pair = CosignKeyPair.generate();

        String shown = pair.toString();

        assertTrue(shown.matches("CosignKeyPair\\[ECDSA P-256, public key sha256:[0-9a-f]{64}]"), shown);
        assertFalse(shown.contains(pair.privateKey().getS().toString(16)));
        assertEquals(pair.publicKey().getW(), CosignKeyPair.of(pair.privateKey()).publicKey().getW());
    }

    // ---- helpers ----

    static byte[] sign(ECPrivateKey key, String data) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(data.getBytes(StandardCharsets.UTF_8));
        return signature.sign();
    }

    static boolean verifies(ECPublicKey key, byte[] der) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(key);
        signature.update("payload".getBytes(StandardCharsets.UTF_8));
        return signature.verify(der);
    }

    private static void assertMessage(Path file, String expected, org.junit.jupiter.api.function.Executable read) {
        KeyFormatException e = assertThrows(KeyFormatException.class, read);
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(file.toString(), e.source());
    }

    private static byte[] body(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static byte[] scalar(ECPrivateKey key) {
        byte[] s = key.getS().toByteArray();
        return s.length > 32 ? java.util.Arrays.copyOfRange(s, s.length - 32, s.length) : s;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
