/**
 * Packing an image: base, layers and config into the outputs of {@code pack-oci}. Entry point:
 * {@link io.kimigayo.oci.pack.ImagePacker}.
 */
package io.kimigayo.oci.pack;
