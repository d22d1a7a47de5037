package io.kimigayo.oci.pack;

import io.kimigayo.core.output.OutputSet;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.testing.ExternalTool;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static io.kimigayo.oci.pack.TestImages.blob;
import static io.kimigayo.oci.pack.TestImages.config;
import static io.kimigayo.oci.pack.TestImages.digestFile;
import static io.kimigayo.oci.pack.TestImages.index;
import static io.kimigayo.oci.pack.TestImages.manifest;
import static io.kimigayo.oci.pack.TestImages.names;
import static io.kimigayo.oci.pack.TestImages.request;
import static io.kimigayo.oci.pack.TestImages.sourceTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePackerTest {

    private static final EnumSet<OutputFormat> ALL = EnumSet.allOf(OutputFormat.class);

    @TempDir
    Path work;

    private static PackRequest simple(Path src, EnumSet<OutputFormat> formats, Path out) {
        return request("scratch", null, List.of(src), "example/hello:1.0", List.of("latest"), formats,
                TestImages.baseSettings(), out);
    }

    @Test
    void samePackTwiceGivesIdenticalOutputs() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        PackResult a = new ImagePacker().pack(simple(src, ALL, work.resolve("one")));
        PackResult b = new ImagePacker().pack(simple(src, ALL, work.resolve("two/nested")));

        assertEquals(a.manifestDigest(), b.manifestDigest());
        assertEquals(digestFile(work.resolve("one")), digestFile(work.resolve("two/nested")));
        assertEquals(a.manifestDigest() + "\n", digestFile(work.resolve("one")));
        assertArrayEquals(Files.readAllBytes(work.resolve("one/image.tar")),
                Files.readAllBytes(work.resolve("two/nested/image.tar")));
        assertArrayEquals(Files.readAllBytes(work.resolve("one/image.oci.tar")),
                Files.readAllBytes(work.resolve("two/nested/image.oci.tar")));
        assertArrayEquals(Files.readAllBytes(work.resolve("one/image/index.json")),
                Files.readAllBytes(work.resolve("two/nested/image/index.json")));
        assertEquals(names(work.resolve("one/image/blobs/sha256")), names(work.resolve("two/nested/image/blobs/sha256")));
    }

    @Test
    void checkoutDetailsDoNotChangeTheImage() throws IOException {
        Path first = sourceTree(work.resolve("checkout-1"));
        Path second = sourceTree(work.resolve("elsewhere/checkout-2"));
        // Another time stamp and other group/other bits on every file of the second checkout.
        try (Stream<Path> files = Files.walk(second)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
                if (Files.isRegularFile(p) && !p.endsWith("hello")) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        PackResult a = new ImagePacker().pack(simple(first, ALL, work.resolve("a")));
        PackResult b = new ImagePacker().pack(simple(second, ALL, work.resolve("b")));
        assertEquals(a.manifestDigest(), b.manifestDigest());
        assertArrayEquals(Files.readAllBytes(work.resolve("a/image.tar")), Files.readAllBytes(work.resolve("b/image.tar")));
    }

    @Test
    void timestampIsTheOnlyTimeInTheImage() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        PackResult a = new ImagePacker().pack(simple(src, ALL, work.resolve("a")));
        Path layout = work.resolve("a/image");
        Manifest m = manifest(layout, "1.0");
        ImageConfig c = config(layout, m);
        assertEquals("2026-01-01T00:00:00Z", c.created());
        assertTrue(c.history().stream().allMatch(h -> "2026-01-01T00:00:00Z".equals(h.created())));
        for (TarArchiveEntry e : layerEntries(blob(layout, m.layers().get(0).digest()))) {
            assertEquals(TestImages.TIME.instant(), e.getLastModifiedTime().toInstant(), e.getName());
        }
        for (TarArchiveEntry e : tarEntries(work.resolve("a/image.oci.tar"))) {
            assertEquals(TestImages.TIME.instant(), e.getLastModifiedTime().toInstant(), e.getName());
        }

        PackRequest later = PackRequest.builder(ImageReference.parse("example/hello:1.0"), TestImages.AMD64,
                        new BuildTimestamp(Instant.parse("2026-01-01T00:00:01Z"),
                                BuildTimestamp.Source.SOURCE_DATE_EPOCH), work.resolve("b"))
                .layers(List.of(DirectoryImport.of(src, "/")))
                .settings(TestImages.baseSettings())
                .extraTags(List.of("latest"))
                .formats(ALL)
                .build();
        assertNotEquals(a.manifestDigest(), new ImagePacker().pack(later).manifestDigest());
    }

    @Test
    void emptyLayerDirectoryAddsNoLayer() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path empty = Files.createDirectories(work.resolve("empty"));
        PackResult withEmpty = new ImagePacker().pack(request("scratch", null, List.of(empty, src, empty),
                "example/hello:1.0", List.of("latest"), ALL, TestImages.baseSettings(), work.resolve("a")));
        assertEquals(1, withEmpty.layerCount());
        assertEquals(1, withEmpty.addedLayers());
        PackResult without = new ImagePacker().pack(simple(src, ALL, work.resolve("b")));
        assertEquals(without.manifestDigest(), withEmpty.manifestDigest(), "an empty layer leaves no trace");
    }

    @Test
    void imageWithOnlyAnEmptyLayerHasNoLayers() throws IOException {
        Path empty = Files.createDirectories(work.resolve("empty"));
        PackResult r = new ImagePacker().pack(request("scratch", null, List.of(empty), "example/hello:1.0",
                List.of(), EnumSet.of(OutputFormat.OCI_LAYOUT), null, work.resolve("out")));
        assertEquals(0, r.layerCount());
        assertEquals(0, r.addedLayers());
        assertEquals(0, r.compressedSize());
        assertEquals(0, r.uncompressedSize());
        Path layout = work.resolve("out/image");
        Manifest m = manifest(layout, "1.0");
        assertEquals(List.of(), m.layers());
        String manifestJson = Files.readString(blob(layout, index(layout).manifests().get(0).digest()));
        assertTrue(manifestJson.contains("\"layers\":[]"), manifestJson);
        String configJson = Files.readString(blob(layout, m.config().digest()));
        assertTrue(configJson.contains("\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}"), configJson);
        assertFalse(configJson.contains("history"), configJson);
        // Only the config and the manifest are in the store.
        assertEquals(2, names(layout.resolve("blobs/sha256")).size());
    }

    @Test
    void formatsWriteOnlyWhatIsRequestedAndRemoveTheRest() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path out = work.resolve("out");
        PackResult first = new ImagePacker().pack(simple(src, EnumSet.of(OutputFormat.OCI_LAYOUT,
                OutputFormat.DOCKER_ARCHIVE), out));
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image", "image.digest", "image.tar"), names(out));
        assertEquals(List.of(out.resolve("image"), out.resolve("image.tar"), out.resolve("image.digest")),
                first.outputs());

        PackResult second = new ImagePacker().pack(simple(src, EnumSet.of(OutputFormat.OCI_ARCHIVE), out));
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image.digest", "image.oci.tar"), names(out));
        assertEquals(List.of(out.resolve("image.oci.tar"), out.resolve("image.digest")), second.outputs());
        assertEquals(first.manifestDigest(), second.manifestDigest());

        new ImagePacker().pack(simple(src, EnumSet.of(OutputFormat.DOCKER_ARCHIVE), out));
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image.digest", "image.tar"), names(out));
    }

    @Test
    void defaultFormatsAreTheLayoutAndTheDockerArchive() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path out = work.resolve("out");
        new ImagePacker().pack(simple(src, null, out));
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image", "image.digest", "image.tar"), names(out));
    }

    @Test
    void unrelatedFilesInTheOutputDirectoryAreKept() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        new ImagePacker().pack(simple(src, EnumSet.of(OutputFormat.OCI_ARCHIVE), out));
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image.digest", "image.oci.tar", "notes.txt"), names(out));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void indexNamesTheImageOncePerTag() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        PackResult r = new ImagePacker().pack(request("scratch", null, List.of(src), "example/hello:1.0",
                List.of("latest", "1.0", "stable"), ALL, null, work.resolve("out")));
        assertEquals(List.of("1.0", "latest", "stable"), r.tags());
        Path layout = work.resolve("out/image");
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(layout.resolve("oci-layout")));
        Index index = index(layout);
        assertEquals(2, index.schemaVersion());
        assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
        assertEquals(3, index.manifests().size());
        List<String> refNames = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            assertEquals(MediaTypes.OCI_MANIFEST, d.mediaType());
            assertEquals(r.manifestDigest(), d.digest());
            assertEquals(Files.size(blob(layout, d.digest())), d.size());
            assertEquals(TestImages.AMD64, d.platform());
            String tag = d.annotations().get(Index.REF_NAME);
            refNames.add(tag);
            assertEquals("example/hello:" + tag, d.annotations().get("io.containerd.image.name"));
        }
        assertEquals(List.of("1.0", "latest", "stable"), refNames);
        String json = Files.readString(layout.resolve("index.json"));
        assertTrue(json.contains("\"org.opencontainers.image.ref.name\":\"stable\""), json);
    }

    @Test
    void invalidExtraTagIsRejectedBeforeAnythingIsWritten() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path out = work.resolve("out");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImagePacker().pack(
                request("scratch", null, List.of(src), "example/hello:1.0", List.of("-bad"), ALL, null, out)));
        assertTrue(e.getMessage().contains("'-bad'"), e.getMessage());
        assertFalse(Files.exists(out), "nothing was created");
    }

    @Test
    void layoutBlobsAreNamedByTheirDigestAndNoTemporaryFileIsLeft() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path out = work.resolve("out");
        new ImagePacker().pack(simple(src, ALL, out));
        Path blobs = out.resolve("image/blobs/sha256");
        List<String> names = names(blobs);
        assertEquals(3, names.size(), "config, manifest and one layer: " + names);
        for (String name : names) {
            assertEquals(name, Digest.of(Files.readAllBytes(blobs.resolve(name))).hex());
        }
        try (Stream<Path> all = Files.walk(out)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals(OutputSet.OUTPUT_LOCK)), "no hidden leftovers");
        }
        List<String> archived = tarEntries(out.resolve("image.oci.tar")).stream().map(TarArchiveEntry::getName)
                .toList();
        List<String> expected = new ArrayList<>(List.of("blobs/", "blobs/sha256/"));
        names.forEach(n -> expected.add("blobs/sha256/" + n));
        expected.add("index.json");
        expected.add("oci-layout");
        assertEquals(expected, archived);
    }

    @Test
    void layerHoldsTheTreeWithNormalisedModesAndOwners() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        PackResult r = new ImagePacker().pack(simple(src, ALL, work.resolve("out")));
        Path layout = work.resolve("out/image");
        Manifest m = manifest(layout, "1.0");
        assertEquals(MediaTypes.OCI_LAYER_GZIP, m.layers().get(0).mediaType());
        Map<String, Integer> modes = new TreeMap<>();
        for (TarArchiveEntry e : layerEntries(blob(layout, m.layers().get(0).digest()))) {
            modes.put(e.getName(), e.getMode() & 07777);
            assertEquals(0, e.getLongUserId());
            assertEquals(0, e.getLongGroupId());
        }
        assertEquals(Map.of("bin/", 0755, "bin/hello", 0755, "etc/", 0755, "etc/app/", 0755,
                "etc/app/config.txt", 0644, "etc/motd", 0644), modes);
        assertEquals(Files.size(blob(layout, m.layers().get(0).digest())), r.compressedSize());
        assertEquals(gunzip(blob(layout, m.layers().get(0).digest())).length, r.uncompressedSize());
    }

    @Test
    void configCarriesTheSettingsAndTheDiffIds() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        new ImagePacker().pack(simple(src, ALL, work.resolve("out")));
        Path layout = work.resolve("out/image");
        Manifest m = manifest(layout, "1.0");
        assertEquals(MediaTypes.OCI_CONFIG, m.config().mediaType());
        ImageConfig c = config(layout, m);
        assertEquals("amd64", c.architecture());
        assertEquals("linux", c.os());
        assertEquals(List.of("/bin/hello"), c.config().entrypoint());
        assertEquals(List.of("--greet"), c.config().cmd());
        assertEquals(List.of("LANG=C", "PATH=/bin"), c.config().env());
        assertEquals(Map.of("8080/tcp", Map.of()), c.config().exposedPorts());
        assertEquals(Map.of("org.example.base", "yes"), c.config().labels());
        assertEquals(List.of(Digest.of(gunzip(blob(layout, m.layers().get(0).digest())))), c.rootfs().diffIds());
        assertEquals(List.of("kimigayo pack-oci: layer at /"),
                c.history().stream().map(ImageConfig.History::createdBy).toList());
    }

    @Test
    void manifestAnnotationsComeFromTheSettings() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        ContainerSettings settings = new ContainerSettings(null, null, null, null, null, null, null,
                Map.of("org.opencontainers.image.title", "hello", "org.opencontainers.image.authors", "kimigayo"));
        new ImagePacker().pack(request("scratch", null, List.of(src), "example/hello:1.0", List.of(), ALL, settings,
                work.resolve("out")));
        Path layout = work.resolve("out/image");
        Descriptor d = index(layout).manifests().get(0);
        String json = Files.readString(blob(layout, d.digest()));
        assertTrue(json.endsWith(",\"annotations\":{\"org.opencontainers.image.authors\":\"kimigayo\","
                + "\"org.opencontainers.image.title\":\"hello\"}}"), json);
    }

    @Test
    void dockerArchiveHoldsConfigManifestAndTheLayerBlobs() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        new ImagePacker().pack(simple(src, ALL, work.resolve("out")));
        Path layout = work.resolve("out/image");
        Manifest m = manifest(layout, "1.0");
        byte[] configBytes = Files.readAllBytes(blob(layout, m.config().digest()));
        Digest diffId = config(layout, m).rootfs().diffIds().get(0);

        Map<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(work.resolve("out/image.tar")))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        String configName = m.config().digest().hex() + ".json";
        Digest blobDigest = m.layers().get(0).digest();
        String layerName = blobDigest.hex() + ".tar.gz";
        assertEquals(new java.util.TreeSet<>(List.of(configName, layerName, "manifest.json", "repositories")),
                files.keySet());
        assertArrayEquals(configBytes, files.get(configName));
        assertArrayEquals(Files.readAllBytes(blob(layout, blobDigest)), files.get(layerName), "the layout's blob");
        assertEquals(diffId, Digest.of(new GZIPInputStream(new ByteArrayInputStream(files.get(layerName)))
                .readAllBytes()), "decompressed, the layer's diff ID");
        // The one mapper sorts map keys, so Layers comes before RepoTags; docker load does not mind.
        assertEquals("[{\"Config\":\"" + configName + "\",\"Layers\":[\"" + layerName + "\"],"
                + "\"RepoTags\":[\"example/hello:1.0\",\"example/hello:latest\"]}]",
                new String(files.get("manifest.json"), StandardCharsets.UTF_8));
        assertEquals("{\"example/hello\":{\"1.0\":\"" + diffId.hex() + "\",\"latest\":\"" + diffId.hex() + "\"}}",
                new String(files.get("repositories"), StandardCharsets.UTF_8));
    }

    @Test
    void dockerArchiveOfADerivedImageHoldsTheBaseLayerToo() throws IOException {
        TestImages.packBase(work);
        Path app = TestImages.appTree(work.resolve("app"));
        Path out = work.resolve("out");
        new ImagePacker().pack(request("oci:" + TestImages.baseLayout(work), null, List.of(app), "example/app:1",
                List.of(), EnumSet.of(OutputFormat.DOCKER_ARCHIVE, OutputFormat.OCI_LAYOUT), null, out));
        Manifest m = manifest(out.resolve("image"), "1");
        List<Digest> diffIds = config(out.resolve("image"), m).rootfs().diffIds();
        assertEquals(2, diffIds.size());
        Map<String, Digest> layers = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(out.resolve("image.tar")))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().endsWith(".tar.gz")) {
                    byte[] bytes = tar.readAllBytes();
                    assertEquals(bytes.length, e.getSize());
                    layers.put(e.getName(), Digest.of(new GZIPInputStream(new ByteArrayInputStream(bytes))
                            .readAllBytes()));
                }
            }
        }
        assertEquals(2, layers.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(diffIds.get(i), layers.get(m.layers().get(i).digest().hex() + ".tar.gz"));
        }
    }

    @Test
    void packResultDescribesTheImage() throws IOException {
        Path src = sourceTree(work.resolve("src"));
        Path out = work.resolve("out");
        PackResult r = new ImagePacker().pack(simple(src, ALL, out));
        assertEquals(1, r.layerCount());
        assertEquals(1, r.addedLayers());
        assertEquals(List.of("1.0", "latest"), r.tags());
        assertEquals(List.of(out.resolve("image"), out.resolve("image.oci.tar"), out.resolve("image.tar"),
                out.resolve("image.digest")), r.outputs());
        assertEquals(Digest.parse(digestFile(out).trim()), r.manifestDigest());
        assertEquals(r.manifestDigest(), Digest.of(Files.readAllBytes(blob(out.resolve("image"), r.manifestDigest()))));
        assertEquals(1, Json.read(Files.readAllBytes(blob(out.resolve("image"), r.manifestDigest())),
                Manifest.class).layers().size());
    }

    private static byte[] gunzip(Path blob) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
            return in.readAllBytes();
        }
    }

    private static List<TarArchiveEntry> layerEntries(Path blob) throws IOException {
        return entries(new ByteArrayInputStream(gunzip(blob)));
    }

    private static List<TarArchiveEntry> tarEntries(Path tar) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            return entries(in);
        }
    }

    private static List<TarArchiveEntry> entries(InputStream in) throws IOException {
        List<TarArchiveEntry> result = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                result.add(e);
            }
        }
        return result;
    }

    @Test
    void outputsLeftHalfSwitchedByAKilledBuildAreCompletedByTheNextReader() throws IOException {
        Path out = work.resolve("out");
        PackResult old = new ImagePacker().pack(simple(sourceTree(work.resolve("src")), ALL, out));
        Path src = sourceTree(work.resolve("src-2"));
        Files.writeString(src.resolve("etc/motd"), "a newer build\n");
        Path other = work.resolve("other");
        PackResult fresh = new ImagePacker().pack(simple(src, ALL, other));
        assertNotEquals(old.manifestDigest(), fresh.manifestDigest());
        byte[] freshTar = Files.readAllBytes(other.resolve("image.tar"));

        // the state a build killed after its first rename leaves: journal written, old image/ moved aside, the rest
        // of the new outputs still in its staging directory
        Path staging = Files.createDirectories(out.resolve(".staging-killed/.previous"));
        StringBuilder journal = new StringBuilder("staging .staging-killed\n");
        for (Path output : fresh.outputs()) {
            Files.move(output, staging.getParent().resolve(output.getFileName()));
            journal.append("install ").append(output.getFileName()).append('\n');
        }
        Files.move(out.resolve("image"), staging.resolve("image"));
        Files.writeString(out.resolve(".commit"), journal);

        OciLayout layout = OciLayout.open(out.resolve("image"), "the next goal");
        assertEquals(fresh.manifestDigest(), layout.index().manifests().get(0).digest());
        assertEquals(fresh.manifestDigest().toString(), digestFile(out).trim());
        assertArrayEquals(freshTar, Files.readAllBytes(out.resolve("image.tar")));
        assertEquals(fresh.outputs().stream().map(o -> o.getFileName().toString()).sorted().toList(),
                names(out).stream().filter(n -> !n.startsWith(".")).toList(), "no old output remains beside them");
        String inspected = ExternalTool.require("skopeo", "skopeo").run(Map.of(), "inspect", "--format",
                "{{.Digest}}", "oci:" + out.resolve("image") + ":1.0").requireSuccess().stdout().trim();
        assertEquals(fresh.manifestDigest().toString(), inspected, "skopeo reads the completed layout");
    }
}
