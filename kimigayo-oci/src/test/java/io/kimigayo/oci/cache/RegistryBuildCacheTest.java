package io.kimigayo.oci.cache;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.registry.RegistryClient;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build cache shared through the real distribution registry (docker-registry on 127.0.0.1): two machines are two
 * local cache directories; skopeo judges what the registry holds.
 */
class RegistryBuildCacheTest {

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static ExternalTool skopeo;

    @BeforeAll
    static void start() throws IOException {
        skopeo = ExternalTool.require("skopeo", "skopeo");
        registry = LocalRegistry.start(dir.resolve("registry"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static RegistryAccess access() {
        return RegistryAccess.of(Map.of("HOME", dir.resolve("home").toString()));
    }

    private record Machine(BuildCache cache, List<String> warnings, List<String> progress) {
    }

    private static Machine machine(Path cacheDirectory, String repository, boolean readOnly) {
        List<String> warnings = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        RegistryBuildCache remote = new RegistryBuildCache(repository, access(), readOnly, progress::add,
                warnings::add);
        return new Machine(new BuildCache(cacheDirectory, remote), warnings, progress);
    }

    /** Builds an entry as a recipe does: a work directory, files in it, commit. */
    private static Path build(BuildCache cache, String name, CacheKey key) throws IOException {
        Path work = cache.newWorkDirectory(name);
        Path out = Files.createDirectories(work.resolve("out/bin"));
        Files.writeString(out.resolve("tool"), "#!/bin/sh\necho tool\n");
        Files.setAttribute(out.resolve("tool"), "unix:mode", 0755);
        Files.createSymbolicLink(out.resolve("alias"), Path.of("tool"));
        Files.createLink(out.resolve("same"), out.resolve("tool"));
        Files.createDirectories(work.resolve("out/share/empty"));
        Files.writeString(work.resolve("out/share/data.txt"), "さざれ石\n");
        // the registry keeps one copy of equal blobs: each test's entry differs, so tampering stays in its test
        Files.writeString(work.resolve("out/share/key"), key.hex());
        Path entry = cache.commit(work.resolve("out"), name, key);
        BuildCache.discard(work);
        return entry;
    }

    private static List<String> tags(String repository) throws IOException {
        ExternalTool.Result r = skopeo.run(Map.of(), "list-tags", "--tls-verify=false", "docker://" + repository);
        if (r.exitCode() != 0) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        Json.mapper().readTree(r.stdout()).get("Tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    @Test
    void anEntryBuiltOnOneMachineIsPulledVerifiedOnAnother() throws IOException {
        String repository = registry.host() + "/team/cache-roundtrip";
        CacheKey key = new CacheKey().with("source", "roundtrip");
        Machine one = machine(dir.resolve("one"), repository, false);
        assertTrue(one.cache().lookup("tool", key).isEmpty());
        build(one.cache(), "tool", key);
        assertEquals(List.of("tool-" + key.hex()), tags(repository), "the registry's tags (skopeo)");
        String raw = skopeo.run(Map.of(), "inspect", "--tls-verify=false", "--raw",
                "docker://" + repository + ":tool-" + key.hex()).requireSuccess().stdout();
        Manifest manifest = Json.read(raw.getBytes(StandardCharsets.UTF_8), Manifest.class);
        assertEquals(RegistryBuildCache.CONFIG_MEDIA_TYPE, manifest.config().mediaType());
        assertEquals(List.of(MediaTypes.OCI_LAYER_GZIP), manifest.layers().stream().map(Descriptor::mediaType).toList());

        Machine two = machine(dir.resolve("two"), repository, false);
        Optional<Path> pulled = two.cache().lookup("tool", key);
        assertTrue(pulled.isPresent(), "machine two pulls the entry: " + two.warnings());
        Path entry = pulled.get();
        assertEquals("#!/bin/sh\necho tool\n", Files.readString(entry.resolve("bin/tool")));
        assertEquals(0755, (int) Files.getAttribute(entry.resolve("bin/tool"), "unix:mode") & 0777);
        assertEquals(Path.of("tool"), Files.readSymbolicLink(entry.resolve("bin/alias")));
        assertEquals(Files.getAttribute(entry.resolve("bin/tool"), "unix:ino"),
                Files.getAttribute(entry.resolve("bin/same"), "unix:ino"), "the hard link stays a hard link");
        assertTrue(Files.isDirectory(entry.resolve("share/empty")));
        assertEquals("さざれ石\n", Files.readString(entry.resolve("share/data.txt")));
        assertEquals(List.of(), two.warnings());
        // committed locally: the next lookup does not ask the registry
        int requests = registry.requests().size();
        assertEquals(entry, two.cache().lookup("tool", key).orElseThrow());
        assertEquals(requests, registry.requests().size());
        // a pulled entry is not pushed back
        assertTrue(two.progress().stream().noneMatch(l -> l.contains("pushed")), two.progress().toString());
    }

    @Test
    void aTamperedBlobIsRefusedWithAWarningAndTheEntryIsBuilt() throws IOException {
        String repository = registry.host() + "/team/cache-tampered";
        CacheKey key = new CacheKey().with("source", "tampered");
        build(machine(dir.resolve("t-one"), repository, false).cache(), "tool", key);
        String raw = skopeo.run(Map.of(), "inspect", "--tls-verify=false", "--raw",
                "docker://" + repository + ":tool-" + key.hex()).requireSuccess().stdout();
        Digest layer = Json.read(raw.getBytes(StandardCharsets.UTF_8), Manifest.class).layers().get(0).digest();
        Path blob = registry.blobFile(layer.hex());
        long size = Files.size(blob);
        try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
            file.seek(size / 2);
            int b = file.read();
            file.seek(size / 2);
            file.write(b ^ 0xff);
        }
        assertEquals(size, Files.size(blob), "same size, other bytes");

        Machine two = machine(dir.resolve("t-two"), repository, false);
        assertTrue(two.cache().lookup("tool", key).isEmpty(), "a tampered entry is a miss");
        assertEquals(1, two.warnings().size(), two.warnings().toString());
        String warning = two.warnings().get(0);
        assertTrue(warning.contains(repository + ":tool-" + key.hex()) && warning.contains("is corrupt")
                && warning.contains(layer.toString()), warning);
        try (Stream<Path> builds = Files.list(dir.resolve("t-two/builds"))) {
            assertEquals(List.of(), builds.toList(), "nothing of the refused entry stays in the cache");
        }
        Path built = build(two.cache(), "tool", key);
        assertTrue(Files.isRegularFile(built.resolve("bin/tool")));
    }

    @Test
    void anUnreachableRegistryIsAWarningAndTheBuildGoesOn() throws IOException {
        String repository = "127.0.0.1:" + LocalRegistry.freePort() + "/team/cache";
        CacheKey key = new CacheKey().with("source", "unreachable");
        Machine one = machine(dir.resolve("u-one"), repository, false);
        assertTrue(one.cache().lookup("tool", key).isEmpty());
        Path entry = build(one.cache(), "tool", key);
        assertTrue(Files.isRegularFile(entry.resolve("bin/tool")));
        assertEquals(1, one.warnings().size(), "warned once: " + one.warnings());
        assertTrue(one.warnings().get(0).contains("build cache " + repository + ": cannot reach the registry"),
                one.warnings().get(0));
    }

    @Test
    void aReadOnlyCachePullsButPushesNothing() throws IOException {
        String repository = registry.host() + "/team/cache-readonly";
        CacheKey key = new CacheKey().with("source", "read-only");
        long uploads = registry.requests().stream().filter(LocalRegistry.Request::isBlobUpload).count();
        Machine ro = machine(dir.resolve("r-one"), repository, true);
        assertTrue(ro.cache().lookup("tool", key).isEmpty());
        build(ro.cache(), "tool", key);
        assertEquals(List.of(), tags(repository));
        assertEquals(uploads, registry.requests().stream().filter(LocalRegistry.Request::isBlobUpload).count());
        assertEquals(List.of(), ro.warnings());
        // the same build without cacheReadOnly pushes; a read-only machine then pulls it
        build(machine(dir.resolve("r-two"), repository, false).cache(), "tool", key);
        assertEquals(List.of("tool-" + key.hex()), tags(repository));
        assertTrue(machine(dir.resolve("r-three"), repository, true).cache().lookup("tool", key).isPresent());
    }

    @Test
    void anEntryThatLeavesItsDirectoryIsRefused() throws IOException {
        String repository = registry.host() + "/team/cache-escape";
        CacheKey key = new CacheKey().with("source", "escape");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            byte[] evil = "evil\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("../../escaped.txt", true);
            e.setSize(evil.length);
            out.putArchiveEntry(e);
            out.write(evil);
            out.closeArchiveEntry();
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(tar.toByteArray());
        }
        Path blobs = Files.createDirectories(dir.resolve("escape-blobs"));
        BlobStore store = new BlobStore(blobs);
        Descriptor gz = store.put(MediaTypes.OCI_LAYER_GZIP, gzipped.toByteArray());
        Descriptor config = store.put(RegistryBuildCache.CONFIG_MEDIA_TYPE, "{}".getBytes(StandardCharsets.UTF_8));
        RegistryClient client = RegistryClient.connect(registry.host(), access());
        String path = repository.substring(registry.host().length() + 1);
        client.uploadBlob(path, gz, gzipped.toByteArray());
        client.uploadBlob(path, config, "{}".getBytes(StandardCharsets.UTF_8));
        client.putManifest(path, RegistryBuildCache.tag("tool", key), MediaTypes.OCI_MANIFEST,
                Json.write(Manifest.of(config, List.of(gz), Map.of(RegistryBuildCache.KEY_ANNOTATION, key.hex()))));

        Machine m = machine(dir.resolve("e-one"), repository, false);
        assertTrue(m.cache().lookup("tool", key).isEmpty());
        assertEquals(1, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().get(0).contains("leaves the root filesystem"), m.warnings().get(0));
        assertFalse(Files.exists(dir.resolve("e-one/escaped.txt"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("escaped.txt"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("e-one/builds/escaped.txt"), LinkOption.NOFOLLOW_LINKS));
    }
}
