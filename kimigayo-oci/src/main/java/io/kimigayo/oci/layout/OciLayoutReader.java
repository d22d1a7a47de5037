package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.digest.DigestingInputStream;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads an image from an OCI image layout directory as the base of a new image. Every blob on the way (index,
 * manifest, config, layers) is checked against its descriptor's digest and size, and every layer's uncompressed
 * digest against the config's diff ID, so a damaged base fails the build with the name of the blob at fault.
 * Layers are copied byte for byte (never re-compressed) into the new image's blob store.
 */
public final class OciLayoutReader {

    /**
     * @param layout   the layout directory
     * @param tag      the {@code org.opencontainers.image.ref.name} to read, or {@code null} when the layout holds
     *                 one image
     * @param platform the platform to pick from a multi-platform image, and to check a single image against
     * @param into     where the base's layers are copied
     * @param origin   how the user named the base, for messages
     */
    public BaseImage read(Path layout, String tag, Platform platform, BlobStore into, String origin)
            throws IOException {
        OciLayout opened = OciLayout.open(layout, origin);
        BlobStore source = opened.blobs();
        Descriptor chosen = opened.resolve(tag, origin);
        while (MediaTypes.isIndex(chosen.mediaType())) {
            Index nested = Json.read(BlobStore.readVerified(source.path(chosen.digest()), chosen, origin), Index.class,
                    origin + ": index " + chosen.digest());
            chosen = choosePlatform(nested, platform, origin);
        }
        Manifest manifest = opened.manifest(chosen, origin);
        ImageConfig config = Json.read(
                BlobStore.readVerified(source.path(manifest.config().digest()), manifest.config(), origin),
                ImageConfig.class, origin + ": config " + manifest.config().digest());
        if (!platform.matches(config.platform())) {
            throw new IOException(origin + ": the base image is for " + config.platform() + " but this build is for "
                    + platform + "; choose a base of that platform or set 'platforms' to " + config.platform());
        }
        List<Digest> diffIds = config.rootfs().diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException(origin + ": the manifest lists " + manifest.layers().size()
                    + " layers but the config has " + diffIds.size() + " diff_ids; the image is malformed");
        }
        List<Layer> layers = new ArrayList<>();
        LayerEntryCheck entries = new LayerEntryCheck();
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add(copyLayer(source, manifest.layers().get(i), diffIds.get(i), into, origin, entries));
        }
        return new BaseImage(config, layers, origin);
    }

    private static Layer copyLayer(BlobStore source, Descriptor descriptor, Digest diffId, BlobStore into,
                                   String origin, LayerEntryCheck entries) throws IOException {
        boolean gzip = switch (descriptor.mediaType()) {
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> true;
            case MediaTypes.OCI_LAYER_TAR -> false;
            default -> throw new IOException(origin + ": layer " + descriptor.digest() + " has media type "
                    + descriptor.mediaType() + "; Kimigayo reads gzip-compressed and uncompressed tar layers");
        };
        Path blob = source.path(descriptor.digest());
        if (!Files.isRegularFile(blob)) {
            throw new IOException(origin + ": layer blob " + descriptor.digest() + " is missing (" + blob + ")");
        }
        Path copy;
        try (InputStream in = Files.newInputStream(blob)) {
            copy = into.copyVerified(in, descriptor, origin);
        }
        long uncompressedSize;
        Digest actualDiffId;
        try (InputStream raw = Files.newInputStream(copy);
             DigestingInputStream tar = new DigestingInputStream(gzip ? new GZIPInputStream(raw, 65536) : raw)) {
            entries.check(tar, "layer " + descriptor.digest());
            tar.transferTo(OutputStream.nullOutputStream());
            uncompressedSize = tar.count();
            actualDiffId = tar.digest();
        } catch (UnsafeEntryException e) {
            Files.deleteIfExists(copy);
            throw new IOException(origin + ": " + e.getMessage() + "; Kimigayo refuses such a base image, as umoci "
                    + "does: rebuild it without that entry", e);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            Files.deleteIfExists(copy);
            throw new IOException(origin + ": layer blob " + descriptor.digest() + " is not a complete "
                    + (gzip ? "gzip" : "tar") + " stream (" + e.getMessage() + "); the image is damaged, rebuild or "
                    + "re-copy it", e);
        }
        if (!actualDiffId.equals(diffId)) {
            Files.delete(copy);
            throw new IOException(origin + ": layer blob " + descriptor.digest() + " unpacks to " + actualDiffId
                    + " but the config's diff_id is " + diffId + "; the image is corrupt, rebuild or re-copy it");
        }
        String mediaType = gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER_TAR;
        Descriptor reused = new Descriptor(mediaType, descriptor.digest(), descriptor.size());
        return new Layer(reused, diffId, uncompressedSize, copy);
    }

    private static Descriptor choosePlatform(Index index, Platform platform, String origin) throws IOException {
        return index.manifests().stream()
                .filter(d -> platform.matches(d.platform()))
                .findFirst()
                .orElseThrow(() -> new IOException(origin + ": the image has no manifest for " + platform
                        + "; it has " + index.manifests().stream().map(Descriptor::platform)
                        .filter(Objects::nonNull).map(Platform::toString).toList()));
    }
}
