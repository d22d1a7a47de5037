package io.kimigayo.signing;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.registry.RegistryPuller;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.signing.attestation.CosignLayoutAttestationVerifier;
import io.kimigayo.signing.attestation.VerifiedAttestation;
import io.kimigayo.signing.cosign.CosignLayoutVerifier;
import io.kimigayo.signing.cosign.CosignSignatures;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import io.kimigayo.signing.cosign.VerifiedSignature;
import io.kimigayo.signing.key.CosignKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies an image's (or image index's) cosign signatures, and when asked its attestations, against a public key,
 * in an OCI layout or in a registry: the library entry point of the {@code verify} goal.
 */
public final class ImageVerifier {

    /**
     * @param layout            the OCI layout holding the image and its signatures
     * @param tag               the image's tag, or null when the layout holds one image
     * @param publicKey         a PEM public key ({@code kimigayo.pub})
     * @param expectedReference the name the signature must vouch for, or null for any
     * @return the signatures that verified
     * @throws io.kimigayo.signing.cosign.SignatureVerificationException when none does
     */
    public List<VerifiedSignature> verify(Path layout, String tag, Path publicKey, String expectedReference)
            throws IOException {
        return verify(layout, tag, publicKey, expectedReference, false);
    }

    /**
     * As {@link #verify(Path, String, Path, String)}; with {@code platformSignatures}, each platform's manifest of an
     * image index needs a valid signature of its own too.
     */
    public List<VerifiedSignature> verify(Path layout, String tag, Path publicKey, String expectedReference,
                                          boolean platformSignatures) throws IOException {
        return new CosignLayoutVerifier().verify(layout, tag, CosignKeys.readPublicKey(publicKey), expectedReference,
                platformSignatures);
    }

    /**
     * Verifies an image in a registry: pulls its manifest and blobs (each checked by digest) and its signature
     * manifest ({@code sha256-<hex>.sig}, as cosign stores it) into a scratch layout, and verifies there exactly as
     * in a local layout.
     *
     * @param reference the image: {@code registry/repository:tag} or {@code @sha256:...}
     * @return the signatures that verified
     * @throws SignatureVerificationException when the registry holds no signature for the image, or none verifies
     */
    public List<VerifiedSignature> verify(ImageReference reference, Path publicKey, String expectedReference,
                                          RegistryAccess access) throws IOException {
        return verify(reference, publicKey, expectedReference, access, false);
    }

    /**
     * As {@link #verify(ImageReference, Path, String, RegistryAccess)}, for an image or an image index (pulled whole:
     * every platform's image); with {@code platformSignatures}, each platform's manifest of an index needs a valid
     * signature of its own too.
     */
    public List<VerifiedSignature> verify(ImageReference reference, Path publicKey, String expectedReference,
                                          RegistryAccess access, boolean platformSignatures) throws IOException {
        return verify(reference, publicKey, expectedReference, access, platformSignatures, false).signatures();
    }

    /**
     * Verifies the attestations of an image (or of an index and each platform's manifest) in an OCI layout: each
     * needs a CycloneDX SBOM and a SLSA provenance attestation whose DSSE signature verifies with the key and whose
     * statement names its digest (see {@link CosignLayoutAttestationVerifier}).
     *
     * @throws SignatureVerificationException naming what is missing or failed
     */
    public List<VerifiedAttestation> verifyAttestations(Path layout, String tag, Path publicKey) throws IOException {
        return new CosignLayoutAttestationVerifier().verify(layout, tag, CosignKeys.readPublicKey(publicKey));
    }

    /**
     * What verifying an image in a registry found.
     *
     * @param signatures   the signatures that verified
     * @param attestations the attestations that verified (empty when they were not asked for)
     */
    public record Verified(List<VerifiedSignature> signatures, List<VerifiedAttestation> attestations) {
    }

    /**
     * As {@link #verify(ImageReference, Path, String, RegistryAccess, boolean)}; with {@code attestations}, the
     * image's attestations ({@code sha256-<hex>.att}; of an index, the index's and each platform manifest's) are
     * pulled too and checked as {@link #verifyAttestations(Path, String, Path)} does.
     */
    public Verified verify(ImageReference reference, Path publicKey, String expectedReference,
                           RegistryAccess access, boolean platformSignatures, boolean attestations)
            throws IOException {
        var key = CosignKeys.readPublicKey(publicKey);
        Path scratch = Files.createTempDirectory("kimigayo-verify-");
        try {
            RegistryPuller puller = new RegistryPuller(access);
            Descriptor image = puller.pull(reference, null, scratch, "image");
            List<Descriptor> signed = new ArrayList<>();
            signed.add(image);
            if (platformSignatures) {
                signed.addAll(OciLayout.open(scratch, reference.toString()).verifyImageOrIndex(image,
                        reference.toString()).stream().filter(d -> !d.digest().equals(image.digest())).toList());
            }
            for (Descriptor d : signed) {
                String signatureTag = CosignSignatures.signatureTag(d.digest());
                if (puller.pullIfPresent(reference.withTag(signatureTag), null, scratch, signatureTag).isEmpty()) {
                    String what = d == image ? "image" : "the " + d.platform() + " manifest";
                    throw new SignatureVerificationException(reference + ": " + what + " " + d.digest() + " has no "
                            + "cosign signature in the registry (no tag " + signatureTag + " in "
                            + reference.repository() + "); sign it with kimigayo:sign before kimigayo:push");
                }
            }
            List<VerifiedSignature> signatures = new CosignLayoutVerifier().verify(scratch, "image", key,
                    expectedReference, platformSignatures);
            if (!attestations) {
                return new Verified(signatures, List.of());
            }
            List<Descriptor> attested = new ArrayList<>();
            attested.add(image);
            attested.addAll(OciLayout.open(scratch, reference.toString()).verifyImageOrIndex(image,
                    reference.toString()).stream().filter(d -> !d.digest().equals(image.digest())).toList());
            for (Descriptor d : attested) {
                String attestationTag = CosignSignatureManifest.attestationTag(d.digest());
                if (puller.pullIfPresent(reference.withTag(attestationTag), null, scratch, attestationTag).isEmpty()) {
                    String what = d == image ? "image" : "the " + d.platform() + " manifest";
                    throw new SignatureVerificationException(reference + ": " + what + " " + d.digest() + " has no "
                            + "cosign attestations in the registry (no tag " + attestationTag + " in "
                            + reference.repository() + "); sign it with kimigayo:sign (which attests it) before "
                            + "kimigayo:push");
                }
            }
            return new Verified(signatures, new CosignLayoutAttestationVerifier().verify(scratch, "image", key));
        } catch (SignatureVerificationException e) {
            // the scratch layout means nothing to the user: name the registry image instead
            throw new SignatureVerificationException(e.getMessage().replace(scratch.toString(), reference.toString()));
        } finally {
            AtomicFiles.deleteRecursively(scratch);
        }
    }
}
