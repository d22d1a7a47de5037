package io.kimigayo.signing.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kimigayo.oci.digest.Digest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The payload a cosign signature signs ("simple signing"): which image (its manifest digest) under which name.
 *
 * <pre>{"critical":{"identity":{"docker-reference":REF},"image":{"docker-manifest-digest":"sha256:..."},
 *   "type":"cosign container image signature"},"optional":{...}}</pre>
 *
 * @param dockerReference the image's name without tag, as cosign writes it
 * @param manifestDigest  the digest of the signed image manifest
 * @param optional        annotations; {@code null} or empty gives {@code "optional":null} as cosign writes
 */
public record SimpleSigningPayload(String dockerReference, Digest manifestDigest, Map<String, String> optional) {

    public static final String TYPE = "cosign container image signature";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public SimpleSigningPayload {
        optional = optional == null ? Map.of() : new TreeMap<>(optional);
    }

    /** The payload bytes: compact JSON with a fixed key order, so the same image and name give the same bytes. */
    public byte[] toBytes() {
        Map<String, Object> critical = new LinkedHashMap<>();
        critical.put("identity", Map.of("docker-reference", dockerReference));
        critical.put("image", Map.of("docker-manifest-digest", manifestDigest.toString()));
        critical.put("type", TYPE);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("critical", critical);
        document.put("optional", optional.isEmpty() ? null : optional);
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a payload; a document that is not a cosign simple-signing payload gives an exception saying what is
     * wrong with it.
     */
    public static SimpleSigningPayload parse(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        JsonNode critical = root.path("critical");
        String type = critical.path("type").asText(null);
        if (!TYPE.equals(type)) {
            throw new IOException("not a cosign signature payload: critical.type is " + type);
        }
        String reference = critical.path("identity").path("docker-reference").asText(null);
        String digest = critical.path("image").path("docker-manifest-digest").asText(null);
        if (reference == null || digest == null) {
            throw new IOException("cosign signature payload lacks critical.identity.docker-reference or "
                    + "critical.image.docker-manifest-digest");
        }
        Map<String, String> optional = new TreeMap<>();
        root.path("optional").fields().forEachRemaining(e -> optional.put(e.getKey(), e.getValue().asText()));
        return new SimpleSigningPayload(reference, Digest.parse(digest), optional);
    }
}
