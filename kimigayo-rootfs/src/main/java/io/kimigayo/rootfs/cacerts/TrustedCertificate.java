package io.kimigayo.rootfs.cacerts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A certificate of the bundle: its {@code certdata.txt} label and its DER bytes.
 *
 * @param label the object's label, such as {@code ISRG Root X1}
 * @param der   the certificate (DER), as {@code CKA_VALUE} holds it
 */
public record TrustedCertificate(String label, byte[] der) {

    public TrustedCertificate {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The SHA-256 fingerprint of the DER bytes, lower-case hex without separators. */
    public String sha256Fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedCertificate other && label.equals(other.label)
                && java.util.Arrays.equals(der, other.der);
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + java.util.Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return label + " (sha256 " + sha256Fingerprint() + ")";
    }
}
