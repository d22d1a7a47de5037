package io.kimigayo.signing.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes ECDSA P-256 key files in the formats cosign uses.
 *
 * <ul>
 *   <li>Private keys are written only encrypted, as cosign writes them: PEM {@value #ENCRYPTED_PRIVATE_KEY} around
 *       go-securesystemslib's JSON (scrypt N=32768 r=8 p=1, NaCl secretbox over the PKCS#8 DER), permissions 0600,
 *       through a temporary file and an atomic rename.</li>
 *   <li>Private keys are read from that format, from cosign's older label {@value #LEGACY_ENCRYPTED_PRIVATE_KEY},
 *       and from unencrypted PEM {@code PRIVATE KEY} (PKCS#8) and {@code EC PRIVATE KEY} (SEC1), for example as
 *       openssl writes them.</li>
 *   <li>Public keys are PEM {@value #PUBLIC_KEY} (SubjectPublicKeyInfo).</li>
 * </ul>
 * Every error names the file.
 */
public final class CosignKeys {

    /** The PEM label cosign writes. */
    public static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED SIGSTORE PRIVATE KEY";
    /** The PEM label older cosign releases wrote; same body. */
    public static final String LEGACY_ENCRYPTED_PRIVATE_KEY = "ENCRYPTED COSIGN PRIVATE KEY";
    public static final String PUBLIC_KEY = "PUBLIC KEY";

    static final String PKCS8_PRIVATE_KEY = "PRIVATE KEY";
    static final String SEC1_PRIVATE_KEY = "EC PRIVATE KEY";
    private static final String EC_PARAMETERS = "EC PARAMETERS";
    private static final List<String> PRIVATE_KEY_LABELS =
            List.of(ENCRYPTED_PRIVATE_KEY, LEGACY_ENCRYPTED_PRIVATE_KEY, PKCS8_PRIVATE_KEY, SEC1_PRIVATE_KEY);

    private CosignKeys() {
    }

    // ---- private keys ----

    /**
     * Encrypts {@code key} under {@code password} and writes it to {@code file} (permissions 0600), refusing to
     * replace an existing file.
     *
     * @param password may be empty (cosign allows it); not kept, not wiped
     * @throws FileAlreadyExistsException when {@code file} exists
     */
    public static void writeEncryptedPrivateKey(Path file, PrivateKey key, char[] password) throws IOException {
        writeEncryptedPrivateKey(file, key, password, false);
    }

    /**
     * Encrypts {@code key} under {@code password} and writes it to {@code file} (permissions 0600) through a
     * temporary file and an atomic rename.
     *
     * @param key an ECDSA P-256 private key
     * @param overwrite whether an existing {@code file} may be replaced
     * @throws FileAlreadyExistsException when {@code file} exists and {@code overwrite} is false
     * @throws IllegalArgumentException when {@code key} is not an ECDSA P-256 private key
     */
    public static void writeEncryptedPrivateKey(Path file, PrivateKey key, char[] password, boolean overwrite)
            throws IOException {
        byte[] pem = encryptedPrivateKeyPem(key, password, new SecureRandom()).getBytes(StandardCharsets.US_ASCII);
        KeyFiles.writeOwnerOnly(file, pem, overwrite, "private key");
    }

    /** The text of an encrypted key file for {@code key}: PEM {@value #ENCRYPTED_PRIVATE_KEY}. */
    static String encryptedPrivateKeyPem(PrivateKey key, char[] password, SecureRandom random) {
        if (!(key instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("the private key is " + describe(key) + "; " + P256.SUPPORTED);
        }
        byte[] pkcs8 = P256.pkcs8((ECPrivateKey) key);
        try {
            return Pem.encode(ENCRYPTED_PRIVATE_KEY, PasswordEncryption.encrypt(pkcs8, password, random));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Reads an ECDSA P-256 private key from {@code file}: cosign's encrypted format (either label), or unencrypted
     * PEM {@code PRIVATE KEY} / {@code EC PRIVATE KEY} (for which {@code password} is not used and may be null). A
     * file may hold {@code EC PARAMETERS} before its key, as {@code openssl ecparam -genkey} writes.
     *
     * @throws KeyDecryptionException when the password is wrong or the file was changed
     * @throws KeyFormatException when the file is not such a key, or holds another kind of key
     */
    public static ECPrivateKey readPrivateKey(Path file, char[] password) throws IOException {
        String source = file.toString();
        Pem.Block block = single(Pem.decode(KeyFiles.read(file), source), PRIVATE_KEY_LABELS, "private key", source);
        if (block.hasHeaders()) {
            throw new KeyFormatException(source, "the " + block.label() + " block has PEM headers (such as "
                    + "OpenSSL's legacy Proc-Type/DEK-Info encryption), which are not supported");
        }
        switch (block.label()) {
            case ENCRYPTED_PRIVATE_KEY:
            case LEGACY_ENCRYPTED_PRIVATE_KEY:
                if (password == null) {
                    throw new KeyFormatException(source, "the private key is encrypted and no password was given: "
                            + "set the environment variable " + KeyPassword.KIMIGAYO_PASSWORD + " (or "
                            + KeyPassword.COSIGN_PASSWORD + ")");
                }
                byte[] pkcs8 = PasswordEncryption.decrypt(block.body(), password, source);
                try {
                    return P256.fromPkcs8(pkcs8, source);
                } finally {
                    Arrays.fill(pkcs8, (byte) 0);
                }
            case PKCS8_PRIVATE_KEY:
                return P256.fromPkcs8(block.body(), source);
            case SEC1_PRIVATE_KEY:
                return P256.fromSec1(block.body(), source);
            default:
                throw new IllegalStateException("unhandled label " + block.label());
        }
    }

    // ---- public keys ----

    /** Writes {@code key} to {@code file} as PEM {@value #PUBLIC_KEY} (permissions 0644), replacing any file. */
    public static void writePublicKey(Path file, PublicKey key) throws IOException {
        KeyFiles.writeWorldReadable(file, publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The PEM text of {@code key}: {@value #PUBLIC_KEY} around its SubjectPublicKeyInfo DER (named curve, uncompressed
     * point), byte for byte what cosign and openssl write for the same key.
     */
    public static String publicKeyPem(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            throw new IllegalArgumentException("the public key is " + describe(key) + "; " + P256.SUPPORTED);
        }
        return Pem.encode(PUBLIC_KEY, P256.spki((ECPublicKey) key));
    }

    /** Reads an ECDSA P-256 public key from PEM {@value #PUBLIC_KEY} in {@code file}. */
    public static ECPublicKey readPublicKey(Path file) throws IOException {
        String source = file.toString();
        Pem.Block block = single(Pem.decode(KeyFiles.read(file), source), List.of(PUBLIC_KEY), "public key", source);
        return P256.fromSpki(block.body(), source);
    }

    /** The public key that belongs to {@code key}. */
    public static ECPublicKey publicKeyOf(ECPrivateKey key) {
        return P256.publicKeyOf(key);
    }

    private static Pem.Block single(List<Pem.Block> blocks, List<String> labels, String what, String source)
            throws KeyFormatException {
        List<Pem.Block> keys = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Pem.Block block : blocks) {
            if (labels.contains(block.label())) {
                keys.add(block);
            } else if (!EC_PARAMETERS.equals(block.label())) {
                others.add(block.label());
            }
        }
        if (keys.size() == 1 && others.isEmpty()) {
            return keys.get(0);
        }
        if (keys.size() > 1) {
            throw new KeyFormatException(source, "holds " + keys.size() + " " + what + "s; expected one");
        }
        String expected = "expected PEM " + String.join(" or ", labels.stream().map(l -> "\"" + l + "\"").toList());
        if (keys.isEmpty()) {
            throw new KeyFormatException(source, "holds PEM " + others + ", not a " + what + " Kimigayo reads ("
                    + expected + advice(others) + ")");
        }
        throw new KeyFormatException(source, "holds PEM " + others + " besides the " + what + "; " + expected
                + " alone");
    }

    private static String advice(List<String> labels) {
        if (labels.contains("ENCRYPTED PRIVATE KEY")) {
            return "; a password-protected PKCS#8 file from openssl is not read: import it with"
                    + " cosign import-key-pair, or generate a key pair with Kimigayo";
        }
        if (labels.contains("RSA PRIVATE KEY") || labels.contains("OPENSSH PRIVATE KEY")) {
            return "; " + P256.SUPPORTED;
        }
        return "";
    }

    private static String describe(Object key) {
        return key == null ? "missing" : "a " + ((java.security.Key) key).getAlgorithm() + " key ("
                + key.getClass().getName() + ")";
    }
}
