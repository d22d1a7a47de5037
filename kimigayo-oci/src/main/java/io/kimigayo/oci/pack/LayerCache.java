package io.kimigayo.oci.pack;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.output.StaleDirectories;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Compressed layers kept between builds under a key of their content: a big layer that did not change (a Java
 * runtime, the Kimigayo OS rootfs) is hard-linked into the image (copied across file systems), not compressed again. An entry is {@code <key>.tar.gz} plus {@code <key>.txt} with its
 * digest, diff ID and sizes; a cached blob is checked against its digest as it is copied, and one that no longer
 * matches is dropped and written anew.
 */
final class LayerCache {

    /** Bump when the tar or gzip writer changes its output: cached blobs of the old writer are then not reused. */
    private static final String FORMAT = "tar+gzip/1";

    private final Path directory;

    /** @param directory the cache directory, or null for no caching */
    LayerCache(Path directory) {
        this.directory = directory;
        if (directory != null) {
            StaleDirectories.removeOldTemporaryFiles(directory); // those of killed builds
        }
    }

    /**
     * The layer of a tree: cached under the tree layer's own key when it has one (a key of all its inputs, cheaper
     * than reading its files), else under the {@link TreeDigest} of its entries and bytes.
     */
    Optional<Layer> layer(TreeLayer treeLayer, Instant mtime, Path blobs, LayerWriter writer) throws IOException {
        if (directory == null || treeLayer.tree().isEmpty()) {
            return writer.write(treeLayer.tree(), mtime, blobs);
        }
        String key = treeLayer.cacheKey() != null ? treeLayer.cacheKey()
                : "tree " + TreeDigest.of(treeLayer.tree());
        return cachedOrWritten(key + "\n" + mtime.getEpochSecond(), blobs,
                () -> writer.write(treeLayer.tree(), mtime, blobs));
    }

    /**
     * A tar file compressed as a layer, cached by the tar's SHA-256 (a rootfs.tar that did not change is not
     * compressed again).
     */
    Layer tar(Path tar, Path blobs, LayerWriter writer) throws IOException {
        if (directory == null) {
            return writer.compressTar(tar, blobs);
        }
        return cachedOrWritten("tar file\n" + Sha256.hex(tar), blobs,
                () -> Optional.of(writer.compressTar(tar, blobs))).orElseThrow();
    }

    private interface Writing {
        Optional<Layer> write() throws IOException;
    }

    private Optional<Layer> cachedOrWritten(String cacheKey, Path blobs, Writing writing) throws IOException {
        String key = Digest.of((FORMAT + "\n" + cacheKey).getBytes(StandardCharsets.UTF_8)).hex();
        Path blob = directory.resolve(key + ".tar.gz");
        Path meta = directory.resolve(key + ".txt");
        if (Files.isRegularFile(blob) && Files.isRegularFile(meta)) {
            Optional<Layer> cached = cached(blob, meta, blobs);
            if (cached.isPresent()) {
                return cached;
            }
            Files.deleteIfExists(blob);
            Files.deleteIfExists(meta);
        }
        Optional<Layer> written = writing.write();
        if (written.isPresent()) {
            Layer layer = written.get();
            Files.createDirectories(directory);
            Path temp = AtomicFiles.createTemp(directory, ".layer-");
            Files.copy(layer.blob(), temp, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.moveIntoPlace(temp, blob);
            Path tempMeta = AtomicFiles.createTemp(directory, ".meta-");
            Files.writeString(tempMeta, layer.descriptor().digest() + "\n" + layer.diffId() + "\n"
                    + layer.descriptor().size() + "\n" + layer.uncompressedSize() + "\n");
            AtomicFiles.moveIntoPlace(tempMeta, meta);
        }
        return written;
    }

    /** The cached layer copied into {@code blobs}, or empty when the blob or its description is damaged. */
    private static Optional<Layer> cached(Path blob, Path meta, Path blobs) throws IOException {
        Descriptor descriptor;
        Digest diffId;
        long uncompressedSize;
        try {
            List<String> lines = Files.readAllLines(meta);
            descriptor = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.parse(lines.get(0)),
                    Long.parseLong(lines.get(2)));
            diffId = Digest.parse(lines.get(1));
            uncompressedSize = Long.parseLong(lines.get(3));
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
        try {
            Path target = new BlobStore(blobs).linkVerified(blob, descriptor, "layer cache " + blob);
            return Optional.of(new Layer(descriptor, diffId, uncompressedSize, target));
        } catch (CorruptBlobException damaged) {
            return Optional.empty();
        }
    }
}
