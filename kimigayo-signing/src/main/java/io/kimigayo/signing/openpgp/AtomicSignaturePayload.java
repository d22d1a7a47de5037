package io.kimigayo.signing.openpgp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON document a containers/image "simple signing" signature carries (see {@code man containers-signature}):
 * <pre>{@code
 * {"critical":{"identity":{"docker-reference":"registry.example.com/app:1.0"},
 *              "image":{"docker-manifest-digest":"sha256:..."},
 *              "type":"atomic container signature"},
 *  "optional":{"creator":"Kimigayo 0.1.0","timestamp":1767225600}}
 * }</pre>
 * Members are written in this order (the order containers/image writes them), without white space, so the same
 * inputs always give the same bytes.
 *
 * @param dockerReference the identity the signature claims, fully explicit ({@code docker.io/library/busybox:latest})
 * @param manifestDigest  the digest of the signed image manifest
 * @param creator         who made the signature ({@code optional.creator})
 * @param timestamp       when, in whole seconds ({@code optional.timestamp}); reproducible builds pass the build
 *                        timestamp
 */
public record AtomicSignaturePayload(String dockerReference, Digest manifestDigest, String creator, Instant timestamp) {

    /** {@code critical.type}. */
    public static final String TYPE = "atomic container signature";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public AtomicSignaturePayload {
        dockerReference = ImageReference.parse(dockerReference, "docker reference").identity();
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        Objects.requireNonNull(timestamp, "timestamp");
        timestamp = Instant.ofEpochSecond(timestamp.getEpochSecond());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The creator Kimigayo writes by default: {@code Kimigayo <version>} when this library's jar names its version,
     * else {@code Kimigayo}.
     */
    public static String defaultCreator() {
        String version = AtomicSignaturePayload.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "Kimigayo" : "Kimigayo " + version;
    }

    /** The JSON bytes to sign (UTF-8). */
    public byte[] toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
        critical.put("type", TYPE);
        ObjectNode optional = root.putObject("optional");
        if (creator != null) {
            optional.put("creator", creator);
        }
        optional.put("timestamp", timestamp.getEpochSecond());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a payload as strictly as containers/image does: exactly the members above in {@code critical}, the right
     * {@code type}, no duplicate members; unknown members of {@code optional} are ignored.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static AtomicSignaturePayload parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("signature payload is not valid JSON: " + e.getMessage(), e);
        }
        requireExactly(root, "the payload", Set.of("critical", "optional"));
        JsonNode critical = root.get("critical");
        requireExactly(critical, "critical", Set.of("type", "image", "identity"));
        if (!critical.get("type").isTextual() || !TYPE.equals(critical.get("type").textValue())) {
            throw new IllegalArgumentException("critical.type is " + critical.get("type") + ", expected \"" + TYPE + "\"");
        }
        JsonNode image = critical.get("image");
        requireExactly(image, "critical.image", Set.of("docker-manifest-digest"));
        JsonNode identity = critical.get("identity");
        requireExactly(identity, "critical.identity", Set.of("docker-reference"));
        String digest = text(image, "docker-manifest-digest", "critical.image");
        String reference = text(identity, "docker-reference", "critical.identity");
        JsonNode optional = root.get("optional");
        if (!optional.isObject()) {
            throw new IllegalArgumentException("optional is not a JSON object");
        }
        String creator = null;
        if (optional.has("creator")) {
            creator = text(optional, "creator", "optional");
        }
        Instant timestamp = Instant.EPOCH;
        if (optional.has("timestamp")) {
            JsonNode t = optional.get("timestamp");
            if (!t.isIntegralNumber() || !t.canConvertToLong()) {
                throw new IllegalArgumentException("optional.timestamp is " + t + ", expected whole seconds");
            }
            timestamp = Instant.ofEpochSecond(t.longValue());
        }
        return new AtomicSignaturePayload(reference, Digest.parse(digest), creator, timestamp);
    }

    private static void requireExactly(JsonNode node, String where, Set<String> names) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object");
        }
        List<String> unexpected = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(where + " has unexpected members " + unexpected);
        }
        for (String name : names) {
            if (!node.has(name)) {
                throw new IllegalArgumentException(where + " lacks the member \"" + name + "\"");
            }
        }
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + "." + name + " is " + value + ", expected a string");
        }
        return value.textValue();
    }

    /** Builds a payload; the reference, digest and timestamp are required, the creator defaults to Kimigayo's. */
    public static final class Builder {
        private String dockerReference;
        private Digest manifestDigest;
        private String creator = defaultCreator();
        private Instant timestamp;

        private Builder() {
        }

        /** The reference the image is pulled by, e.g. {@code registry.example.com/app:1.0}; normalised. */
        public Builder dockerReference(String reference) {
            this.dockerReference = reference;
            return this;
        }

        public Builder manifestDigest(Digest digest) {
            this.manifestDigest = digest;
            return this;
        }

        /** {@code optional.creator}; {@code null} leaves it out. */
        public Builder creator(String creator) {
            this.creator = creator;
            return this;
        }

        /** {@code optional.timestamp}; sub-second parts are dropped. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder timestamp(long epochSeconds) {
            return timestamp(Instant.ofEpochSecond(epochSeconds));
        }

        public AtomicSignaturePayload build() {
            if (dockerReference == null) {
                throw new IllegalStateException("the signature payload needs the image's docker reference");
            }
            if (manifestDigest == null) {
                throw new IllegalStateException("the signature payload for " + dockerReference
                        + " needs the manifest digest");
            }
            if (timestamp == null) {
                throw new IllegalStateException("the signature payload for " + dockerReference + " needs a timestamp: "
                        + "the build timestamp for a reproducible signature, or the current time");
            }
            return new AtomicSignaturePayload(dockerReference, manifestDigest, creator, timestamp);
        }
    }
}
