package io.kimigayo.signing.cosign;

import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs an image (or image index) of an OCI layout the way cosign does and stores the signature in the same layout: a manifest
 * tagged {@code sha256-<hex>.sig} whose layers are simple-signing payloads, each annotated with its base64 ECDSA
 * signature. Signing again adds a layer to that manifest; signing again with the same key changes nothing
 * (signatures are deterministic).
 */
public final class CosignLayoutSigner {

    /**
     * Signs the image (or image index) and nothing else.
     *
     * @param layoutDirectory the OCI layout holding the image
     * @param tag             the image's tag in the layout, or null when it holds one image
     * @param dockerReference the name the signature vouches for ({@code registry/repo}), written into the payload
     * @param annotations     optional payload annotations
     */
    public SignatureOutcome sign(Path layoutDirectory, String tag, String dockerReference, PrivateKey key,
                                 Map<String, String> annotations) throws IOException {
        return sign(layoutDirectory, tag, dockerReference, key, annotations, false).get(0);
    }

    /**
     * Signs the image: an image manifest, or an image index by its own digest (as {@code cosign sign} signs an
     * index); with {@code platformManifests}, each manifest the index lists too, each under its own
     * {@code sha256-<hex>.sig} (as {@code cosign sign --recursive}). Every blob of every image is checked first.
     *
     * @param platformManifests whether to sign each platform's manifest of an index as well (no effect on an image
     *                          manifest, which is its one platform's manifest)
     * @return what signing did: the image's outcome first, then each platform manifest's in the index's order
     */
    public List<SignatureOutcome> sign(Path layoutDirectory, String tag, String dockerReference, PrivateKey key,
                                       Map<String, String> annotations, boolean platformManifests)
            throws IOException {
        String origin = layoutDirectory.toString();
        OciLayout layout = OciLayout.open(layoutDirectory, origin);
        Descriptor image = layout.resolve(tag, origin);
        List<Descriptor> manifests = layout.verifyImageOrIndex(image, origin);

        List<SignatureOutcome> outcomes = new ArrayList<>();
        outcomes.add(signOne(layoutDirectory, image.digest(), dockerReference, key, annotations, origin));
        if (platformManifests && MediaTypes.isIndex(image.mediaType())) {
            for (Descriptor manifest : manifests) {
                outcomes.add(signOne(layoutDirectory, manifest.digest(), dockerReference, key, annotations, origin));
            }
        }
        return outcomes;
    }

    private static SignatureOutcome signOne(Path layoutDirectory, Digest digest, String dockerReference,
                                            PrivateKey key, Map<String, String> annotations, String origin)
            throws IOException {
        OciLayout layout = OciLayout.open(layoutDirectory, origin);
        byte[] payload = new SimpleSigningPayload(dockerReference, digest, annotations).toBytes();
        String signature = Base64.getEncoder().encodeToString(EcdsaSignatures.sign(key, payload));
        Digest payloadDigest = Digest.of(payload);
        String signatureTag = CosignSignatures.signatureTag(digest);

        List<Descriptor> layers = new ArrayList<>(existingSignatures(layout, signatureTag, origin));
        Descriptor ours = new Descriptor(CosignSignatures.PAYLOAD_MEDIA_TYPE, payloadDigest, payload.length)
                .withAnnotations(Map.of(CosignSignatures.SIGNATURE_ANNOTATION, signature));
        boolean present = layers.stream().anyMatch(l -> CosignSignatureManifest.sameSignature(l, ours));
        if (present) {
            Descriptor current = layout.resolve(signatureTag, origin);
            return new SignatureOutcome(digest, signatureTag, current.digest(), payloadDigest, false,
                    layers.size());
        }
        BlobStore blobs = layout.blobs();
        Descriptor payloadBlob = blobs.put(CosignSignatures.PAYLOAD_MEDIA_TYPE, payload);
        layers.add(payloadBlob.withAnnotations(Map.of(CosignSignatures.SIGNATURE_ANNOTATION, signature)));

        Descriptor config = blobs.put(MediaTypes.OCI_CONFIG, CosignSignatureManifest.config(layers));
        byte[] manifest = Json.write(Manifest.of(config, layers, null));
        Descriptor manifestBlob = blobs.put(MediaTypes.OCI_MANIFEST, manifest);
        layout.withTag(signatureTag, manifestBlob);
        return new SignatureOutcome(digest, signatureTag, manifestBlob.digest(), payloadDigest, true,
                layers.size());
    }

    private static List<Descriptor> existingSignatures(OciLayout layout, String signatureTag, String origin)
            throws IOException {
        Optional<Descriptor> existing = layout.index().manifests().stream()
                .filter(d -> signatureTag.equals(d.annotations().get(Index.REF_NAME)))
                .findFirst();
        if (existing.isEmpty()) {
            return List.of();
        }
        return layout.manifest(existing.get(), origin).layers();
    }
}
