package io.kimigayo.oci.layout;

import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.ImageConfig;

import java.util.List;
import java.util.Map;

/**
 * An image read as a base: its verified config and its layers, already copied byte for byte into the new image's
 * blob store.
 *
 * @param config      the base's configuration
 * @param layers      the base's layers, bottom first, their diff IDs checked against the config
 * @param origin      how the user named the base, for messages
 * @param annotations what the new image's index.json entries say about the base (for a registry base, the OCI
 *                    {@code org.opencontainers.image.base.name} and {@code .base.digest}); never in the manifest, so
 *                    the image's digest does not depend on where the base was read from
 */
public record BaseImage(ImageConfig config, List<Layer> layers, String origin, Map<String, String> annotations) {

    public BaseImage {
        layers = List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public BaseImage(ImageConfig config, List<Layer> layers, String origin) {
        this(config, layers, origin, Map.of());
    }

    public BaseImage withAnnotations(Map<String, String> more) {
        java.util.Map<String, String> merged = new java.util.TreeMap<>(annotations);
        merged.putAll(more);
        return new BaseImage(config, layers, origin, merged);
    }
}
