package io.kimigayo.oci.pack;

import io.kimigayo.oci.reference.ImageReference;

import java.nio.file.Path;

/**
 * The {@code from} of a pack: {@code scratch}, {@code rootfs} (this build's build-rootfs output),
 * {@code oci:PATH[:TAG]}, {@code oci-archive:PATH[:TAG]}, or anything else: an image in a registry
 * ({@code registry.example/team/base:1.0}, {@code 127.0.0.1:5000/base@sha256:...}).
 *
 * @param kind     what sort of base
 * @param path     the layout directory or archive file, resolved against the project directory
 * @param tag      the image's name in the layout, or {@code null} when it holds one image
 * @param registry the image in a registry, for {@link Kind#REGISTRY}
 */
record BaseReference(Kind kind, Path path, String tag, ImageReference registry) {

    enum Kind { SCRATCH, ROOTFS, OCI_LAYOUT, OCI_ARCHIVE, REGISTRY }

    BaseReference(Kind kind, Path path, String tag) {
        this(kind, path, tag, null);
    }

    /** A base that names no file and no image: scratch, or this build's rootfs. */
    private static BaseReference of(Kind kind) {
        return new BaseReference(kind, null, null);
    }

    private static BaseReference inRegistry(ImageReference image) {
        return new BaseReference(Kind.REGISTRY, null, null, image);
    }

    static BaseReference parse(String from, Path baseDirectory) {
        if (from.equals("scratch")) {
            return of(Kind.SCRATCH);
        }
        if (from.equals("rootfs")) {
            return of(Kind.ROOTFS);
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
            if (!ImageReference.namesRegistry(from)) {
                throw new IllegalArgumentException("from '" + from + "' is not supported: use scratch, rootfs, "
                        + "oci:PATH[:TAG], oci-archive:PATH[:TAG] or a registry reference that names its registry "
                        + "(registry.example/team/base:1.0; Docker Hub images as docker.io/library/NAME:TAG)");
            }
            try {
                return inRegistry(ImageReference.parse(from));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("from '" + from + "' is not supported: use scratch, rootfs, "
                        + "oci:PATH[:TAG], oci-archive:PATH[:TAG] or a registry reference (" + e.getMessage() + ")", e);
            }
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
