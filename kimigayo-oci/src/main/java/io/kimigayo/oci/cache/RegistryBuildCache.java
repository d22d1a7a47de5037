package io.kimigayo.oci.cache;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.cache.RemoteCache;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.ManifestResponse;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.registry.RegistryClient;
import io.kimigayo.oci.registry.RetryPolicy;
import io.kimigayo.oci.unpack.ImageUnpacker;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The build cache shared through a repository of an OCI registry, as BuildKit's registry cache: each entry of the
 * local {@link BuildCache} is an OCI artifact tagged {@code <name>-<cache key>} (the key in full, 64 hex digits).
 * Its manifest has a config of media type {@value #CONFIG_MEDIA_TYPE} (the entry's name and key, JSON) and one
 * layer: the entry directory as a deterministic gzip tar ({@link LayerWriter}; modes normalised as for project
 * directories, time 0, owner root). A pulled layer is verified by digest and size while it streams, then unpacked
 * with {@link ImageUnpacker}'s checks (no entry leaves the directory). A registry that cannot be reached, refuses,
 * or serves a bad entry is a warning naming the repository and the entry: the entry is then built here. After the
 * first failure to reach the registry, the cache is not asked again in this build.
 */
public final class RegistryBuildCache implements RemoteCache {

    /** The media type of an entry's config blob (the artifact type of the cache's manifests). */
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.kimigayo.build-cache.config.v1+json";
    /** Annotations of the manifest: the entry's name and its cache key. */
    public static final String NAME_ANNOTATION = "io.kimigayo.cache.name";
    public static final String KEY_ANNOTATION = "io.kimigayo.cache.key";
    /** Short retries: a slow cache must not cost more than building. */
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMillis(200),
            Duration.ofSeconds(2));

    private final ImageReference repository;
    private final RegistryAccess access;
    private final boolean readOnly;
    private final Consumer<String> progress;
    private final Consumer<String> warnings;
    private RegistryClient client;
    private boolean unreachable;

    /**
     * @param repository the repository ({@code registry.example/team/kimigayo-cache}); a tag is ignored
     * @param access     how to reach the registry (credentials as for push)
     * @param readOnly   pull only: entries built here are not pushed
     * @param progress   receives a line per entry pulled or pushed
     * @param warnings   receives a line per failure
     */
    public RegistryBuildCache(String repository, RegistryAccess access, boolean readOnly, Consumer<String> progress,
                              Consumer<String> warnings) {
        this.repository = ImageReference.parse(repository.trim(), "cacheRepository");
        this.access = access.withRetry(RETRY);
        this.readOnly = readOnly;
        this.progress = progress == null ? line -> { } : progress;
        this.warnings = warnings == null ? line -> { } : warnings;
    }

    /** The tag of an entry: its name (characters outside a tag's replaced by {@code _}) and the key in full. */
    public static String tag(String name, CacheKey key) {
        String clean = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0))) {
            clean = "e" + clean;
        }
        String hex = key.hex();
        return clean.substring(0, Math.min(clean.length(), 127 - hex.length())) + "-" + hex;
    }

    @Override
    public synchronized boolean fetch(String name, CacheKey key, Path into) {
        String tag = tag(name, key);
        String where = repository.name() + ":" + tag;
        try {
            RegistryClient registry = client();
            if (registry == null) {
                return false;
            }
            Optional<ManifestResponse> response = registry.manifest(repository.path(), tag);
            if (response.isEmpty()) {
                progress.accept("build cache " + where + ": not there, building it here");
                return false;
            }
            Manifest manifest = Json.read(response.get().bytes(), Manifest.class, "manifest of " + where);
            if (!CONFIG_MEDIA_TYPE.equals(manifest.config().mediaType()) || manifest.layers().size() != 1
                    || !manifest.layers().get(0).mediaType().equals(MediaTypes.OCI_LAYER_GZIP)
                    || !key.hex().equals(manifest.annotations().get(KEY_ANNOTATION))) {
                throw new IOException("not a Kimigayo build cache entry for key " + key.hex() + " (config "
                        + manifest.config().mediaType() + ", " + manifest.layers().size() + " layers)");
            }
            Descriptor layer = manifest.layers().get(0);
            Path blobs = Files.createDirectories(into.resolveSibling(into.getFileName() + ".blobs"));
            try {
                Path blob = registry.fetchBlob(repository.path(), layer, new BlobStore(blobs));
                ImageUnpacker.unpackLayer(blob, layer, into, "build cache " + where);
            } finally {
                AtomicFiles.deleteRecursively(blobs);
            }
            progress.accept("build cache " + where + ": pulled (" + layer.size() / 1024 + " KiB, " + layer.digest()
                    + ")");
            return true;
        } catch (IOException | RuntimeException e) {
            warnings.accept("build cache " + where + ": refused (" + e.getMessage() + "); building it here");
            return false;
        }
    }

    @Override
    public synchronized void store(String name, CacheKey key, Path entry) {
        if (readOnly) {
            return;
        }
        String tag = tag(name, key);
        String where = repository.name() + ":" + tag;
        Path blobs = null;
        try {
            RegistryClient registry = client();
            if (registry == null) {
                return;
            }
            if (registry.manifestDigest(repository.path(), tag).isPresent()) {
                return; // another machine pushed the same key: the same inputs, the same entry
            }
            FileTree tree = new DirectoryImporter().importInto(new FileTree(), DirectoryImport.of(entry, "/"));
            tree.remove(TreePath.of(BuildCache.COMPLETE));
            if (tree.isEmpty()) {
                return;
            }
            blobs = Files.createTempDirectory("kimigayo-cache-");
            Layer layer = new LayerWriter().write(tree, Instant.EPOCH, blobs).orElseThrow();
            Map<String, String> config = new TreeMap<>(Map.of("key", key.hex(), "name", name));
            byte[] configBytes = Json.write(config);
            Descriptor configDescriptor = new BlobStore(blobs).put(CONFIG_MEDIA_TYPE, configBytes);
            Manifest manifest = Manifest.of(configDescriptor, List.of(layer.descriptor()),
                    Map.of(NAME_ANNOTATION, name, KEY_ANNOTATION, key.hex()));
            if (!registry.blobExists(repository.path(), layer.descriptor().digest())) {
                registry.uploadBlob(repository.path(), layer.descriptor(), layer.blob());
            }
            if (!registry.blobExists(repository.path(), configDescriptor.digest())) {
                registry.uploadBlob(repository.path(), configDescriptor, configBytes);
            }
            registry.putManifest(repository.path(), tag, MediaTypes.OCI_MANIFEST, Json.write(manifest));
            progress.accept("build cache " + where + ": pushed (" + layer.descriptor().size() / 1024 + " KiB)");
        } catch (IOException | RuntimeException e) {
            warnings.accept("build cache " + where + ": push failed (" + e.getMessage() + "); the build goes on");
        } finally {
            if (blobs != null) {
                try {
                    AtomicFiles.deleteRecursively(blobs);
                } catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }
        }
    }

    /** The client, connected on first use; null once the registry could not be reached (warned once). */
    private RegistryClient client() {
        if (client == null && !unreachable) {
            try {
                client = RegistryClient.connect(repository.registry(), access);
            } catch (IOException | RuntimeException e) {
                unreachable = true;
                warnings.accept("build cache " + repository.name() + ": cannot reach the registry (" + e.getMessage()
                        + "); building without the shared cache");
            }
        }
        return client;
    }

    /** For messages: the repository as configured. */
    @Override
    public String toString() {
        return repository.name() + (readOnly ? " (read-only)" : "");
    }
}
