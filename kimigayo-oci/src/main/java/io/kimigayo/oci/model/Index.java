package io.kimigayo.oci.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An OCI image index: the {@code index.json} of a layout, or a multi-platform image. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations"})
public record Index(@JsonProperty("schemaVersion") int schemaVersion,
                    @JsonProperty("mediaType") String mediaType,
                    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("manifests") List<Descriptor> manifests,
                    @JsonProperty("annotations") Map<String, String> annotations) {

    /** The annotation that names a manifest inside an OCI layout (the tag in {@code oci:DIR:TAG}). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    /**
     * The annotation on the layout entries whose tag a tag scheme gave (its value is the scheme's id), which push
     * pushes along with the image.
     */
    public static final String TAG_SCHEME = "io.kimigayo.tag-scheme";

    public Index {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
    }

    public static Index of(List<Descriptor> manifests) {
        return new Index(2, MediaTypes.OCI_INDEX, manifests, null);
    }
}
