package io.kimigayo.oci.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kimigayo.oci.digest.Digest;

import java.util.Map;
import java.util.TreeMap;

/** An OCI content descriptor: what a blob is, its digest and size. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"mediaType", "digest", "size", "platform", "annotations"})
public record Descriptor(@JsonProperty("mediaType") String mediaType,
                         @JsonProperty("digest") Digest digest,
                         @JsonProperty("size") long size,
                         @JsonProperty("platform") Platform platform,
                         @JsonProperty("annotations") Map<String, String> annotations) {

    public Descriptor {
        if (mediaType == null || mediaType.isEmpty() || digest == null || size < 0) {
            throw new IllegalArgumentException("a descriptor needs a mediaType, a digest and a size of 0 or more; "
                    + "this one has " + (mediaType == null || mediaType.isEmpty() ? "no mediaType"
                    : digest == null ? "no digest" : "size " + size));
        }
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, null);
    }

    public Descriptor withAnnotations(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(annotations);
        merged.putAll(more);
        return new Descriptor(mediaType, digest, size, platform, merged);
    }

    public Descriptor withPlatform(Platform p) {
        return new Descriptor(mediaType, digest, size, p, annotations);
    }
}
