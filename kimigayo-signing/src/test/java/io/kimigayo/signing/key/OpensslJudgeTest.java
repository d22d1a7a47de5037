package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** openssl judges our public key files and our signatures, and makes keys for us to read. */
class OpensslJudgeTest {

    private static final char[] PASSWORD = "judge me".toCharArray();

    @TempDir
    Path dir;

    @Test
    void opensslReadsOurPublicKeyAsP256() throws Exception {
        CosignKeyPair.generate().writeTo(dir, PASSWORD, false);

        String text = Openssl.ok(dir, "pkey", "-pubin", "-in", "kimigayo.pub", "-text", "-noout");

        assertTrue(text.contains("ASN1 OID: prime256v1"), text);
        assertTrue(text.contains("NIST CURVE: P-256"), text);
        assertTrue(text.contains("Public-Key: (256 bit)"), text);
    }

    @Test
    void opensslVerifiesWhatOurPrivateKeySigns() throws Exception {
        CosignKeyPair.generate().writeTo(dir, PASSWORD, false);
        ECPrivateKey key = CosignKeys.readPrivateKey(dir.resolve("kimigayo.key"), PASSWORD);
        Files.writeString(dir.resolve("data"), "payload");
        Files.write(dir.resolve("sig.der"), CosignKeysTest.sign(key, "payload"));

        ExternalTool.Result verdict = Openssl.run(dir,
                "dgst", "-sha256", "-verify", "kimigayo.pub", "-signature", "sig.der", "data");
        assertEquals(0, verdict.exit(), verdict::describe);
        assertEquals("Verified OK", verdict.out().strip());

        Files.writeString(dir.resolve("data"), "payloaD");
        ExternalTool.Result refusal = Openssl.run(dir,
                "dgst", "-sha256", "-verify", "kimigayo.pub", "-signature", "sig.der", "data");
        assertEquals(1, refusal.exit(), refusal::describe);
        assertEquals("Verification failure", refusal.out().strip(), "and the judge does refuse a changed payload");
    }

    /** Keys openssl generated: we read them, sign, and openssl verifies with the public key it derived itself. */
    @ParameterizedTest
    @CsvSource({
        "sec1.pem, 'ecparam -name prime256v1 -genkey -noout -out sec1.pem', EC PRIVATE KEY",
        "pkcs8.pem, 'genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out pkcs8.pem', PRIVATE KEY",
        "params.pem, 'ecparam -name prime256v1 -genkey -out params.pem', EC PRIVATE KEY"})
    void readsKeysOpensslGenerates(String file, String generate, String label) throws Exception {
        Openssl.ok(dir, generate.split(" "));
        assertTrue(Files.readString(dir.resolve(file)).contains("-----BEGIN " + label + "-----"));
        Openssl.ok(dir, "pkey", "-in", file, "-pubout", "-out", "openssl.pub");

        ECPrivateKey key = CosignKeys.readPrivateKey(dir.resolve(file), new char[0]);
        Files.writeString(dir.resolve("data"), "payload");
        Files.write(dir.resolve("sig.der"), CosignKeysTest.sign(key, "payload"));
        ExternalTool.Result verdict = Openssl.run(dir,
                "dgst", "-sha256", "-verify", "openssl.pub", "-signature", "sig.der", "data");

        assertEquals(0, verdict.exit(), verdict::describe);
        assertEquals("Verified OK", verdict.out().strip());
        String opensslPublic = Files.readString(dir.resolve("openssl.pub"), StandardCharsets.US_ASCII);
        assertEquals(opensslPublic, CosignKeys.publicKeyPem(CosignKeys.publicKeyOf(key)),
                "the public key we derive is byte for byte the one openssl derives");
        ECPublicKey read = CosignKeys.readPublicKey(dir.resolve("openssl.pub"));
        assertEquals(CosignKeys.publicKeyOf(key).getW(), read.getW());
    }

    @Test
    void ourPublicKeyIsByteForByteWhatOpensslWritesForIt() throws Exception {
        CosignKeyPair.generate().writeTo(dir, PASSWORD, false);

        String rewritten = Openssl.ok(dir, "pkey", "-pubin", "-in", "kimigayo.pub", "-pubout");

        assertEquals(Files.readString(dir.resolve("kimigayo.pub"), StandardCharsets.US_ASCII), rewritten);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p384-sec1.pem|ecparam -name secp384r1 -genkey -noout -out p384-sec1.pem|an EC key on curve secp384r1 (P-384)",
        "p384.pem|genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.pem|an EC key on curve secp384r1 (P-384)",
        "k1.pem|ecparam -name secp256k1 -genkey -noout -out k1.pem|an EC key on curve secp256k1",
        "rsa.pem|genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem|this is an RSA key",
        "rsa-traditional.pem|genrsa -traditional -out rsa-traditional.pem 2048|holds PEM [RSA PRIVATE KEY]",
        "ed25519.pem|genpkey -algorithm ED25519 -out ed25519.pem|this is an Ed25519 key",
        "explicit.pem|ecparam -name prime256v1 -genkey -noout -param_enc explicit -out explicit.pem|spells out its curve parameters",
        "encrypted.pem|genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes-256-cbc -pass pass:x -out encrypted.pem|a password-protected PKCS#8 file from openssl is not read",
        "legacy-encrypted.pem|ecparam -name prime256v1 -genkey -noout -out legacy-encrypted.pem|PEM headers"})
    void refusesOtherKindsOfKeyNamingTheFile(String file, String generate, String expected) throws Exception {
        Openssl.ok(dir, generate.split(" "));
        if (file.equals("legacy-encrypted.pem")) {
            Openssl.ok(dir, "ec", "-in", file, "-aes-256-cbc", "-passout", "pass:x", "-out", file);
        }
        Path key = dir.resolve(file);

        KeyFormatException e = assertThrows(KeyFormatException.class, () -> CosignKeys.readPrivateKey(key, PASSWORD));

        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        if (!expected.contains("password") && !expected.contains("headers")) {
            assertTrue(e.getMessage().contains("ECDSA P-256 (prime256v1) keys only"), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ecparam -name secp384r1 -genkey -noout -out other.pem|an EC key on curve secp384r1 (P-384)",
        "genpkey -algorithm ED25519 -out other.pem|this is an Ed25519 key"})
    void refusesOtherKindsOfPublicKey(String generate, String expected) throws Exception {
        Openssl.ok(dir, generate.split(" "));
        Openssl.ok(dir, "pkey", "-in", "other.pem", "-pubout", "-out", "other.pub");
        Path key = dir.resolve("other.pub");

        KeyFormatException e = assertThrows(KeyFormatException.class, () -> CosignKeys.readPublicKey(key));

        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
