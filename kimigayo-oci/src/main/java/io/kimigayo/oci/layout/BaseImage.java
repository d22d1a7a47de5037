package io.kimigayo.oci.layout;

import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.ImageConfig;

import java.util.List;

/**
 * An image read as a base: its verified config and its layers, already copied byte for byte into the new image's
 * blob store.
 *
 * @param config the base's configuration
 * @param layers the base's layers, bottom first, their diff IDs checked against the config
 * @param origin how the user named the base, for messages
 */
public record BaseImage(ImageConfig config, List<Layer> layers, String origin) {

    public BaseImage {
        layers = List.copyOf(layers);
    }
}
