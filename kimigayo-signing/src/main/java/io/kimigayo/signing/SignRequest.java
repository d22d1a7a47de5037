package io.kimigayo.signing;

import io.kimigayo.signing.attestation.AttestationRequest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What to sign and with what.
 *
 * @param layout          the OCI layout holding the image ({@code target/kimigayo/image})
 * @param tag             the image's tag in the layout, or null when it holds one image
 * @param dockerReference the name the signature vouches for: for cosign the repository ({@code registry/repo}),
 *                        for OpenPGP the full reference with tag, as pulled ({@code registry/repo:tag})
 * @param format          cosign or OpenPGP
 * @param key             cosign: the private key file ({@code kimigayo.key}, or a plain PEM EC key); OpenPGP: the
 *                        secret key ring exported by gpg
 * @param password        the key's password (cosign) or passphrase (OpenPGP); may be empty
 * @param gpgKeyId        OpenPGP: which key of the ring, or null for the first that can sign
 * @param lookaside       OpenPGP: the lookaside directory signatures are written to
 * @param timestamp       OpenPGP: the signature's time (the build timestamp keeps it reproducible)
 * @param annotations     cosign: optional payload annotations
 * @param platformSignatures cosign: when the image is an image index, sign each platform's manifest too (as
 *                        {@code cosign sign --recursive}), not only the index
 * @param attestations    cosign: what the in-toto attestations (CycloneDX SBOM, SLSA provenance) are made from, or
 *                        null for none
 */
public record SignRequest(Path layout, String tag, String dockerReference, SignatureFormat format, Path key,
                          char[] password, String gpgKeyId, Path lookaside, Instant timestamp,
                          Map<String, String> annotations, boolean platformSignatures,
                          AttestationRequest attestations) {

    public SignRequest {
        annotations = annotations == null ? Map.of() : annotations(annotations);
    }

    /** A request without attestations. */
    public SignRequest(Path layout, String tag, String dockerReference, SignatureFormat format, Path key,
                       char[] password, String gpgKeyId, Path lookaside, Instant timestamp,
                       Map<String, String> annotations, boolean platformSignatures) {
        this(layout, tag, dockerReference, format, key, password, gpgKeyId, lookaside, timestamp, annotations,
                platformSignatures, null);
    }

    /** This request, attesting the image too (cosign format) with what {@code attestations} names. */
    public SignRequest withAttestations(AttestationRequest attestations) {
        return new SignRequest(layout, tag, dockerReference, format, key, password, gpgKeyId, lookaside, timestamp,
                annotations, platformSignatures, attestations);
    }

    /** A cosign signature: no OpenPGP key id, lookaside or signature time. */
    public static SignRequest cosign(Path layout, String tag, String dockerReference, Path key, char[] password,
                                     Map<String, String> annotations) {
        return new SignRequest(layout, tag, dockerReference, SignatureFormat.COSIGN, key, password, null, null, null,
                annotations, false);
    }

    /** This request, signing (or not) each platform's manifest of an image index too. */
    public SignRequest withPlatformSignatures(boolean platformSignatures) {
        return new SignRequest(layout, tag, dockerReference, format, key, password, gpgKeyId, lookaside, timestamp,
                annotations, platformSignatures, attestations);
    }

    /** A copy; an annotation needs a name, and an empty value is the empty string. */
    private static Map<String, String> annotations(Map<String, String> annotations) {
        Map<String, String> copy = new java.util.TreeMap<>();
        annotations.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException("signatureAnnotations: an entry has an empty name");
            }
            copy.put(k, v == null ? "" : v);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
