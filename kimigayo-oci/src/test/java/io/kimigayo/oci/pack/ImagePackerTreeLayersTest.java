package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.FileTree;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static io.kimigayo.oci.pack.TestImages.appTree;
import static io.kimigayo.oci.pack.TestImages.baseLayout;
import static io.kimigayo.oci.pack.TestImages.blob;
import static io.kimigayo.oci.pack.TestImages.config;
import static io.kimigayo.oci.pack.TestImages.digestFile;
import static io.kimigayo.oci.pack.TestImages.flipByte;
import static io.kimigayo.oci.pack.TestImages.manifest;
import static io.kimigayo.oci.pack.TestImages.packBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link ImagePacker} with layers given as trees ({@link PackRequest#treeLayers()}) and a layer cache. */
class ImagePackerTreeLayersTest {

    private static final String RUNTIME = "kimigayo build: java runtime 17.0.15 java.base";
    private static final String DEPENDENCIES = "kimigayo build: dependencies";

    @TempDir
    Path work;

    private final AtomicInteger runtimeReads = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        packBase(work);
    }

    private FileTree runtimeTree() {
        byte[] modules = "modules image ".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        return new FileTree()
                .addFile("/opt/java/bin/java", counted("#!/bin/sh\necho java\n".getBytes(StandardCharsets.UTF_8)),
                        0755, 0, 0)
                .addFile("/opt/java/lib/modules", counted(modules), 0644, 0, 0);
    }

    private Content counted(byte[] bytes) {
        return new Content() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                runtimeReads.incrementAndGet();
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static FileTree dependencyTree() {
        return new FileTree().addFile("/app/libs/slf4j-api-2.0.16.jar",
                Content.of("jar".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
    }

    private PackRequest request(Path out, Path layerCache) throws IOException {
        Path app = appTree(work.resolve("app-src"));
        List<TreeLayer> treeLayers = List.of(
                new TreeLayer(runtimeTree(), RUNTIME, "runtime-key"),
                new TreeLayer(new FileTree(), "kimigayo build: snapshot dependencies", null),
                new TreeLayer(dependencyTree(), DEPENDENCIES, null));
        return PackRequest.builder(ImageReference.parse("example/app:1.0"), TestImages.AMD64, TestImages.TIME, out)
                .from("oci:" + baseLayout(work) + ":" + TestImages.BASE_TAG)
                .layers(List.of(DirectoryImport.of(app, "/")))
                .settings(TestImages.baseSettings())
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT, OutputFormat.DOCKER_ARCHIVE))
                .treeLayers(treeLayers)
                .layerCache(layerCache)
                .build();
    }

    private static byte[] gunzip(Path blob) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
            return in.readAllBytes();
        }
    }

    private static List<String> layerNames(Path blob) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(gunzip(blob)))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (!e.isDirectory()) {
                    names.add(e.getName());
                }
            }
        }
        return names;
    }

    /** umoci checks the digest, size and diff ID of every blob as it unpacks; returns the unpacked rootfs. */
    private Path umociUnpack(Path layout, String tag, String bundleName) throws IOException, InterruptedException {
        Path bundle = work.resolve(bundleName);
        Process p = new ProcessBuilder("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("umoci unpack did not finish");
        }
        assertEquals(0, p.exitValue(), "umoci unpack: " + output);
        return bundle.resolve("rootfs");
    }

    @Test
    void treeLayersComeAfterTheBaseAndBeforeTheDirectoryLayers() throws Exception {
        Path out = work.resolve("out");
        PackResult result = new ImagePacker().pack(request(out, work.resolve("cache")));

        Path layout = out.resolve("image");
        Manifest base = manifest(baseLayout(work), TestImages.BASE_TAG);
        ImageConfig baseConfig = config(baseLayout(work), base);
        Manifest m = manifest(layout, "1.0");
        assertEquals(4, m.layers().size(), "base, runtime, dependencies, app; the empty tree gives no layer");
        assertEquals(4, result.layerCount());
        assertEquals(3, result.addedLayers());
        assertEquals(base.layers().get(0), m.layers().get(0));
        assertEquals(List.of("opt/java/bin/java", "opt/java/lib/modules"),
                layerNames(blob(layout, m.layers().get(1).digest())));
        assertEquals(List.of("app/libs/slf4j-api-2.0.16.jar"), layerNames(blob(layout, m.layers().get(2).digest())));
        assertEquals(List.of("app/app.txt"), layerNames(blob(layout, m.layers().get(3).digest())));

        ImageConfig c = config(layout, m);
        List<String> history = c.history().stream().map(ImageConfig.History::createdBy).toList();
        List<String> expected = new ArrayList<>(baseConfig.history().stream()
                .map(ImageConfig.History::createdBy).toList());
        expected.addAll(List.of(RUNTIME, DEPENDENCIES, "kimigayo pack-oci: layer at /"));
        assertEquals(expected, history);
        List<Digest> diffIds = new ArrayList<>();
        for (var layer : m.layers()) {
            diffIds.add(Digest.of(gunzip(blob(layout, layer.digest()))));
        }
        assertEquals(diffIds, c.rootfs().diffIds());

        Path rootfs = umociUnpack(layout, "1.0", "bundle");
        assertEquals("#!/bin/sh\necho java\n", Files.readString(rootfs.resolve("opt/java/bin/java")));
        assertEquals("jar", Files.readString(rootfs.resolve("app/libs/slf4j-api-2.0.16.jar")));
        assertEquals("application\n", Files.readString(rootfs.resolve("app/app.txt")));
        assertEquals("Welcome to Kimigayo OS\n", Files.readString(rootfs.resolve("etc/motd")), "the base is there");
    }

    @Test
    void packingAgainReusesTheCachedLayerAndGivesTheSameImage() throws Exception {
        Path cache = work.resolve("cache");
        new ImagePacker().pack(request(work.resolve("out1"), cache));
        int reads = runtimeReads.get();
        assertTrue(reads > 0);

        new ImagePacker().pack(request(work.resolve("out2"), cache));

        assertEquals(reads, runtimeReads.get(), "the runtime layer was copied from the cache, not written again");
        assertEquals(digestFile(work.resolve("out1")), digestFile(work.resolve("out2")));
        umociUnpack(work.resolve("out2/image"), "1.0", "bundle");
    }

    @Test
    void theCacheDoesNotChangeTheImage() throws Exception {
        new ImagePacker().pack(request(work.resolve("cached"), work.resolve("cache")));
        new ImagePacker().pack(request(work.resolve("uncached"), null));
        assertEquals(digestFile(work.resolve("cached")), digestFile(work.resolve("uncached")));
        assertTrue(Files.notExists(work.resolve("uncached/cache")));
    }

    @Test
    void aDamagedCacheEntryStillGivesACorrectImage() throws Exception {
        Path cache = work.resolve("cache");
        new ImagePacker().pack(request(work.resolve("out1"), cache));
        Path cached;
        try (Stream<Path> s = Files.list(cache)) {
            cached = s.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        flipByte(cached);
        int reads = runtimeReads.get();

        new ImagePacker().pack(request(work.resolve("out2"), cache));

        assertTrue(runtimeReads.get() > reads, "the damaged entry was not used");
        assertEquals(digestFile(work.resolve("out1")), digestFile(work.resolve("out2")));
        Path rootfs = umociUnpack(work.resolve("out2/image"), "1.0", "bundle");
        assertEquals("modules image ".repeat(20_000), Files.readString(rootfs.resolve("opt/java/lib/modules")));
    }
}
