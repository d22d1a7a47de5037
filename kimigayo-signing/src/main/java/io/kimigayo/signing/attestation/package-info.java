/**
 * In-toto attestations as cosign stores them: in-toto Statement v1 in a DSSE envelope signed with the cosign key,
 * under the image's {@code sha256-<hex>.att} tag; the CycloneDX SBOM and SLSA provenance v1 predicates; and their
 * verification.
 */
package io.kimigayo.signing.attestation;
