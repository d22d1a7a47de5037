package io.kimigayo.signing.openpgp;

import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs payloads as an OpenPGP signed message, as {@code gpg --sign} does and as containers/image verifies a
 * "simple signing" signature: a one-pass signature packet, a literal data packet holding the payload, a signature
 * packet (RFC 4880 section 11.3; not compressed, not armored). The key comes from a secret key file exported by gpg
 * ({@code gpg --export-secret-keys --armor KEYID > key.asc}, ASCII-armored or binary).
 *
 * <p>Without a key id the signer takes the first primary key that can sign, and only when no primary key can, the
 * first signing subkey. containers/image releases before mid-2025 (its pull request 2905; skopeo 1.9.3 in Debian 12
 * among them) accept only signatures made by a primary key: a {@code signedBy} policy rejects a subkey's signature with "Signature by key ... is not
 * accepted" even when its primary key is in {@code keyPath}. {@link #isSubkey()} tells which one signs.
 *
 * <p>Signatures are deterministic for RSA and EdDSA keys: the same payload, key and time give the same bytes.
 */
public final class OpenPgpSigner {

    private final Path keyFile;
    private final PGPPublicKey publicKey;
    private final PGPPrivateKey privateKey;

    /**
     * Reads the key and unlocks it.
     *
     * @param secretKeyRing a secret key file exported by gpg, armored or binary
     * @param keyId         the key to sign with: a key id (16 hex digits, or the short 8), or a fingerprint, with or
     *                      without {@code 0x} and spaces; {@code null} for the first key that can sign
     * @param passphrase    the key's passphrase, or {@code null} for an unprotected key; not kept
     * @throws OpenPgpKeyException naming the file when it has no secret key, no such key, the key cannot sign, or
     *                             the passphrase is wrong
     */
    public OpenPgpSigner(Path secretKeyRing, String keyId, char[] passphrase) throws IOException {
        this.keyFile = Objects.requireNonNull(secretKeyRing, "secretKeyRing");
        PGPSecretKey secretKey = select(readSecretKeyRings(secretKeyRing), keyId);
        this.publicKey = secretKey.getPublicKey();
        this.privateKey = unlock(secretKey, passphrase);
    }

    /** Signs {@code payload}, dated now. */
    public byte[] sign(byte[] payload) throws IOException {
        return sign(payload, Instant.now());
    }

    /**
     * Signs {@code payload} as of {@code signatureTime} (whole seconds). A time before the key was created is
     * replaced by the key's creation time, since gpg rejects a signature older than its key; so a reproducible build
     * can pass its build timestamp and still get a valid, repeatable signature.
     */
    public byte[] sign(byte[] payload, Instant signatureTime) throws IOException {
        Objects.requireNonNull(payload, "payload");
        Date created = new Date(1000L * Math.max(signatureTime.getEpochSecond(),
                publicKey.getCreationTime().toInstant().getEpochSecond()));
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA256), publicKey);
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, created);
            hashed.setIssuerFingerprint(false, publicKey);
            generator.setHashedSubpackets(hashed.generate());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, publicKey.getKeyID());
            generator.setUnhashedSubpackets(unhashed.generate());

            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 1024);
            BCPGOutputStream out = new BCPGOutputStream(bytes);
            generator.generateOnePassVersion(false).encode(out);
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            try (OutputStream data = literal.open(out, PGPLiteralData.BINARY, "", payload.length, created)) {
                data.write(payload);
            }
            generator.update(payload);
            generator.generate().encode(out);
            out.close();
            return bytes.toByteArray();
        } catch (PGPException e) {
            throw new IOException("signing with key " + keyId() + " from " + keyFile + " failed: " + e.getMessage(), e);
        }
    }

    /** The file the key was read from. */
    public Path keyFile() {
        return keyFile;
    }

    /** The signing key's id, 16 upper-case hex digits. */
    public String keyId() {
        return formatKeyId(publicKey.getKeyID());
    }

    /** The signing key's fingerprint, upper-case hex, as gpg prints it. */
    public String fingerprint() {
        return HexFormat.of().withUpperCase().formatHex(publicKey.getFingerprint());
    }

    /** Whether the signing key is a subkey (see the class comment on what older containers/image accept). */
    public boolean isSubkey() {
        return !publicKey.isMasterKey();
    }

    /** The public half of the signing key, for verifying what it signed. */
    public PGPPublicKey publicKey() {
        return publicKey;
    }

    // ---- reading and choosing the key

    private static List<PGPSecretKeyRing> readSecretKeyRings(Path file) throws IOException {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        int publicRings = 0;
        try (InputStream raw = Files.newInputStream(file); InputStream in = PGPUtil.getDecoderStream(raw)) {
            PGPObjectFactory objects = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
            Object next;
            while ((next = objects.nextObject()) != null) {
                if (next instanceof PGPSecretKeyRing) {
                    rings.add((PGPSecretKeyRing) next);
                } else if (next instanceof PGPPublicKeyRing) {
                    publicRings++;
                }
            }
        } catch (NoSuchFileException e) {
            throw new OpenPgpKeyException(file, "no such secret key file; export one with "
                    + "`gpg --export-secret-keys --armor KEYID > " + file.getFileName() + "`", e);
        } catch (IOException | RuntimeException e) {
            if (rings.isEmpty()) {
                throw new OpenPgpKeyException(file, "not an OpenPGP key file (" + e.getMessage() + "); export the key "
                        + "with `gpg --export-secret-keys --armor KEYID > " + file.getFileName() + "`", e);
            }
            // Keys after the ones read are unreadable; sign with what was read.
        }
        if (rings.isEmpty()) {
            throw new OpenPgpKeyException(file, publicRings > 0
                    ? "no secret key: the file holds only public keys (" + publicRings + " key ring"
                    + (publicRings == 1 ? "" : "s") + "). Export the secret key with "
                    + "`gpg --export-secret-keys --armor KEYID > " + file.getFileName() + "`"
                    : "no secret key: the file holds no OpenPGP key. Export one with "
                    + "`gpg --export-secret-keys --armor KEYID > " + file.getFileName() + "`");
        }
        return rings;
    }

    private PGPSecretKey select(List<PGPSecretKeyRing> rings, String keyId) throws OpenPgpKeyException {
        List<PGPSecretKey> all = new ArrayList<>();
        for (PGPSecretKeyRing ring : rings) {
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                all.add(it.next());
            }
        }
        if (keyId != null && !keyId.isBlank()) {
            String wanted = normalizeKeyId(keyId);
            for (PGPSecretKeyRing ring : rings) {
                for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                    PGPSecretKey key = it.next();
                    if (matches(key.getPublicKey(), wanted)) {
                        String problem = whyCannotSign(ring, key);
                        if (problem != null) {
                            throw new OpenPgpKeyException(keyFile, "key " + keyId.trim() + " cannot sign: " + problem
                                    + ". Keys in the file: " + describe(rings));
                        }
                        return key;
                    }
                }
            }
            throw new OpenPgpKeyException(keyFile, "no secret key " + keyId.trim() + " in the file. Keys in the "
                    + "file: " + describe(rings));
        }
        PGPSecretKey subkey = null;
        for (PGPSecretKeyRing ring : rings) {
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey key = it.next();
                if (whyCannotSign(ring, key) == null) {
                    if (key.isMasterKey()) {
                        return key;
                    }
                    if (subkey == null) {
                        subkey = key;
                    }
                }
            }
        }
        if (subkey != null) {
            return subkey;
        }
        throw new OpenPgpKeyException(keyFile, "no key in the file can sign. Keys in the file: " + describe(rings)
                + ". Add a signing key with `gpg --quick-add-key FINGERPRINT rsa3072 sign` and export it again");
    }

    /** Why {@code key} cannot sign now, or {@code null} when it can. */
    private static String whyCannotSign(PGPSecretKeyRing ring, PGPSecretKey key) {
        PGPPublicKey pub = key.getPublicKey();
        if (!key.isSigningKey()) {
            return "its algorithm (" + algorithmName(pub.getAlgorithm()) + ") is for encryption only";
        }
        Integer flags = keyFlags(pub, ring.getPublicKey());
        if (flags != null && (flags & KeyFlags.SIGN_DATA) == 0) {
            return "its usage is " + usage(flags) + ", not sign";
        }
        PGPPublicKey primary = ring.getPublicKey();
        if (primary.hasRevocation()) {
            return "the key " + formatKeyId(primary.getKeyID()) + " is revoked";
        }
        if (pub.hasRevocation()) {
            return "it is revoked";
        }
        long valid = pub.getValidSeconds();
        if (valid > 0) {
            Instant expiry = pub.getCreationTime().toInstant().plusSeconds(valid);
            if (expiry.isBefore(Instant.now())) {
                return "it expired on " + expiry + " (extend it with `gpg --quick-set-expire`)";
            }
        }
        if (key.isPrivateKeyEmpty()) {
            return "the file holds no secret part for it (a gpg stub: the key lives on a smartcard, or was left out "
                    + "with --export-secret-subkeys)";
        }
        return null;
    }

    /** The key flags of the newest self-signature that has them, or {@code null} when none says. */
    private static Integer keyFlags(PGPPublicKey key, PGPPublicKey primary) {
        PGPSignature newest = null;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            PGPSignature sig = it.next();
            if (sig.getKeyID() != primary.getKeyID() || !sig.hasSubpackets()) {
                continue;
            }
            int type = sig.getSignatureType();
            boolean self = key.isMasterKey()
                    ? type == PGPSignature.DEFAULT_CERTIFICATION || type == PGPSignature.NO_CERTIFICATION
                    || type == PGPSignature.CASUAL_CERTIFICATION || type == PGPSignature.POSITIVE_CERTIFICATION
                    || type == PGPSignature.DIRECT_KEY
                    : type == PGPSignature.SUBKEY_BINDING;
            PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
            if (self && hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)
                    && (newest == null || sig.getCreationTime().after(newest.getCreationTime()))) {
                newest = sig;
            }
        }
        return newest == null ? null : newest.getHashedSubPackets().getKeyFlags();
    }

    private PGPPrivateKey unlock(PGPSecretKey key, char[] passphrase) throws OpenPgpKeyException {
        String id = formatKeyId(key.getKeyID());
        boolean protectedKey = key.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL;
        if (protectedKey && (passphrase == null || passphrase.length == 0)) {
            throw new OpenPgpKeyException(keyFile, "key " + id + " is protected by a passphrase, and none was given");
        }
        try {
            PBESecretKeyDecryptor decryptor = protectedKey
                    ? new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase)
                    : null;
            PGPPrivateKey extracted = key.extractPrivateKey(decryptor);
            if (extracted == null) {
                throw new OpenPgpKeyException(keyFile, "key " + id + " has no secret part in the file");
            }
            return extracted;
        } catch (PGPException | RuntimeException e) {
            throw new OpenPgpKeyException(keyFile, "wrong passphrase for key " + id + " (" + e.getMessage() + ")", e);
        }
    }

    // ---- key ids

    static String normalizeKeyId(String keyId) {
        String id = keyId.replace(" ", "").replace("!", "").toUpperCase(Locale.ROOT);
        if (id.startsWith("0X")) {
            id = id.substring(2);
        }
        if (!id.matches("[0-9A-F]{8}|[0-9A-F]{16}|[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + keyId + "' is not an OpenPGP key id or fingerprint: expected 16 "
                    + "hex digits (a key id, as `gpg --list-secret-keys --keyid-format long` shows) or 40 (a "
                    + "fingerprint)");
        }
        return id;
    }

    private static boolean matches(PGPPublicKey key, String wanted) {
        String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
        String longId = formatKeyId(key.getKeyID());
        return switch (wanted.length()) {
            case 8 -> longId.endsWith(wanted);
            case 16 -> longId.equals(wanted);
            default -> fingerprint.equals(wanted);
        };
    }

    static String formatKeyId(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    private static String describe(List<PGPSecretKeyRing> rings) {
        List<String> keys = new ArrayList<>();
        for (PGPSecretKeyRing ring : rings) {
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey key = it.next();
                Integer flags = keyFlags(key.getPublicKey(), ring.getPublicKey());
                String uid = key.isMasterKey() && key.getUserIDs().hasNext() ? " " + key.getUserIDs().next() : "";
                keys.add(formatKeyId(key.getKeyID()) + " (" + (key.isMasterKey() ? "primary" : "subkey") + ", "
                        + algorithmName(key.getPublicKey().getAlgorithm()) + ", "
                        + (flags == null ? (key.isSigningKey() ? "sign" : "encrypt") : usage(flags)) + ")" + uid);
            }
        }
        return String.join("; ", keys);
    }

    private static String usage(int flags) {
        List<String> uses = new ArrayList<>();
        if ((flags & KeyFlags.CERTIFY_OTHER) != 0) {
            uses.add("certify");
        }
        if ((flags & KeyFlags.SIGN_DATA) != 0) {
            uses.add("sign");
        }
        if ((flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0) {
            uses.add("encrypt");
        }
        if ((flags & KeyFlags.AUTHENTICATION) != 0) {
            uses.add("authenticate");
        }
        return uses.isEmpty() ? "none" : String.join("+", uses);
    }

    private static String algorithmName(int algorithm) {
        switch (algorithm) {
            case PGPPublicKey.RSA_GENERAL:
            case 2: // RSA encrypt-only, deprecated by RFC 4880
            case 3: // RSA sign-only, deprecated by RFC 4880
                return "RSA";
            case PGPPublicKey.DSA:
                return "DSA";
            case PGPPublicKey.ELGAMAL_ENCRYPT:
            case 20: // ElGamal encrypt-or-sign, deprecated
                return "ElGamal";
            case PGPPublicKey.ECDSA:
                return "ECDSA";
            case PGPPublicKey.ECDH:
                return "ECDH";
            case PGPPublicKey.EDDSA_LEGACY:
            case PGPPublicKey.Ed25519:
            case PGPPublicKey.Ed448:
                return "EdDSA";
            case PGPPublicKey.X25519:
            case PGPPublicKey.X448:
                return "X25519/X448";
            default:
                return "algorithm " + algorithm;
        }
    }
}
