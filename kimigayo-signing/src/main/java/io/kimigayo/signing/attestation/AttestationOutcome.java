package io.kimigayo.signing.attestation;

import io.kimigayo.oci.digest.Digest;

import java.nio.file.Path;
import java.util.List;

/**
 * What attesting one image manifest (or index) did.
 *
 * @param imageDigest      the attested manifest (or index)
 * @param attestationTag   where its attestations are ({@code sha256-<hex>.att})
 * @param manifest         the attestation manifest's digest afterwards
 * @param predicateTypes   the predicate types of the attestations made, in order
 * @param sboms            the SBOM files whose documents were attested
 * @param added            how many of them were not there yet (0: attesting again changed nothing)
 * @param attestationCount attestations in the attestation manifest now
 */
public record AttestationOutcome(Digest imageDigest, String attestationTag, Digest manifest,
                                 List<String> predicateTypes, List<Path> sboms, int added, int attestationCount) {

    public AttestationOutcome {
        predicateTypes = List.copyOf(predicateTypes);
        sboms = List.copyOf(sboms);
    }
}
