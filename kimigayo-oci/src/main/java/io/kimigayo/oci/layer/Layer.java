package io.kimigayo.oci.layer;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;

import java.nio.file.Path;

/**
 * A compressed layer blob on disk.
 *
 * @param descriptor       media type, digest and size of the compressed blob
 * @param diffId           digest of the uncompressed tar
 * @param uncompressedSize size of the uncompressed tar, or -1 when not known (a reused base layer)
 * @param blob             where the compressed bytes are
 */
public record Layer(Descriptor descriptor, Digest diffId, long uncompressedSize, Path blob) {
}
