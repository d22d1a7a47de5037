package io.kimigayo.signing.attestation;

import io.kimigayo.oci.digest.Digest;

/**
 * An attestation that verified.
 *
 * @param layer         its position in the attestation manifest
 * @param envelope      the digest of its DSSE envelope
 * @param predicateType its statement's predicate type
 * @param image         the manifest (or image index) its statement's subject names
 */
public record VerifiedAttestation(int layer, Digest envelope, String predicateType, Digest image) {
}
