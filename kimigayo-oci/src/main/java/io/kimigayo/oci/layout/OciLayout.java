package io.kimigayo.oci.layout;

import io.kimigayo.core.output.OutputSet;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.digest.DigestingInputStream;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An OCI image layout directory on disk: its {@code index.json}, its blobs, and the images it names.
 * Tags of signatures and attestations ({@code sha256-<hex>.sig}) are entries of the index too, but never count as
 * images when the layout is asked for "the" image.
 */
public final class OciLayout {

    private static final Pattern ARTIFACT_TAG = Pattern.compile("sha256-[0-9a-f]{64}\\.(sig|att|sbom)");

    private final Path directory;
    private final Index index;

    private OciLayout(Path directory, Index index) {
        this.directory = directory;
        this.index = index;
    }

    /**
     * Opens a layout.
     *
     * @param origin how the user named it, for messages
     */
    public static OciLayout open(Path directory, String origin) throws IOException {
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            OutputSet.recover(parent); // a build killed while it switched its outputs: complete the switch first
        }
        Path indexFile = directory.resolve("index.json");
        if (!Files.isRegularFile(directory.resolve("oci-layout")) || !Files.isRegularFile(indexFile)) {
            throw new IOException(origin + ": " + directory + " is not an OCI image layout (it needs the files "
                    + "oci-layout and index.json); point at a directory written by pack-oci, skopeo or umoci");
        }
        return new OciLayout(directory,
                Json.read(Files.readAllBytes(indexFile), Index.class, origin + ": " + indexFile));
    }

    public Path directory() {
        return directory;
    }

    public Index index() {
        return index;
    }

    public BlobStore blobs() {
        return BlobStore.ofLayout(directory);
    }

    /** Whether a tag names a signature or attestation rather than an image. */
    public static boolean isArtifactTag(String tag) {
        return tag != null && ARTIFACT_TAG.matcher(tag).matches();
    }

    /**
     * The index entry named {@code tag}, or, when {@code tag} is null, the one image of the layout.
     *
     * @throws IOException naming the tags there are when the tag is unknown or the choice is ambiguous
     */
    public Descriptor resolve(String tag, String origin) throws IOException {
        if (tag != null) {
            return index.manifests().stream()
                    .filter(d -> tag.equals(d.annotations().get(Index.REF_NAME)))
                    .findFirst()
                    .orElseThrow(() -> new IOException(origin + ": the layout has no image named '" + tag
                            + "'; it has " + refNames()));
        }
        List<Descriptor> images = index.manifests().stream()
                .filter(d -> !isArtifactTag(d.annotations().get(Index.REF_NAME)))
                .toList();
        Set<Digest> distinct = new LinkedHashSet<>();
        images.forEach(d -> distinct.add(d.digest()));
        if (distinct.size() != 1) {
            throw new IOException(origin + ": the layout holds " + distinct.size() + " images ("
                    + refNames() + "); name one with its tag (oci:PATH:TAG)");
        }
        return images.get(0);
    }

    /** Reads an image manifest, checking its digest and size. */
    public Manifest manifest(Descriptor descriptor, String origin) throws IOException {
        if (!MediaTypes.isManifest(descriptor.mediaType())) {
            throw new IOException(origin + ": " + descriptor.digest() + " has media type "
                    + descriptor.mediaType() + ", which is not an image manifest");
        }
        return Json.read(BlobStore.readVerified(blobs().path(descriptor.digest()), descriptor, origin),
                Manifest.class, origin + ": manifest " + descriptor.digest());
    }

    /**
     * Checks every blob of an image (manifest, config, layers) against its descriptor, reading each once without
     * copying it.
     *
     * @throws CorruptBlobException naming the first blob that does not match
     */
    public Manifest verifyImage(Descriptor descriptor, String origin) throws IOException {
        Manifest manifest = manifest(descriptor, origin);
        BlobStore.readVerified(blobs().path(manifest.config().digest()), manifest.config(), origin);
        for (Descriptor layer : manifest.layers()) {
            Path blob = blobs().path(layer.digest());
            if (!Files.isRegularFile(blob)) {
                throw new IOException(origin + ": layer blob " + layer.digest() + " is missing (" + blob + ")");
            }
            try (InputStream in = Files.newInputStream(blob);
                 DigestingInputStream digesting = new DigestingInputStream(in)) {
                digesting.transferTo(OutputStream.nullOutputStream());
                if (!digesting.digest().equals(layer.digest()) || digesting.count() != layer.size()) {
                    throw new CorruptBlobException(origin, layer, digesting.digest(), digesting.count());
                }
            }
        }
        return manifest;
    }

    /**
     * Checks every blob of an image as {@link #verifyImage} does, or, for an image index, the index and every blob of
     * each image it lists.
     *
     * @return the image manifests' descriptors: the image's own, or the index's entries (with their platforms)
     */
    public List<Descriptor> verifyImageOrIndex(Descriptor descriptor, String origin) throws IOException {
        if (!MediaTypes.isIndex(descriptor.mediaType())) {
            verifyImage(descriptor, origin);
            return List.of(descriptor);
        }
        Index listed = Json.read(BlobStore.readVerified(blobs().path(descriptor.digest()), descriptor, origin),
                Index.class, origin + ": index " + descriptor.digest());
        for (Descriptor manifest : listed.manifests()) {
            verifyImage(manifest, origin);
        }
        return listed.manifests();
    }

    /** Replaces the index entries named {@code tag} by {@code descriptor} (named so) and writes index.json. */
    public OciLayout withTag(String tag, Descriptor descriptor) throws IOException {
        List<Descriptor> entries = new java.util.ArrayList<>(index.manifests().stream()
                .filter(d -> !tag.equals(d.annotations().get(Index.REF_NAME)))
                .toList());
        entries.add(descriptor.withAnnotations(java.util.Map.of(Index.REF_NAME, tag)));
        new OciLayoutWriter().write(directory, entries);
        return open(directory, directory.toString());
    }

    private List<String> refNames() {
        return index.manifests().stream()
                .map(d -> d.annotations().getOrDefault(Index.REF_NAME, "(unnamed " + d.digest() + ")"))
                .toList();
    }
}
