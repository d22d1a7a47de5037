package io.kimigayo.oci.pack;

import io.kimigayo.rootfs.tree.FileTree;

/**
 * A layer given as a ready {@link FileTree} rather than a directory: a Java runtime, libraries gathered from
 * several places.
 *
 * @param tree      the layer's entries
 * @param createdBy what the image history says about it
 * @param cacheKey  a key of everything that determines the tree's content (cheaper to know than reading its files:
 *                  a cached Java runtime's key), or null to key the layer by its entries and bytes; with a layer
 *                  cache, a layer whose key was seen before is reused instead of compressed again
 */
public record TreeLayer(FileTree tree, String createdBy, String cacheKey) {
}
