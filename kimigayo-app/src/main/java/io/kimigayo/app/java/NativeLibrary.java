package io.kimigayo.app.java;

/**
 * A shared library (or the dynamic loader) added to the image because an ELF file of the runtime needs it.
 *
 * @param path     where it is in the image
 * @param origin   the file on the build machine it was taken from
 * @param sha256   its SHA-256
 * @param neededBy the image file that first needed it
 */
public record NativeLibrary(String path, String origin, String sha256, String neededBy) {
}
