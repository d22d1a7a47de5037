package io.kimigayo.signing;

import java.util.Locale;

/** The signature formats Kimigayo writes. */
public enum SignatureFormat {
    /** cosign's key-based signatures, stored with the image ({@code sha256-<hex>.sig}). */
    COSIGN,
    /** containers/image simple signing with OpenPGP, written to a lookaside directory. */
    OPENPGP;

    public static SignatureFormat parse(String text) {
        String wanted = text == null ? "cosign" : text.trim().toLowerCase(Locale.ROOT);
        for (SignatureFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("signatureFormat '" + text + "': choose cosign or openpgp");
    }
}
