package io.kimigayo.kernel.source;

/**
 * A kernel source tree ready to build from.
 *
 * @param directory the unpacked tree (in the cache for archives; the user's own directory otherwise)
 * @param digest    the SHA-256 of the archive, or of the directory's contents
 * @param location  where it came from: the archive's path or URL, or the directory
 * @param kind      {@code archive}, {@code url} or {@code directory}
 * @param version   what its Makefile declares ({@code 6.1.192})
 */
public record KernelTree(java.nio.file.Path directory, String digest, String location, String kind,
                         String version) {
}
