package io.kimigayo.oci.pack;

import java.nio.file.Path;

/**
 * The {@code from} of a pack: {@code scratch}, {@code rootfs} (this build's build-rootfs output),
 * {@code oci:PATH[:TAG]} or {@code oci-archive:PATH[:TAG]}.
 *
 * @param kind what sort of base
 * @param path the layout directory or archive file, resolved against the project directory
 * @param tag  the image's name in the layout, or {@code null} when it holds one image
 */
record BaseReference(Kind kind, Path path, String tag) {

    enum Kind { SCRATCH, ROOTFS, OCI_LAYOUT, OCI_ARCHIVE }

    static BaseReference parse(String from, Path baseDirectory) {
        if (from.equals("scratch")) {
            return new BaseReference(Kind.SCRATCH, null, null);
        }
        if (from.equals("rootfs")) {
            return new BaseReference(Kind.ROOTFS, null, null);
        }
        Kind kind;
        String rest;
        if (from.startsWith("oci:")) {
            kind = Kind.OCI_LAYOUT;
            rest = from.substring(4);
        } else if (from.startsWith("oci-archive:")) {
            kind = Kind.OCI_ARCHIVE;
            rest = from.substring(12);
        } else {
            throw new IllegalArgumentException("from '" + from + "' is not supported; use scratch, rootfs, "
                    + "oci:PATH[:TAG] or oci-archive:PATH[:TAG] (registry references come with the push/pull support)");
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        String path = colon > slash ? rest.substring(0, colon) : rest;
        String tag = colon > slash ? rest.substring(colon + 1) : null;
        if (path.isEmpty()) {
            throw new IllegalArgumentException("from '" + from + "' names no path");
        }
        Path resolved = baseDirectory == null ? Path.of(path) : baseDirectory.resolve(path);
        return new BaseReference(kind, resolved.normalize(), tag == null || tag.isEmpty() ? null : tag);
    }
}
