package io.kimigayo.signing.openpgp;

import io.kimigayo.testing.ExternalTool;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signer against keys made and exported by the real gpg; its signatures checked by Bouncy Castle and by gpg. */
class OpenPgpSignerTest {

    private static final byte[] PAYLOAD = "{\"critical\":{},\"optional\":{}}".getBytes(StandardCharsets.UTF_8);
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    static Path dir;
    static GpgKeyring gpg;
    static String rsa;            // primary rsa2048 [S], no passphrase
    static String locked;         // primary rsa2048 [S], with a passphrase
    static String subkeyOwner;    // primary rsa2048 [C]; subkeys: rsa2048 [E], rsa2048 [S]
    static String encryptSubkey;
    static String signSubkey;
    static String certifyOnly;    // primary rsa2048 [C]; subkey cv25519 [E]: nothing can sign
    static String ed25519;        // primary ed25519 [S]

    @BeforeAll
    static void makeKeys() throws IOException {
        gpg = new GpgKeyring(dir.resolve("gnupg"));
        rsa = gpg.generate("RSA Signer <rsa@kimigayo.invalid>", "rsa2048", "sign", "");
        locked = gpg.generate("Locked <locked@kimigayo.invalid>", "rsa2048", "sign", PASSPHRASE);
        subkeyOwner = gpg.generate("Subkeys <subkeys@kimigayo.invalid>", "rsa2048", "cert", "");
        encryptSubkey = gpg.addSubkey(subkeyOwner, "rsa2048", "encr", "");
        signSubkey = gpg.addSubkey(subkeyOwner, "rsa2048", "sign", "");
        certifyOnly = gpg.generate("Certify Only <cert@kimigayo.invalid>", "rsa2048", "cert", "");
        gpg.addSubkey(certifyOnly, "cv25519", "encr", "");
        ed25519 = gpg.generate("Ed25519 <ed@kimigayo.invalid>", "ed25519", "sign", "");

        gpg.exportSecret(rsa, dir.resolve("rsa.asc"), true, "");
        gpg.exportSecret(rsa, dir.resolve("rsa.gpg"), false, "");
        gpg.exportPublic(rsa, dir.resolve("rsa.pub.asc"));
        gpg.exportSecret(locked, dir.resolve("locked.asc"), true, PASSPHRASE);
        gpg.exportPublic(locked, dir.resolve("locked.pub.asc"));
        gpg.exportSecret(subkeyOwner, dir.resolve("subkeys.asc"), true, "");
        gpg.exportPublic(subkeyOwner, dir.resolve("subkeys.pub.asc"));
        gpg.exportSecret(certifyOnly, dir.resolve("certify-only.asc"), true, "");
        gpg.exportSecret(ed25519, dir.resolve("ed25519.asc"), true, "");
        gpg.exportPublic(ed25519, dir.resolve("ed25519.pub.asc"));
        Files.write(dir.resolve("two-keys.asc"), Files.readAllBytes(dir.resolve("rsa.gpg")));
        Files.write(dir.resolve("two-keys.asc"), Files.readAllBytes(gpg.exportSecret(ed25519,
                dir.resolve("ed25519.gpg"), false, "")), java.nio.file.StandardOpenOption.APPEND);
    }

    @AfterAll
    static void stopAgent() throws IOException {
        gpg.close();
    }

    @Test
    void writesASignedMessageThatBouncyCastleVerifies() throws Exception {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("rsa.asc"), null, null);
        Instant time = Instant.parse("2030-01-01T00:00:00Z");

        SignedMessages.Verified verified = SignedMessages.verify(signer.sign(PAYLOAD, time), dir.resolve("rsa.pub.asc"));

        assertTrue(verified.valid());
        assertArrayEquals(PAYLOAD, verified.payload());
        assertEquals(PGPLiteralData.BINARY, verified.literal().getFormat());
        assertEquals("", verified.literal().getFileName());
        assertEquals(PGPSignature.BINARY_DOCUMENT, verified.signature().getSignatureType());
        assertEquals(time, verified.signature().getCreationTime().toInstant());
        assertEquals(rsa, signer.fingerprint());
        assertEquals(rsa.substring(24), signer.keyId());
        assertFalse(signer.isSubkey());
    }

    @Test
    void gpgVerifiesTheSignatureAndReadsThePayload() throws IOException {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("rsa.gpg"), null, null);
        Path message = Files.write(dir.resolve("message.sig"), signer.sign(PAYLOAD));
        Path out = dir.resolve("message.out");

        ExternalTool.Result result = ExternalTool.require("gpg", "gnupg").run(gpg.environment(),
                "--batch", "--yes", "--status-fd", "1", "--output", out.toString(), "--decrypt", message.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("[GNUPG:] VALIDSIG " + rsa), result.toString());
        assertArrayEquals(PAYLOAD, Files.readAllBytes(out));
    }

    @Test
    void signsWithAnEd25519Key() throws Exception {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("ed25519.asc"), null, null);
        assertTrue(SignedMessages.verify(signer.sign(PAYLOAD), dir.resolve("ed25519.pub.asc")).valid());
    }

    @Test
    void theSameTimeGivesTheSameSignature() throws IOException {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("rsa.asc"), null, null);
        Instant time = Instant.parse("2030-01-01T00:00:00Z");
        assertArrayEquals(signer.sign(PAYLOAD, time), signer.sign(PAYLOAD, time));
    }

    @Test
    void aTimeBeforeTheKeyExistedBecomesTheKeysCreationTime() throws Exception {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("rsa.asc"), null, null);
        PGPSignature signature = SignedMessages.verify(signer.sign(PAYLOAD, Instant.EPOCH),
                dir.resolve("rsa.pub.asc")).signature();
        assertEquals(signer.publicKey().getCreationTime(), signature.getCreationTime());
    }

    @Test
    void unlocksAKeyWithItsPassphrase() throws Exception {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("locked.asc"), null, PASSPHRASE.toCharArray());
        assertTrue(SignedMessages.verify(signer.sign(PAYLOAD), dir.resolve("locked.pub.asc")).valid());
    }

    @Test
    void aWrongPassphraseIsNamedWithTheKeyFile() {
        Path file = dir.resolve("locked.asc");
        OpenPgpKeyException e = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(file, null, "wrong".toCharArray()));
        assertTrue(e.getMessage().startsWith(file + ": wrong passphrase for key " + locked.substring(24)),
                e.getMessage());
        assertEquals(file, e.keyFile());

        OpenPgpKeyException none = assertThrows(OpenPgpKeyException.class, () -> new OpenPgpSigner(file, null, null));
        assertTrue(none.getMessage().contains("protected by a passphrase, and none was given"), none.getMessage());
    }

    @Test
    void choosesAKeyByIdOrFingerprint() throws IOException {
        Path file = dir.resolve("two-keys.asc");
        assertEquals(rsa, new OpenPgpSigner(file, null, null).fingerprint());
        assertEquals(ed25519, new OpenPgpSigner(file, ed25519, null).fingerprint());
        assertEquals(ed25519, new OpenPgpSigner(file, ed25519.substring(24), null).fingerprint());
        assertEquals(ed25519, new OpenPgpSigner(file, "0x" + ed25519.substring(24).toLowerCase(Locale.ROOT), null)
                .fingerprint());
        assertEquals(ed25519, new OpenPgpSigner(file, ed25519.substring(32), null).fingerprint());
        assertEquals(ed25519, new OpenPgpSigner(file, ed25519.replaceAll("(.{4})", "$1 "), null).fingerprint());
    }

    @Test
    void prefersAPrimaryKeyAndElseTakesTheSigningSubkey() throws Exception {
        OpenPgpSigner signer = new OpenPgpSigner(dir.resolve("subkeys.asc"), null, null);
        assertEquals(signSubkey, signer.fingerprint());
        assertTrue(signer.isSubkey());
        assertTrue(SignedMessages.verify(signer.sign(PAYLOAD), dir.resolve("subkeys.pub.asc")).valid());
    }

    @Test
    void aKeyThatCannotSignIsNamed() {
        Path file = dir.resolve("subkeys.asc");
        OpenPgpKeyException encrypt = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(file, encryptSubkey, null));
        assertTrue(encrypt.getMessage().startsWith(file + ": key " + encryptSubkey + " cannot sign: its usage is "
                + "encrypt, not sign"), encrypt.getMessage());

        OpenPgpKeyException certify = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(file, subkeyOwner, null));
        assertTrue(certify.getMessage().contains("cannot sign: its usage is certify, not sign"), certify.getMessage());

        Path none = dir.resolve("certify-only.asc");
        OpenPgpKeyException nothing = assertThrows(OpenPgpKeyException.class, () -> new OpenPgpSigner(none, null, null));
        assertTrue(nothing.getMessage().startsWith(none + ": no key in the file can sign"), nothing.getMessage());
        assertTrue(nothing.getMessage().contains(certifyOnly.substring(24) + " (primary, RSA, certify)"),
                nothing.getMessage());
    }

    @Test
    void aFileWithoutTheSecretKeyIsNamed() throws IOException {
        Path pub = dir.resolve("rsa.pub.asc");
        OpenPgpKeyException publicOnly = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(pub, null, null));
        assertTrue(publicOnly.getMessage().startsWith(pub + ": no secret key: the file holds only public keys"),
                publicOnly.getMessage());
        assertTrue(publicOnly.getMessage().contains("gpg --export-secret-keys --armor"), publicOnly.getMessage());

        Path file = dir.resolve("rsa.asc");
        OpenPgpKeyException unknown = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(file, locked, null));
        assertTrue(unknown.getMessage().startsWith(file + ": no secret key " + locked + " in the file. Keys in the "
                + "file: " + rsa.substring(24) + " (primary, RSA, certify+sign) RSA Signer <rsa@kimigayo.invalid>"),
                unknown.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.asc"), "this is not a key\n");
        OpenPgpKeyException notKey = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(garbage, null, null));
        assertTrue(notKey.getMessage().startsWith(garbage + ": "), notKey.getMessage());

        Path missing = dir.resolve("missing.asc");
        OpenPgpKeyException absent = assertThrows(OpenPgpKeyException.class,
                () -> new OpenPgpSigner(missing, null, null));
        assertTrue(absent.getMessage().startsWith(missing + ": no such secret key file"), absent.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new OpenPgpSigner(file, "not-a-key-id", null));
    }
}
