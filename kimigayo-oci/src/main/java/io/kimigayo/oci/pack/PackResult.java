package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;

import java.nio.file.Path;
import java.util.List;

/**
 * What a pack produced.
 *
 * @param manifestDigest   digest of the image manifest (also written to {@code image.digest})
 * @param layerCount       layers in the image, base layers included
 * @param addedLayers      layers this build added
 * @param compressedSize   sum of the compressed layer sizes
 * @param uncompressedSize sum of the uncompressed layer sizes
 * @param tags             the tags written
 * @param outputs          the files and directories written, in the output directory
 */
public record PackResult(Digest manifestDigest, int layerCount, int addedLayers, long compressedSize,
                         long uncompressedSize, List<String> tags, List<Path> outputs) {
}
