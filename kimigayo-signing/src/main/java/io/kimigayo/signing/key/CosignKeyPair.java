package io.kimigayo.signing.key;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;

/**
 * An ECDSA P-256 key pair as cosign makes them, and its two files: {@value #PRIVATE_KEY_FILE} (encrypted) and
 * {@value #PUBLIC_KEY_FILE}. {@link #toString()} shows the public key's fingerprint, never the private key.
 */
public final class CosignKeyPair {

    public static final String PRIVATE_KEY_FILE = "kimigayo.key";
    public static final String PUBLIC_KEY_FILE = "kimigayo.pub";

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private CosignKeyPair(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new key pair from a fresh {@link SecureRandom}. */
    public static CosignKeyPair generate() {
        return generate(new SecureRandom());
    }

    public static CosignKeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(P256.parameters(), random);
            KeyPair pair = generator.generateKeyPair();
            return new CosignKeyPair((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate EC P-256 keys", e);
        }
    }

    /** The pair of {@code privateKey} (an ECDSA P-256 key, for example one read with CosignKeys.readPrivateKey). */
    public static CosignKeyPair of(ECPrivateKey privateKey) {
        return new CosignKeyPair(privateKey, P256.publicKeyOf(privateKey));
    }

    public ECPrivateKey privateKey() {
        return privateKey;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    public KeyPair toKeyPair() {
        return new KeyPair(publicKey, privateKey);
    }

    /**
     * Writes {@value #PRIVATE_KEY_FILE} (encrypted under {@code password}, permissions 0600) and then
     * {@value #PUBLIC_KEY_FILE} into {@code directory}, creating it if needed.
     *
     * @param overwrite whether an existing {@value #PRIVATE_KEY_FILE} may be replaced; when false and one is there,
     *     nothing is written
     * @return the private key file
     * @throws FileAlreadyExistsException when {@value #PRIVATE_KEY_FILE} exists and {@code overwrite} is false
     */
    public Path writeTo(Path directory, char[] password, boolean overwrite) throws IOException {
        Path keyFile = directory.resolve(PRIVATE_KEY_FILE);
        CosignKeys.writeEncryptedPrivateKey(keyFile, privateKey, password, overwrite);
        CosignKeys.writePublicKey(directory.resolve(PUBLIC_KEY_FILE), publicKey);
        return keyFile;
    }

    /** {@code sha256:<hex>} of the public key's SubjectPublicKeyInfo DER. */
    public String fingerprint() {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(P256.spki(publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "CosignKeyPair[ECDSA P-256, public key " + fingerprint() + "]";
    }
}
