package io.kimigayo.signing;

import io.kimigayo.oci.digest.Digest;

import java.nio.file.Path;

/**
 * What signing wrote.
 *
 * @param imageDigest the signed image manifest
 * @param format      the signature format
 * @param location    where the signature is: the signature tag in the layout (cosign), or the lookaside file
 * @param added       false when an identical signature was already there
 * @param registriesD OpenPGP: the registries.d snippet that points readers at the lookaside; null for cosign
 */
public record SignResult(Digest imageDigest, SignatureFormat format, String location, boolean added,
                         String registriesD) {
}
