package io.kimigayo.oci.layout;

import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the OCI image index of a multi-platform image: one entry per platform, each the descriptor of that
 * platform's image manifest (media type, digest, size, platform), in the order given, and nothing else. The bytes
 * follow from the manifests alone (compact JSON, fixed key order, no annotations, no time), so the same images
 * always give the same index digest.
 */
public final class ImageIndexWriter {

    /**
     * The index document of {@code manifests}.
     *
     * @throws IllegalArgumentException when a descriptor is not an image manifest, has no platform, or when two
     *                                  name the same platform
     */
    public static byte[] bytes(List<Descriptor> manifests) {
        if (manifests.isEmpty()) {
            throw new IllegalArgumentException("an image index needs at least one platform's manifest");
        }
        List<Descriptor> entries = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (!MediaTypes.OCI_MANIFEST.equals(d.mediaType()) && !MediaTypes.DOCKER_MANIFEST.equals(d.mediaType())) {
                throw new IllegalArgumentException("image index: " + d.digest() + " has media type " + d.mediaType()
                        + "; an index of platforms lists image manifests");
            }
            if (d.platform() == null) {
                throw new IllegalArgumentException("image index: manifest " + d.digest() + " has no platform; "
                        + "each entry of a multi-platform index names its platform");
            }
            for (Descriptor earlier : entries) {
                if (earlier.platform().matches(d.platform())) {
                    throw new IllegalArgumentException("image index: " + earlier.platform() + " and "
                            + d.platform() + " are the same platform; name each platform once");
                }
            }
            entries.add(new Descriptor(d.mediaType(), d.digest(), d.size(), d.platform(), null));
        }
        return Json.write(Index.of(entries));
    }

    /** Stores the index of {@code manifests} in {@code blobs} (whose manifests must be there) and describes it. */
    public Descriptor write(List<Descriptor> manifests, BlobStore blobs) throws IOException {
        return blobs.put(MediaTypes.OCI_INDEX, bytes(manifests));
    }

    /** The platforms of an index's entries, in its order. */
    public static List<Platform> platforms(Index index) {
        return index.manifests().stream().map(Descriptor::platform).toList();
    }
}
