package io.kimigayo.signing;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.registry.RegistryPuller;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.signing.cosign.CosignLayoutVerifier;
import io.kimigayo.signing.cosign.CosignSignatures;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import io.kimigayo.signing.cosign.VerifiedSignature;
import io.kimigayo.signing.key.CosignKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Verifies an image's cosign signatures against a public key, in an OCI layout or in a registry: the library entry
 * point of the {@code verify} goal.
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
        return new CosignLayoutVerifier().verify(layout, tag, CosignKeys.readPublicKey(publicKey), expectedReference);
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
        var key = CosignKeys.readPublicKey(publicKey);
        Path scratch = Files.createTempDirectory("kimigayo-verify-");
        try {
            RegistryPuller puller = new RegistryPuller(access);
            Descriptor image = puller.pull(reference, null, scratch, "image");
            String signatureTag = CosignSignatures.signatureTag(image.digest());
            if (puller.pullIfPresent(reference.withTag(signatureTag), null, scratch, signatureTag).isEmpty()) {
                throw new SignatureVerificationException(reference + ": image " + image.digest() + " has no cosign "
                        + "signature in the registry (no tag " + signatureTag + " in " + reference.repository() + "); sign "
                        + "it with kimigayo:sign before kimigayo:push");
            }
            return new CosignLayoutVerifier().verify(scratch, "image", key, expectedReference);
        } catch (SignatureVerificationException e) {
            // the scratch layout means nothing to the user: name the registry image instead
            throw new SignatureVerificationException(e.getMessage().replace(scratch.toString(), reference.toString()));
        } finally {
            AtomicFiles.deleteRecursively(scratch);
        }
    }
}
