package io.kimigayo.oci.sbom;

/**
 * A file of an image layer.
 *
 * @param path   its absolute path in the image
 * @param sha1   its SHA-1 (SPDX 2.3 asks for one on every file)
 * @param sha256 its SHA-256
 * @param layer  the diff ID of the layer that holds it ({@code sha256:...})
 */
public record SbomFile(String path, String sha1, String sha256, String layer) {
}
