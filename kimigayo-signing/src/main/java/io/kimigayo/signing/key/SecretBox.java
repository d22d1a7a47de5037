package io.kimigayo.signing.key;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20-Poly1305) in the layout of golang.org/x/crypto/nacl/secretbox: a box is
 * the 16-byte Poly1305 tag followed by the message XORed with the XSalsa20 key stream from byte 32 on; the stream's
 * first 32 bytes are the Poly1305 one-time key, which authenticates the encrypted bytes.
 */
final class SecretBox {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 24;
    static final int TAG_BYTES = 16;

    private SecretBox() {
    }

    /** Encrypts and authenticates {@code message}: returns tag (16 bytes) + ciphertext. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = macKey(stream);
        byte[] box = new byte[TAG_BYTES + message.length];
        stream.processBytes(message, 0, message.length, box, TAG_BYTES);
        tag(macKey, box, box);
        return box;
    }

    /**
     * Checks the tag of {@code box} (in constant time) and returns the message.
     *
     * @throws AEADBadTagException when the box was not sealed with this key and nonce, or was changed since
     */
    static byte[] open(byte[] key, byte[] nonce, byte[] box) throws AEADBadTagException {
        if (box.length < TAG_BYTES) {
            throw new AEADBadTagException("a secretbox is at least " + TAG_BYTES + " bytes, this one is " + box.length);
        }
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = macKey(stream);
        byte[] expected = new byte[TAG_BYTES];
        tag(macKey, box, expected);
        if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
            throw new AEADBadTagException("secretbox authentication failed");
        }
        byte[] message = new byte[box.length - TAG_BYTES];
        stream.processBytes(box, TAG_BYTES, message.length, message, 0);
        return message;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secretbox key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a secretbox nonce is " + NONCE_BYTES + " bytes, not " + nonce.length);
        }
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    /** The first 32 bytes of the key stream; the stream is left at byte 32, where the message starts. */
    private static byte[] macKey(XSalsa20Engine stream) {
        byte[] macKey = new byte[32];
        stream.processBytes(macKey, 0, macKey.length, macKey, 0);
        return macKey;
    }

    /** Writes Poly1305(macKey, box[16..]) into the first 16 bytes of {@code out}, then wipes the one-time key. */
    private static void tag(byte[] macKey, byte[] box, byte[] out) {
        Poly1305 poly1305 = new Poly1305();
        poly1305.init(new KeyParameter(macKey));
        poly1305.update(box, TAG_BYTES, box.length - TAG_BYTES);
        poly1305.doFinal(out, 0);
        Arrays.fill(macKey, (byte) 0);
    }
}
