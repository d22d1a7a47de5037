package io.kimigayo.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of cosign's signature manifest, shared by the signer (kimigayo-signing, which writes it into a layout)
 * and the pusher (which merges it with the one a registry already has): an image manifest tagged
 * {@code sha256-<hex>.sig} whose layers are simple-signing payloads, each annotated with its base64 signature, and
 * whose config is go-containerregistry's empty config listing the layers. Only the format lives here; signing and
 * verifying (and so any key) stay in kimigayo-signing.
 */
public final class CosignSignatureManifest {

    /** The media type of a signature payload layer. */
    public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

    /** The layer annotation that carries the base64 signature (empty on an attestation: its DSSE envelope has it). */
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    /** The media type of an attestation layer: a DSSE envelope around an in-toto statement, as cosign attest writes. */
    public static final String ATTESTATION_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";

    /** The layer annotation of an attestation that names its statement's predicate type. */
    public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";

    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final Set<String> MANIFEST_FIELDS = Set.of("schemaVersion", "mediaType", "config", "layers",
            "annotations");
    private static final Set<String> LAYER_FIELDS = Set.of("mediaType", "digest", "size", "annotations");

    private CosignSignatureManifest() {
    }

    /** The tag under which an image's signatures are stored: {@code sha256-<hex>.sig}. */
    public static String tag(Digest imageManifest) {
        return "sha256-" + imageManifest.hex() + ".sig";
    }

    /**
     * The tag under which an image's attestations are stored: {@code sha256-<hex>.att}. The attestation manifest has
     * the signature manifest's shape, its layers being DSSE envelopes ({@link #ATTESTATION_MEDIA_TYPE}) annotated
     * with {@link #PREDICATE_TYPE_ANNOTATION} and an empty {@link #SIGNATURE_ANNOTATION}.
     */
    public static String attestationTag(Digest imageManifest) {
        return "sha256-" + imageManifest.hex() + ".att";
    }

    /**
     * The config of a signature image as go-containerregistry writes it for cosign (an empty image with the
     * payloads appended): empty but for one history entry and one diff_id per layer. The payload layers are not
     * compressed, so each diff_id is the layer's digest.
     */
    public static byte[] config(List<Descriptor> layers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "");
        config.put("config", Map.of());
        config.put("created", ZERO_TIME);
        config.put("history", layers.stream().map(l -> Map.of("created", ZERO_TIME)).toList());
        config.put("os", "");
        config.put("rootfs", Map.of("type", "layers",
                "diff_ids", layers.stream().map(l -> l.digest().toString()).toList()));
        return Json.write(config);
    }

    /**
     * Whether two layers are the same signature: the same payload and the same signature. Two keys signing the same
     * image under the same name make byte-identical payloads, so the payload digest alone does not tell signatures
     * apart.
     */
    public static boolean sameSignature(Descriptor a, Descriptor b) {
        return a.digest().equals(b.digest())
                && Objects.equals(a.annotations().get(SIGNATURE_ANNOTATION), b.annotations().get(SIGNATURE_ANNOTATION));
    }

    /**
     * Reads a signature manifest as a registry (or a layout) serves it, checking that it has cosign's shape: an image
     * manifest with at least one layer, every layer a simple-signing payload carrying a signature, and nothing a
     * merge would not keep (fields Kimigayo does not model would be lost when the manifest is written again).
     *
     * @param origin names the manifest in messages ({@code registry/repository:tag})
     * @throws NotASignatureManifestException saying what is wrong with it
     */
    public static Manifest read(byte[] bytes, String mediaType, String origin) throws NotASignatureManifestException {
        return read(bytes, mediaType, origin, PAYLOAD_MEDIA_TYPE);
    }

    /**
     * As {@link #read(byte[], String, String)}, for a manifest whose layers are all of {@code layerMediaType}:
     * {@link #PAYLOAD_MEDIA_TYPE} (signatures, {@code .sig}) or {@link #ATTESTATION_MEDIA_TYPE} (attestations,
     * {@code .att}, whose signature annotation may be empty).
     */
    public static Manifest read(byte[] bytes, String mediaType, String origin, String layerMediaType)
            throws NotASignatureManifestException {
        if (!MediaTypes.isManifest(mediaType)) {
            throw new NotASignatureManifestException(origin, "it is a " + mediaType + ", not an image manifest");
        }
        JsonNode root;
        Manifest manifest;
        try {
            root = Json.mapper().readTree(bytes);
            manifest = Json.read(bytes, Manifest.class);
        } catch (IOException | RuntimeException e) {
            throw new NotASignatureManifestException(origin, "it is not a readable manifest (" + e.getMessage() + ")");
        }
        Optional<String> extra = unknownField(root, MANIFEST_FIELDS);
        if (extra.isPresent()) {
            throw new NotASignatureManifestException(origin, "it has a field '" + extra.get() + "' cosign's "
                    + "signature manifests do not have");
        }
        if (manifest.layers().isEmpty()) {
            throw new NotASignatureManifestException(origin, "it has no layers, so no signature");
        }
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            JsonNode node = root.path("layers").get(i);
            String which = "layer " + (i + 1) + " (" + layer.digest() + ")";
            if (!layerMediaType.equals(layer.mediaType())) {
                throw new NotASignatureManifestException(origin, which + " is a " + layer.mediaType() + ", not a "
                        + layerMediaType + " payload");
            }
            if (layer.annotations().get(SIGNATURE_ANNOTATION) == null) {
                throw new NotASignatureManifestException(origin, which + " has no " + SIGNATURE_ANNOTATION
                        + " annotation");
            }
            Optional<String> extraField = unknownField(node, LAYER_FIELDS);
            if (extraField.isPresent()) {
                throw new NotASignatureManifestException(origin, which + " has a field '" + extraField.get()
                        + "' Kimigayo would not keep");
            }
            for (JsonNode value : node.path("annotations")) {
                if (!value.isTextual()) {
                    throw new NotASignatureManifestException(origin, which + " has an annotation that is not text");
                }
            }
        }
        return manifest;
    }

    private static Optional<String> unknownField(JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * A signature manifest holding {@code existing}'s signatures, in their order, then each of {@code ours} that is
     * not among them, as cosign appends when it signs an image already signed.
     *
     * @param existing a signature manifest as {@link #read} accepted it (its annotations are kept)
     * @param ours     signature layers to add
     * @return empty when every one of {@code ours} is already there (nothing to store)
     */
    public static Optional<Merged> merge(Manifest existing, List<Descriptor> ours) {
        List<Descriptor> layers = new ArrayList<>(existing.layers());
        List<Descriptor> added = new ArrayList<>();
        for (Descriptor layer : ours) {
            if (layers.stream().noneMatch(l -> sameSignature(l, layer))) {
                layers.add(layer);
                added.add(layer);
            }
        }
        if (added.isEmpty()) {
            return Optional.empty();
        }
        byte[] config = config(layers);
        Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(config), config.length);
        byte[] manifest = Json.write(Manifest.of(configDescriptor, layers, existing.annotations()));
        return Optional.of(new Merged(manifest, config, configDescriptor, List.copyOf(added), layers.size()));
    }

    /**
     * A merged signature manifest.
     *
     * @param manifest         its bytes (an OCI image manifest)
     * @param config           the bytes of its config
     * @param configDescriptor the config's descriptor
     * @param added            the layers that were not in the existing manifest
     * @param signatures       layers in the merged manifest
     */
    public record Merged(byte[] manifest, byte[] config, Descriptor configDescriptor, List<Descriptor> added,
                         int signatures) {
        public Descriptor descriptor() {
            return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifest), manifest.length);
        }
    }

    /** A manifest under a signature tag that is not cosign-shaped, so it cannot be merged with (nor replaced). */
    public static final class NotASignatureManifestException extends IOException {
        private final String origin;
        private final String reason;

        public NotASignatureManifestException(String origin, String reason) {
            super(origin + " is not a cosign signature manifest: " + reason);
            this.origin = origin;
            this.reason = reason;
        }

        public String origin() {
            return origin;
        }

        public String reason() {
            return reason;
        }
    }
}
