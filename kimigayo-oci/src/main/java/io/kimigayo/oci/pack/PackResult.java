package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a pack produced.
 *
 * @param manifestDigest        the image's digest, written to {@code image.digest}: of its manifest, or of its
 *                              image index when it was packed for several platforms
 * @param layerCount            layers in the (first platform's) image, base layers included
 * @param addedLayers           layers this build added (to each platform's image)
 * @param compressedSize        sum of the compressed layer sizes of the (first platform's) image
 * @param uncompressedSize      sum of the uncompressed layer sizes of the (first platform's) image
 * @param tags                  the tags that name the image (of its index when it has several platforms)
 * @param platformTags          the tags that name one platform's manifest (a tag scheme's arch tags), with its
 *                              digest
 * @param outputs               the files and directories written, in the output directory
 * @param images                each platform's image, in the order of the request's platforms
 * @param dockerArchivePlatform the platform of the image in the docker-archive, or null when none was written
 */
public record PackResult(Digest manifestDigest, int layerCount, int addedLayers, long compressedSize,
                         long uncompressedSize, List<String> tags, Map<String, Digest> platformTags, List<Path> outputs, List<PlatformImage> images,
                         Platform dockerArchivePlatform) {

    public PackResult {
        images = List.copyOf(images);
        tags = List.copyOf(tags);
        platformTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(platformTags));
    }

    /** Whether the image is an index of several platforms' images. */
    public boolean isIndex() {
        return images.size() > 1;
    }
}
