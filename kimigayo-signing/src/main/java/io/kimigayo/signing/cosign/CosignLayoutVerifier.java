package io.kimigayo.signing.cosign;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the cosign signatures of an image (or image index) in an OCI layout against a public key: every blob of the image must
 * match its descriptor, and at least one signature must be a valid ECDSA signature by the key over a payload that
 * names this image's manifest digest (and, when asked, the expected name).
 */
public final class CosignLayoutVerifier {

    /**
     * Verifies the signatures of the image (or of the image index, by its own digest).
     *
     * @param expectedReference the name the signature must vouch for, or null to accept any
     * @return the signatures that verified (at least one)
     * @throws SignatureVerificationException when none does, saying why for each
     */
    public List<VerifiedSignature> verify(Path layoutDirectory, String tag, PublicKey key, String expectedReference)
            throws IOException {
        return verify(layoutDirectory, tag, key, expectedReference, false);
    }

    /**
     * Verifies the signatures of the image, and with {@code platformManifests}, of each manifest an image index
     * lists (each signed under its own {@code sha256-<hex>.sig}, as {@code cosign sign --recursive} does): each of
     * them needs a signature that verifies.
     *
     * @return the signatures that verified: the image's first, then each platform manifest's
     * @throws SignatureVerificationException naming the image or platform that has no valid signature
     */
    public List<VerifiedSignature> verify(Path layoutDirectory, String tag, PublicKey key, String expectedReference,
                                          boolean platformManifests) throws IOException {
        String origin = layoutDirectory.toString();
        OciLayout layout = OciLayout.open(layoutDirectory, origin);
        Descriptor image = layout.resolve(tag, origin);
        List<Descriptor> manifests = layout.verifyImageOrIndex(image, origin);
        boolean index = MediaTypes.isIndex(image.mediaType());
        List<VerifiedSignature> verified = new ArrayList<>(verifyOne(layout, image.digest(),
                index ? "image index" : "image", key, expectedReference, origin));
        if (platformManifests && index) {
            for (Descriptor manifest : manifests) {
                verified.addAll(verifyOne(layout, manifest.digest(), "the " + manifest.platform()
                        + " manifest", key, expectedReference, origin));
            }
        }
        return verified;
    }

    private static List<VerifiedSignature> verifyOne(OciLayout layout, Digest digest, String what, PublicKey key,
                                                     String expectedReference, String origin) throws IOException {
        String signatureTag = CosignSignatures.signatureTag(digest);
        Optional<Descriptor> signatures = layout.index().manifests().stream()
                .filter(d -> signatureTag.equals(d.annotations().get(Index.REF_NAME)))
                .findFirst();
        if (signatures.isEmpty()) {
            throw new SignatureVerificationException(origin + ": " + what + " " + digest + " has no cosign "
                    + "signature (no " + signatureTag + " in index.json); sign it with kimigayo:sign");
        }
        Manifest manifest = layout.manifest(signatures.get(), origin);
        List<VerifiedSignature> verified = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            String reason = check(layout, layer, digest, key, expectedReference, origin);
            if (reason == null) {
                verified.add(new VerifiedSignature(i, layer.digest(),
                        SimpleSigningPayload.parse(readPayload(layout, layer, origin)).dockerReference(), digest));
            } else {
                failures.add("signature " + (i + 1) + " (" + layer.digest() + "): " + reason);
            }
        }
        if (verified.isEmpty()) {
            throw new SignatureVerificationException(origin + ": no signature of " + what + " " + digest
                    + " verifies with the given public key:\n  " + String.join("\n  ", failures));
        }
        return verified;
    }

    private static String check(OciLayout layout, Descriptor layer, Digest image, PublicKey key,
                                String expectedReference, String origin) throws IOException {
        String encoded = layer.annotations().get(CosignSignatures.SIGNATURE_ANNOTATION);
        if (encoded == null) {
            return "no " + CosignSignatures.SIGNATURE_ANNOTATION + " annotation";
        }
        byte[] payload = readPayload(layout, layer, origin);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return "the signature is not base64";
        }
        if (!EcdsaSignatures.verify(key, payload, signature)) {
            return "the ECDSA signature does not verify with this key (another key, or the payload was changed)";
        }
        SimpleSigningPayload parsed;
        try {
            parsed = SimpleSigningPayload.parse(payload);
        } catch (IOException | IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!parsed.manifestDigest().equals(image)) {
            return "it signs " + parsed.manifestDigest() + ", not this image";
        }
        if (expectedReference != null && !expectedReference.equals(parsed.dockerReference())) {
            return "it vouches for " + parsed.dockerReference() + ", not " + expectedReference;
        }
        return null;
    }

    private static byte[] readPayload(OciLayout layout, Descriptor layer, String origin) throws IOException {
        BlobStore blobs = layout.blobs();
        return BlobStore.readVerified(blobs.path(layer.digest()), layer, origin);
    }
}
