package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Platform;

/**
 * One platform's image of a pack.
 *
 * @param platform         its platform
 * @param manifestDigest   the digest of its manifest
 * @param layerCount       its layers, base layers included
 * @param compressedSize   the sum of its compressed layer sizes
 * @param uncompressedSize the sum of its uncompressed layer sizes
 */
public record PlatformImage(Platform platform, Digest manifestDigest, int layerCount, long compressedSize,
                            long uncompressedSize) {
}
