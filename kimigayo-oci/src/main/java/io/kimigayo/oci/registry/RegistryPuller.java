package io.kimigayo.oci.registry;

import io.kimigayo.core.output.StaleDirectories;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.layout.OciLayoutWriter;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies images from a registry into an OCI layout. Manifests are checked against the digest asked for (or the one
 * the registry names); blobs are verified by digest and size while they stream, into the blob cache when there is
 * one (later pulls take them from there) and from there into the layout. OCI and Docker schema 2 manifests, OCI
 * indexes and Docker manifest lists (choosing the platform) are read.
 */
public final class RegistryPuller {

    private final RegistryAccess access;
    private final java.util.Map<String, RegistryClient> clients = new java.util.HashMap<>();

    public RegistryPuller(RegistryAccess access) {
        this.access = access;
    }

    /**
     * Pulls an image into a layout (created when missing) and names it {@code refName} in its index.json.
     *
     * @param platform the platform to choose from an index; null keeps an index whole (every manifest it lists)
     * @return the index.json entry written
     * @throws RegistryException when the registry has no such image
     */
    public Descriptor pull(ImageReference reference, Platform platform, Path layoutDirectory, String refName)
            throws IOException {
        return pullIfPresent(reference, platform, layoutDirectory, refName).orElseThrow(() -> new RegistryException(
                reference + ": the registry has no such image (manifest unknown); check the repository and tag", 404));
    }

    /** As {@link #pull}, but empty when the registry has no manifest under that reference. */
    public Optional<Descriptor> pullIfPresent(ImageReference reference, Platform platform, Path layoutDirectory,
                                              String refName) throws IOException {
        RegistryClient client = client(reference.registry());
        Optional<ManifestResponse> top = client.manifest(reference.path(),
                reference.manifestReference());
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(layoutDirectory);
        if (!Files.isRegularFile(layoutDirectory.resolve("index.json"))) {
            new OciLayoutWriter().write(layoutDirectory, List.of());
        }
        BlobStore blobs = BlobStore.ofLayout(layoutDirectory);
        Files.createDirectories(blobs.directory());
        if (access.blobCache() != null) {
            StaleDirectories.removeOldTemporaryFiles(access.blobCache().resolve("sha256")); // of killed pulls
        }
        ManifestResponse chosen = top.get();
        if (MediaTypes.isIndex(chosen.mediaType()) && platform != null) {
            Descriptor wanted = choosePlatform(Json.read(chosen.bytes(), Index.class, reference + ": index " + chosen.digest()), platform, reference);
            chosen = client.manifest(reference.path(), wanted.digest().toString()).orElseThrow(() ->
                    new RegistryException(reference + ": the index lists " + wanted.digest() + " for " + platform
                            + " but the registry does not have it", 404));
        }
        copy(client, reference, chosen, blobs);
        Descriptor entry = chosen.descriptor();
        OciLayout.open(layoutDirectory, layoutDirectory.toString()).withTag(refName, entry);
        return Optional.of(entry);
    }

    private void copy(RegistryClient client, ImageReference reference, ManifestResponse manifest,
                      BlobStore into) throws IOException {
        if (MediaTypes.isIndex(manifest.mediaType())) {
            for (Descriptor child : Json.read(manifest.bytes(), Index.class, reference + ": index " + manifest.digest()).manifests()) {
                ManifestResponse fetched = client.manifest(reference.path(),
                        child.digest().toString()).orElseThrow(() -> new RegistryException(reference
                        + ": the index lists " + child.digest() + " but the registry does not have it", 404));
                copy(client, reference, fetched, into);
            }
        } else if (MediaTypes.isManifest(manifest.mediaType())) {
            Manifest parsed = Json.read(manifest.bytes(), Manifest.class, reference + ": manifest " + manifest.digest());
            List<Descriptor> blobs = new ArrayList<>();
            blobs.add(parsed.config());
            blobs.addAll(parsed.layers());
            for (Descriptor blob : blobs) {
                fetch(client, reference, blob, into);
            }
        } else {
            throw new RegistryException(reference + ": the registry serves a manifest of type " + manifest.mediaType()
                    + "; Kimigayo reads OCI and Docker schema 2 manifests and indexes", 200);
        }
        into.put(manifest.mediaType(), manifest.bytes());
    }

    private void fetch(RegistryClient client, ImageReference reference, Descriptor blob, BlobStore into)
            throws IOException {
        Path target = into.path(blob.digest());
        if (Files.isRegularFile(target)) {
            return;
        }
        if (access.blobCache() == null) {
            access.progress().accept("pulling blob " + blob.digest() + " (" + blob.size() + " bytes) from " + reference.repository());
            client.fetchBlob(reference.path(), blob, into);
            return;
        }
        BlobStore cache = new BlobStore(Files.createDirectories(access.blobCache().resolve("sha256")));
        Path cached = cache.path(blob.digest());
        if (!Files.isRegularFile(cached)) {
            access.progress().accept("pulling blob " + blob.digest() + " (" + blob.size() + " bytes) from " + reference.repository());
            client.fetchBlob(reference.path(), blob, cache);
        }
        // a hard link when cache and layout share a file system, else a copy; checked on every use
        try {
            into.linkVerified(cached, blob, "blob cache " + cached);
        } catch (CorruptBlobException damaged) {
            Path aside = cached.resolveSibling(cached.getFileName() + ".damaged-" + System.currentTimeMillis());
            Files.move(cached, aside, StandardCopyOption.ATOMIC_MOVE);
            access.progress().accept("the cached blob " + cached + " was damaged (it hashes to " + damaged.actual()
                    + ", " + damaged.actualSize() + " bytes); moved it aside to " + aside.getFileName()
                    + " and pulling " + blob.digest() + " again from " + reference.repository());
            client.fetchBlob(reference.path(), blob, cache);
            into.linkVerified(cached, blob, "blob cache " + cached);
        }
    }

    private static Descriptor choosePlatform(Index index, Platform platform, ImageReference reference)
            throws IOException {
        return index.manifests().stream()
                .filter(d -> platform.matches(d.platform()))
                .findFirst()
                .orElseThrow(() -> new IOException(reference + ": the image has no manifest for " + platform
                        + "; it has " + index.manifests().stream().map(Descriptor::platform)
                        .filter(Objects::nonNull).map(Platform::toString).toList()));
    }

    private RegistryClient client(String registry) throws IOException {
        RegistryClient client = clients.get(registry);
        if (client == null) {
            client = RegistryClient.connect(registry, access);
            clients.put(registry, client);
        }
        return client;
    }
}
