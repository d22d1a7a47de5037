package io.kimigayo.oci.layer;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.digest.DigestingOutputStream;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a {@link FileTree} as a gzip-compressed tar layer, deterministically: the tar of {@link TarWriter}, gzip
 * without name or time. The diff ID, the compressed digest and the size come out of the same single pass.
 */
public final class LayerWriter {

    private static final String TEMP_PREFIX = ".layer-";

    private final TarWriter tarWriter = new TarWriter();

    /**
     * Writes the layer into {@code blobsDirectory} as {@code <hex>} of its compressed digest.
     *
     * @return the layer, or empty when the tree has no entries (empty layers are not emitted)
     */
    public Optional<Layer> write(FileTree tree, Instant mtime, Path blobsDirectory) throws IOException {
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(writeBlob(blobsDirectory, out -> writeTar(tree, mtime, out)));
    }

    /** Something that writes an uncompressed tar stream. */
    private interface TarSource {
        void writeTo(OutputStream out) throws IOException;
    }

    private Layer writeBlob(Path blobsDirectory, TarSource tar) throws IOException {
        Path temp = AtomicFiles.createTemp(blobsDirectory, TEMP_PREFIX);
        try {
            DigestingOutputStream compressed;
            DigestingOutputStream uncompressed;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
                compressed = new DigestingOutputStream(file);
                DeterministicGzipOutputStream gzip = new DeterministicGzipOutputStream(compressed);
                uncompressed = new DigestingOutputStream(gzip);
                tar.writeTo(uncompressed);
                gzip.finish();
            }
            Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER_GZIP, compressed.digest(), compressed.count());
            Path blob = blobsDirectory.resolve(descriptor.digest().hex());
            AtomicFiles.moveIntoPlace(temp, blob);
            return new Layer(descriptor, uncompressed.digest(), uncompressed.count(), blob);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Compresses an existing tar file (such as build-rootfs's {@code rootfs.tar}) into a layer blob, computing
     * its diff ID on the way.
     */
    public Layer compressTar(Path tar, Path blobsDirectory) throws IOException {
        return writeBlob(blobsDirectory, out -> {
            try (var in = Files.newInputStream(tar)) {
                in.transferTo(out);
            }
        });
    }

    /** Writes the tree as an uncompressed tar stream (the layer's diff). */
    public void writeTar(FileTree tree, Instant mtime, OutputStream out) throws IOException {
        tarWriter.write(tree, mtime, out);
    }
}
