package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON body of cosign's encrypted key file: its exact shape, and what the reader refuses. */
class PasswordEncryptionTest {

    private static final byte[] PLAINTEXT = "a PKCS#8 key would be here".getBytes(StandardCharsets.US_ASCII);
    private static final char[] PASSWORD = "s3cret".toCharArray();

    /** Go's json.Marshal of go-securesystemslib's struct: this field order, no spaces, padded standard base64. */
    private static final Pattern SHAPE = Pattern.compile("\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":"
            + "\\{\"N\":32768,\"r\":8,\"p\":1\\},\"salt\":\"[A-Za-z0-9+/]{43}=\"\\},"
            + "\"cipher\":\\{\"name\":\"nacl/secretbox\",\"nonce\":\"[A-Za-z0-9+/]{32}\"\\},"
            + "\"ciphertext\":\"[A-Za-z0-9+/]+={0,2}\"\\}");

    @Test
    void writesTheBodyGoSecureSystemsLibWrites() throws Exception {
        String json = new String(PasswordEncryption.encrypt(PLAINTEXT, PASSWORD, new SecureRandom()),
                StandardCharsets.US_ASCII);

        assertTrue(SHAPE.matcher(json).matches(), json);
        JsonNode root = new ObjectMapper().readTree(json);
        Base64.Decoder base64 = Base64.getDecoder();
        assertEquals(32, base64.decode(root.at("/kdf/salt").asText()).length, "salt bytes");
        assertEquals(24, base64.decode(root.at("/cipher/nonce").asText()).length, "nonce bytes");
        assertEquals(16 + PLAINTEXT.length, base64.decode(root.at("/ciphertext").asText()).length,
                "ciphertext = 16-byte tag + encrypted bytes");
    }

    @Test
    void saltAndNonceAreFreshEachTime() {
        SecureRandom random = new SecureRandom();
        String first = new String(PasswordEncryption.encrypt(PLAINTEXT, PASSWORD, random), StandardCharsets.US_ASCII);
        String second = new String(PasswordEncryption.encrypt(PLAINTEXT, PASSWORD, random), StandardCharsets.US_ASCII);

        assertNotEquals(first, second);
    }

    @Test
    void roundTripsWithUnicodeAndEmptyPasswords() throws Exception {
        for (String password : new String[] {"", "pässwörd — 鍵 🔑", " leading and trailing spaces "}) {
            byte[] body = PasswordEncryption.encrypt(PLAINTEXT, password.toCharArray(), new SecureRandom());
            assertArrayEquals(PLAINTEXT, PasswordEncryption.decrypt(body, password.toCharArray(), "k"), password);
        }
    }

    @Test
    void wrongPasswordSaysSo() {
        byte[] body = PasswordEncryption.encrypt(PLAINTEXT, PASSWORD, new SecureRandom());

        KeyDecryptionException e = assertThrows(KeyDecryptionException.class,
                () -> PasswordEncryption.decrypt(body, "s3creT".toCharArray(), "some.key"));

        assertEquals("some.key: wrong password or damaged key file", e.getMessage());
    }

    @Test
    void readsOtherScryptStrengthsCosignWrites() throws Exception {
        byte[] body = PasswordEncryption.encrypt(PLAINTEXT, PASSWORD, new ScryptParameters(65536, 8, 1),
                new SecureRandom());

        assertTrue(new String(body, StandardCharsets.US_ASCII).contains("\"params\":{\"N\":65536,\"r\":8,\"p\":1}"));
        assertArrayEquals(PLAINTEXT, PasswordEncryption.decrypt(body, PASSWORD, "k"));
    }

    @ParameterizedTest
    @CsvSource({
        "2097152, 8, 1, out of the bounds",
        "1048576, 33, 1, out of the bounds",
        "32768, 8, 17, out of the bounds",
        "1048576, 16, 1, out of the bounds",
        "1099511627776, 8, 1, out of the bounds",
        "32767, 8, 1, not valid for scrypt",
        "1, 8, 1, not valid for scrypt",
        "32768, 0, 1, not valid for scrypt",
        "32768, 8, 0, not valid for scrypt",
        "-32768, 8, 1, not valid for scrypt"})
    void refusesScryptParametersOutOfBoundsBeforeDerivingAnything(long n, long r, long p, String why) {
        String body = withParams(n, r, p);

        long start = System.nanoTime();
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PasswordEncryption.decrypt(body.getBytes(StandardCharsets.US_ASCII), PASSWORD, "big.key"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(e.getMessage().startsWith("big.key: scrypt parameters N=" + n + " r=" + r + " p=" + p + " are "
                + why), e.getMessage());
        assertTrue(e.getMessage().contains("N a power of two from 2 to 1048576, r from 1 to 32, p from 1 to 16"),
                e.getMessage());
        assertTrue(millis < 2000, "refused in " + millis + " ms, without running scrypt");
    }

    @Test
    void theLargestAcceptedParametersAreWithinTheMemoryBound() throws Exception {
        new ScryptParameters(1 << 20, 8, 1).checkBounds("k");
        new ScryptParameters(1 << 15, 32, 16).checkBounds("k");
        ScryptParameters.COSIGN.checkBounds("k");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|is not JSON",
        "{} {}|is not JSON",
        "[1,2]|not a JSON object",
        "{}|no \"kdf\" object",
        "{\"kdf\":{\"name\":\"argon2id\",\"params\":{},\"salt\":\"AA==\"}}|key derivation \"argon2id\" is not supported",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":\"32768\",\"r\":8,\"p\":1},\"salt\":\"AA==\"}}|kdf.params.N",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"\"}}|salt (kdf.salt) is empty",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"%%%\"}}|kdf.salt is not standard base64",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
                + "\"cipher\":{\"name\":\"aes-gcm\",\"nonce\":\"AA==\"}}|cipher \"aes-gcm\" is not supported",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
                + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AAAA\"},\"ciphertext\":\"AA==\"}|nonce (cipher.nonce) is 3 bytes, it must be 24",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
                + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},"
                + "\"ciphertext\":\"AAAA\"}|shorter than the 16-byte authentication tag"})
    void namesWhatIsWrongWithABody(String body, String expected) {
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PasswordEncryption.decrypt(body.getBytes(StandardCharsets.UTF_8), PASSWORD, "odd.key"));

        assertTrue(e.getMessage().startsWith("odd.key: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String withParams(long n, long r, long p) {
        return "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":" + n + ",\"r\":" + r + ",\"p\":" + p + "},"
                + "\"salt\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"},"
                + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"" + Base64.getEncoder().encodeToString(new byte[24])
                + "\"},\"ciphertext\":\"" + Base64.getEncoder().encodeToString(new byte[48]) + "\"}";
    }
}
