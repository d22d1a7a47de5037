package io.kimigayo.signing.cosign;

import io.kimigayo.oci.digest.Digest;

/**
 * What signing did.
 *
 * @param imageDigest       the signed image manifest (or image index)
 * @param signatureTag      where the signatures are ({@code sha256-<hex>.sig})
 * @param signatureManifest the signature manifest's digest after signing
 * @param payloadDigest     the digest of the payload this signature signs
 * @param added             false when an identical signature was already there (nothing changed)
 * @param signatureCount    signatures in the signature manifest now
 */
public record SignatureOutcome(Digest imageDigest, String signatureTag, Digest signatureManifest, Digest payloadDigest,
                               boolean added, int signatureCount) {
}
