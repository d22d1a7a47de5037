package io.kimigayo.signing.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * go-securesystemslib's {@code encrypted} format, the body of cosign's encrypted key file:
 * <pre>{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"&lt;base64&gt;"},
 *  "cipher":{"name":"nacl/secretbox","nonce":"&lt;base64&gt;"},"ciphertext":"&lt;base64&gt;"}</pre>
 * with key = scrypt(UTF-8 password, salt, N, r, p, 32 bytes) and ciphertext = secretbox(plaintext, nonce, key).
 * Byte strings are standard base64 with padding, as Go's encoding/json writes a {@code []byte}.
 */
final class PasswordEncryption {

    static final String KDF_NAME = "scrypt";
    static final String CIPHER_NAME = "nacl/secretbox";
    static final int SALT_BYTES = 32;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PasswordEncryption() {
    }

    /** Encrypts {@code plaintext} under {@code password} with {@link ScryptParameters#COSIGN}, fresh salt and nonce. */
    static byte[] encrypt(byte[] plaintext, char[] password, SecureRandom random) {
        return encrypt(plaintext, password, ScryptParameters.COSIGN, random);
    }

    static byte[] encrypt(byte[] plaintext, char[] password, ScryptParameters params, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] nonce = new byte[SecretBox.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] key = deriveKey(password, salt, params);
        byte[] box;
        try {
            box = SecretBox.seal(key, nonce, plaintext);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        // Written by hand for exactly the bytes Go's json.Marshal gives: this field order, no spaces.
        String json = "{\"kdf\":{\"name\":\"" + KDF_NAME + "\",\"params\":{\"N\":" + params.n() + ",\"r\":" + params.r()
                + ",\"p\":" + params.p() + "},\"salt\":\"" + base64.encodeToString(salt) + "\"},"
                + "\"cipher\":{\"name\":\"" + CIPHER_NAME + "\",\"nonce\":\"" + base64.encodeToString(nonce) + "\"},"
                + "\"ciphertext\":\"" + base64.encodeToString(box) + "\"}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decrypts a body written by {@link #encrypt} (or by cosign).
     *
     * @param source names the input in error messages
     * @throws KeyDecryptionException when the password is wrong or the ciphertext was changed
     * @throws KeyFormatException when the body is not this format, or its scrypt parameters are out of bounds
     */
    static byte[] decrypt(byte[] body, char[] password, String source) throws KeyFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new KeyFormatException(source, "the encrypted key is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new KeyFormatException(source, "the encrypted key cannot be read as JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new KeyFormatException(source, "the encrypted key is not a JSON object");
        }
        JsonNode kdf = object(root, "kdf", source);
        String kdfName = text(kdf, "name", "kdf.name", source);
        if (!KDF_NAME.equals(kdfName)) {
            throw new KeyFormatException(source, "key derivation \"" + kdfName + "\" is not supported (only \""
                    + KDF_NAME + "\", which cosign writes)");
        }
        JsonNode params = object(kdf, "params", source);
        ScryptParameters scrypt = new ScryptParameters(
                integer(params, "N", source), integer(params, "r", source), integer(params, "p", source));
        byte[] salt = bytes(kdf, "salt", "kdf.salt", source);
        if (salt.length == 0) {
            throw new KeyFormatException(source, "the scrypt salt (kdf.salt) is empty");
        }
        JsonNode cipher = object(root, "cipher", source);
        String cipherName = text(cipher, "name", "cipher.name", source);
        if (!CIPHER_NAME.equals(cipherName)) {
            throw new KeyFormatException(source, "cipher \"" + cipherName + "\" is not supported (only \""
                    + CIPHER_NAME + "\", which cosign writes)");
        }
        byte[] nonce = bytes(cipher, "nonce", "cipher.nonce", source);
        if (nonce.length != SecretBox.NONCE_BYTES) {
            throw new KeyFormatException(source, "the secretbox nonce (cipher.nonce) is " + nonce.length
                    + " bytes, it must be " + SecretBox.NONCE_BYTES);
        }
        byte[] box = bytes(root, "ciphertext", "ciphertext", source);
        if (box.length < SecretBox.TAG_BYTES) {
            throw new KeyFormatException(source, "the ciphertext is " + box.length + " bytes, shorter than the "
                    + SecretBox.TAG_BYTES + "-byte authentication tag: the file is truncated or damaged");
        }
        scrypt.checkBounds(source);

        byte[] key = deriveKey(password, salt, scrypt);
        try {
            return SecretBox.open(key, nonce, box);
        } catch (AEADBadTagException e) {
            throw new KeyDecryptionException(source);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** scrypt over the password's UTF-8 bytes (as Go's {@code []byte(password)}); the bytes are wiped after. */
    static byte[] deriveKey(char[] password, byte[] salt, ScryptParameters params) {
        byte[] passwordBytes = utf8(password);
        try {
            return SCrypt.generate(passwordBytes, salt, (int) params.n(), (int) params.r(), (int) params.p(),
                    SecretBox.KEY_BYTES);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password is not valid Unicode (an unpaired surrogate character)");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    private static JsonNode object(JsonNode parent, String field, String source) throws KeyFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new KeyFormatException(source, "the encrypted key has no \"" + field + "\" object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path, String source) throws KeyFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new KeyFormatException(source, "the encrypted key has no " + path + " string");
        }
        return node.asText();
    }

    private static long integer(JsonNode params, String field, String source) throws KeyFormatException {
        JsonNode node = params.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new KeyFormatException(source, "the encrypted key has no integer scrypt parameter kdf.params."
                    + field);
        }
        return node.longValue();
    }

    private static byte[] bytes(JsonNode parent, String field, String path, String source) throws KeyFormatException {
        String text = text(parent, field, path, source);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(source, path + " is not standard base64 (" + e.getMessage() + ")");
        }
    }
}
