package io.kimigayo.signing.cosign;

import io.kimigayo.oci.digest.Digest;

/**
 * A signature that verified.
 *
 * @param layer           its position in the signature manifest
 * @param payloadDigest   the digest of its payload
 * @param dockerReference the name it vouches for
 * @param image           the manifest (or image index) it signs
 */
public record VerifiedSignature(int layer, Digest payloadDigest, String dockerReference, Digest image) {
}
