package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our secretbox against tweetnacl's (NaCl's crypto_secretbox as golang.org/x/crypto/nacl/secretbox lays it out). */
class SecretBoxTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Lengths around the 32-byte offset of the message in the key stream and the 64-byte Salsa20 block. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 31, 32, 33, 63, 64, 65, 96, 127, 128, 129, 138, 1000})
    void sealsExactlyAsTweetnaclDoes(int length) throws Exception {
        Random random = new Random(length * 7919L + 1);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] message = bytes(random, length);

        byte[] ours = SecretBox.seal(key, nonce, message);
        ExternalTool.Result theirs = NodeJudge.run("secretbox.js", null,
                "seal", HEX.formatHex(key), HEX.formatHex(nonce), HEX.formatHex(message));

        assertEquals(0, theirs.exit(), theirs::describe);
        assertEquals(theirs.out().strip(), HEX.formatHex(ours), "tweetnacl's box vs ours, " + length + " bytes");
        assertEquals(16 + length, ours.length, "a box is the 16-byte tag plus the message length");
        assertArrayEquals(message, SecretBox.open(key, nonce, ours));
    }

    @Test
    void tweetnaclRefusesABoxWeChanged() throws Exception {
        Random random = new Random(3);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] box = SecretBox.seal(key, nonce, bytes(random, 100));
        box[50] ^= 0x01;

        ExternalTool.Result theirs = NodeJudge.run("secretbox.js", null,
                "open", HEX.formatHex(key), HEX.formatHex(nonce), HEX.formatHex(box));

        assertEquals(2, theirs.exit(), theirs::describe);
    }

    @Test
    void everyChangedBitIsRefused() throws Exception {
        Random random = new Random(5);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] box = SecretBox.seal(key, nonce, bytes(random, 70));
        for (int i = 0; i < box.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = box.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThrows(AEADBadTagException.class, () -> SecretBox.open(key, nonce, changed),
                        "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void anotherKeyOrNonceDoesNotOpen() throws Exception {
        Random random = new Random(11);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] box = SecretBox.seal(key, nonce, bytes(random, 40));
        byte[] otherKey = key.clone();
        otherKey[31] ^= 0x80;
        byte[] otherNonce = nonce.clone();
        otherNonce[23] ^= 0x80;

        assertThrows(AEADBadTagException.class, () -> SecretBox.open(otherKey, nonce, box));
        assertThrows(AEADBadTagException.class, () -> SecretBox.open(key, otherNonce, box));
    }

    @Test
    void aBoxShorterThanItsTagIsRefused() {
        assertThrows(AEADBadTagException.class, () -> SecretBox.open(new byte[32], new byte[24], new byte[15]));
    }

    @Test
    void keyAndNonceSizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.seal(new byte[16], new byte[24], new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.seal(new byte[32], new byte[8], new byte[1]));
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
