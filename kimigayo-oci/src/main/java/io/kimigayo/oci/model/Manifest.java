package io.kimigayo.oci.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An OCI image manifest (Docker schema 2 manifests read into the same shape). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers", "annotations"})
public record Manifest(@JsonProperty("schemaVersion") int schemaVersion,
                       @JsonProperty("mediaType") String mediaType,
                       @JsonProperty("config") Descriptor config,
                       @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("layers") List<Descriptor> layers,
                       @JsonProperty("annotations") Map<String, String> annotations) {

    public Manifest {
        if (config == null) {
            throw new IllegalArgumentException("a manifest names its config blob, and it has no config");
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
    }

    public static Manifest of(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, config, layers, annotations);
    }
}
