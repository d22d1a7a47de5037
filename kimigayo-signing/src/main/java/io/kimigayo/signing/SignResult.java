package io.kimigayo.signing;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.signing.attestation.AttestationOutcome;
import io.kimigayo.signing.cosign.SignatureOutcome;

import java.nio.file.Path;
import java.util.List;

/**
 * What signing wrote.
 *
 * @param imageDigest the signed image manifest
 * @param format      the signature format
 * @param location    where the signature is: the signature tag in the layout (cosign), or the lookaside file
 * @param added       false when an identical signature was already there
 * @param registriesD OpenPGP: the registries.d snippet that points readers at the lookaside; null for cosign
 * @param platformSignatures cosign: the signatures of each platform's manifest of an image index, when asked for
 * @param attestations cosign: what attesting did, the image's (or index's) first, then each platform manifest's;
 *                     empty when no attestations were asked for
 */
public record SignResult(Digest imageDigest, SignatureFormat format, String location, boolean added,
                         String registriesD, List<SignatureOutcome> platformSignatures,
                         List<AttestationOutcome> attestations) {

    public SignResult {
        platformSignatures = platformSignatures == null ? List.of() : List.copyOf(platformSignatures);
        attestations = attestations == null ? List.of() : List.copyOf(attestations);
    }

    /** A result without attestations. */
    public SignResult(Digest imageDigest, SignatureFormat format, String location, boolean added,
                      String registriesD, List<SignatureOutcome> platformSignatures) {
        this(imageDigest, format, location, added, registriesD, platformSignatures, List.of());
    }
}
