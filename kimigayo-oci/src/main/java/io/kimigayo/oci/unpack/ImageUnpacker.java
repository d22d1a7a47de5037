package io.kimigayo.oci.unpack;

import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks an image of an OCI layout into a directory, layer over layer, as a container runtime lays out its root
 * filesystem: OCI whiteouts ({@code .wh.name}, {@code .wh..wh..opq}) remove what lower layers put there, hard links
 * and symbolic links are made as links, and owners and modes are applied when the process may set them. An entry
 * whose path leaves the directory ({@code ..}, an absolute path, or a path through a symbolic link) is refused,
 * naming the layer and the entry. Timestamps are not kept: the result is for running, not for packing again.
 */
public final class ImageUnpacker {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /**
     * What was unpacked.
     *
     * @param config the image's configuration (entrypoint, environment, user, ...)
     * @param root   the directory holding the root filesystem
     */
    public record Unpacked(ImageConfig config, Path root) {
    }

    /**
     * Unpacks the image {@code tag} of a layout into {@code root}, which must not exist or be empty.
     *
     * @param setOwners whether to apply the entries' owners (needs root, or a user namespace mapping them)
     */
    public Unpacked unpack(Path layoutDirectory, String tag, Path root, boolean setOwners) throws IOException {
        OciLayout layout = OciLayout.open(layoutDirectory, layoutDirectory.toString());
        Descriptor descriptor = layout.resolve(tag, layoutDirectory.toString());
        Manifest manifest = layout.manifest(descriptor, layoutDirectory.toString());
        ImageConfig config = Json.read(BlobStore.readVerified(layout.blobs().path(manifest.config().digest()),
                manifest.config(), layoutDirectory.toString()), ImageConfig.class);
        Files.createDirectories(root);
        try (Stream<Path> list = Files.list(root)) {
            if (list.findAny().isPresent()) {
                throw new IOException(root + " is not empty; an image is unpacked into a new directory");
            }
        }
        for (Descriptor layer : manifest.layers()) {
            Path blob = layout.blobs().path(layer.digest());
            try (InputStream file = new BufferedInputStream(Files.newInputStream(blob), 1 << 16);
                 InputStream tar = layer.mediaType().endsWith("gzip") ? new GZIPInputStream(file, 1 << 16) : file) {
                apply(new TarArchiveInputStream(tar), root, "layer " + layer.digest(), setOwners);
            }
        }
        return new Unpacked(config, root);
    }

    /**
     * Unpacks one layer blob (already verified by digest) into {@code root}, an empty directory, with the checks of
     * {@link #unpack}; owners are not applied.
     *
     * @param what names the layer in messages
     */
    public static void unpackLayer(Path blob, Descriptor layer, Path root, String what) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(blob), 1 << 16);
             InputStream tar = layer.mediaType().endsWith("gzip") ? new GZIPInputStream(file, 1 << 16) : file) {
            apply(new TarArchiveInputStream(tar), root, what, false);
        }
    }

    private record Deferred(Path path, int mode, long uid, long gid) {
    }

    private static void apply(TarArchiveInputStream tar, Path root, String layer, boolean setOwners)
            throws IOException {
        List<Deferred> directories = new ArrayList<>();
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName();
            Path target = inside(root, name, layer);
            if (target.equals(root)) {
                continue;
            }
            String base = target.getFileName().toString();
            if (base.equals(OPAQUE)) {
                try (Stream<Path> list = Files.list(target.getParent())) {
                    for (Path p : list.toList()) {
                        deleteRecursively(p);
                    }
                }
                continue;
            }
            if (base.startsWith(WHITEOUT)) {
                deleteRecursively(target.resolveSibling(base.substring(WHITEOUT.length())));
                continue;
            }
            Files.createDirectories(target.getParent());
            if (entry.isDirectory()) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    deleteRecursively(target);
                    Files.createDirectory(target);
                }
                directories.add(new Deferred(target, entry.getMode() & 07777, entry.getLongUserId(),
                        entry.getLongGroupId()));
                continue;
            }
            deleteRecursively(target);
            if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                Path source = inside(root, entry.getLinkName(), layer);
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(layer + ": hard link " + name + " points at " + entry.getLinkName()
                            + ", which is not a file of the image");
                }
                Files.createLink(target, source);
                continue;
            } else if (entry.isFile()) {
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                if (setOwners) {
                    chown(target, entry.getLongUserId(), entry.getLongGroupId()); // before chmod: it clears setuid
                }
                chmod(target, entry.getMode() & 07777);
                continue;
            } else {
                continue; // devices and FIFOs: a run gets its own /dev
            }
            if (setOwners) {
                chown(target, entry.getLongUserId(), entry.getLongGroupId());
            }
        }
        // directories last, deepest first, so that a read-only directory does not stop its own contents
        for (int i = directories.size() - 1; i >= 0; i--) {
            Deferred d = directories.get(i);
            if (setOwners) {
                chown(d.path(), d.uid(), d.gid());
            }
            chmod(d.path(), d.mode() | (setOwners ? 0 : 0700));
        }
    }

    /** The path an entry names below {@code root}, refusing one that leaves it, directly or through a link. */
    static Path inside(Path root, String name, String layer) throws IOException {
        String clean = name;
        while (clean.startsWith("./")) {
            clean = clean.substring(2);
        }
        if (clean.startsWith("/") || clean.equals("..") || clean.startsWith("../") || clean.contains("/../")
                || clean.endsWith("/..")) {
            throw new IOException(layer + ": entry " + name + " leaves the root filesystem; the image is refused");
        }
        Path target = root.resolve(clean).normalize();
        // every directory on the way must be a real directory below root, not a symbolic link out of it
        Path parent = target.getParent();
        for (Path p = parent; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException(layer + ": entry " + name + " goes through the symbolic link "
                        + root.relativize(p) + "; the image is refused");
            }
        }
        return target;
    }

    /** Sets all twelve permission bits (setuid, setgid and sticky too, which PosixFilePermission lacks). */
    private static void chmod(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }

    private static void chown(Path path, long uid, long gid) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> list = Files.list(path)) {
                for (Path p : list.toList()) {
                    deleteRecursively(p);
                }
            }
        }
        Files.delete(path);
    }
}
