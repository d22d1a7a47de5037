package io.kimigayo.oci.pack;

import io.kimigayo.core.output.OutputSet;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kimigayo.oci.pack.TestImages.BASE_TAG;
import static io.kimigayo.oci.pack.TestImages.appTree;
import static io.kimigayo.oci.pack.TestImages.baseArchive;
import static io.kimigayo.oci.pack.TestImages.baseLayout;
import static io.kimigayo.oci.pack.TestImages.blob;
import static io.kimigayo.oci.pack.TestImages.config;
import static io.kimigayo.oci.pack.TestImages.digestFile;
import static io.kimigayo.oci.pack.TestImages.flipByte;
import static io.kimigayo.oci.pack.TestImages.manifest;
import static io.kimigayo.oci.pack.TestImages.names;
import static io.kimigayo.oci.pack.TestImages.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a base image through {@link ImagePacker}: reuse when it is sound, a clear failure and no debris when not. */
class BaseImageVerificationTest {

    private static final EnumSet<OutputFormat> ALL = EnumSet.allOf(OutputFormat.class);

    @TempDir
    Path work;

    private Path layout;
    private Manifest baseManifest;
    private Digest baseLayer;
    private Path appSrc;

    @BeforeEach
    void buildBase() throws IOException {
        TestImages.packBase(work);
        layout = baseLayout(work);
        baseManifest = manifest(layout, BASE_TAG);
        assertEquals(1, baseManifest.layers().size());
        baseLayer = baseManifest.layers().get(0).digest();
        appSrc = appTree(work.resolve("app-src"));
    }

    private PackRequest derived(String from, Path out) {
        return request(from, null, List.of(appSrc), "example/app:2.0", List.of(), ALL,
                new ContainerSettings(List.of("/app/run"), null, Map.of("APP", "1"), null, null, null, null, null),
                out);
    }

    private IOException packFails(String from, Path out) {
        return assertThrows(IOException.class, () -> new ImagePacker().pack(derived(from, out)));
    }

    /** After a failed pack into a fresh directory, nothing of it is left there. */
    private static void assertNoOutputs(Path out) throws IOException {
        assertTrue(Files.isDirectory(out));
        assertEquals(List.of(), names(out), "a failed pack leaves no output and no staging directory");
    }

    private static void assertNoStaging(Path out) throws IOException {
        assertTrue(names(out).stream().noneMatch(n -> n.startsWith(".staging-")), names(out).toString());
    }

    @Test
    void baseLayerIsReusedByteForByte() throws IOException {
        Path out = work.resolve("out");
        PackResult result = new ImagePacker().pack(derived("oci:" + layout + ":" + BASE_TAG, out));
        assertEquals(2, result.layerCount());
        assertEquals(1, result.addedLayers());

        Path newLayout = out.resolve("image");
        Manifest m = manifest(newLayout, "2.0");
        assertEquals(2, m.layers().size());
        assertEquals(baseManifest.layers().get(0), m.layers().get(0), "base layer descriptor is carried over as is");
        assertArrayEquals(Files.readAllBytes(blob(layout, baseLayer)), Files.readAllBytes(blob(newLayout, baseLayer)));

        ImageConfig baseConfig = config(layout, baseManifest);
        ImageConfig c = config(newLayout, m);
        assertEquals(2, c.rootfs().diffIds().size());
        assertEquals(baseConfig.rootfs().diffIds().get(0), c.rootfs().diffIds().get(0));
        assertEquals(List.of("PATH=/bin", "LANG=C", "APP=1").stream().sorted().toList(),
                c.config().env().stream().sorted().toList());
        assertEquals(List.of("/app/run"), c.config().entrypoint());
        assertTrue(c.config().cmd() == null || c.config().cmd().isEmpty(), "a new entrypoint drops the base's cmd");
        assertEquals(Map.of("8080/tcp", Map.of()), c.config().exposedPorts());
        assertEquals(2, c.history().size());
        assertEquals(result.manifestDigest() + "\n", digestFile(out));
        assertNoStaging(out);
    }

    @Test
    void untaggedFromReadsTheOnlyImageAndRelativePathsResolveAgainstTheBaseDirectory() throws IOException {
        Path out = work.resolve("out");
        // The base layout holds one image under two names (1.0 and stable): that is one image.
        PackRequest r = request("oci:base-out/image", work, List.of(appSrc), "example/app:2.0", List.of(), ALL,
                null, out);
        PackResult result = new ImagePacker().pack(r);
        assertEquals(2, result.layerCount());
        assertEquals(baseLayer, manifest(out.resolve("image"), "2.0").layers().get(0).digest());
    }

    @Test
    void corruptLayerBlobFailsNamingTheBlobAndLeavesNothing() throws IOException {
        flipByte(blob(layout, baseLayer));
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":" + BASE_TAG, out);
        CorruptBlobException corrupt = assertInstanceOf(CorruptBlobException.class, e);
        assertEquals(baseLayer, corrupt.expected());
        assertTrue(e.getMessage().contains(baseLayer.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("oci:" + layout + ":" + BASE_TAG), "names the base: " + e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertNoOutputs(out);
        assertFalse(Files.exists(out.resolve("image")));
        assertFalse(Files.exists(out.resolve("image.tar")));
        assertFalse(Files.exists(out.resolve("image.digest")));
    }

    @Test
    void corruptConfigBlobFailsNamingTheConfigBlob() throws IOException {
        flipByte(blob(layout, baseManifest.config().digest()));
        Path out = work.resolve("out");
        CorruptBlobException e = assertInstanceOf(CorruptBlobException.class,
                packFails("oci:" + layout + ":" + BASE_TAG, out));
        assertEquals(baseManifest.config().digest(), e.expected());
        assertTrue(e.getMessage().contains(baseManifest.config().digest().toString()), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void previousOutputsSurviveALaterFailedPack() throws IOException {
        Path out = work.resolve("out");
        PackResult first = new ImagePacker().pack(derived("oci:" + layout + ":" + BASE_TAG, out));
        String digestBefore = digestFile(out);
        byte[] tarBefore = Files.readAllBytes(out.resolve("image.tar"));
        byte[] ociTarBefore = Files.readAllBytes(out.resolve("image.oci.tar"));
        List<String> namesBefore = names(out);
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image", "image.digest", "image.oci.tar", "image.tar"), namesBefore);

        flipByte(blob(layout, baseLayer));
        assertInstanceOf(CorruptBlobException.class, packFails("oci:" + layout + ":" + BASE_TAG, out));

        assertEquals(namesBefore, names(out));
        assertEquals(digestBefore, digestFile(out));
        assertEquals(first.manifestDigest() + "\n", digestFile(out));
        assertArrayEquals(tarBefore, Files.readAllBytes(out.resolve("image.tar")));
        assertArrayEquals(ociTarBefore, Files.readAllBytes(out.resolve("image.oci.tar")));
        assertEquals(2, manifest(out.resolve("image"), "2.0").layers().size());
    }

    @Test
    void wrongTagListsTheAvailableNames() throws IOException {
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":nope", out);
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("[1.0, stable]"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void diffIdThatDoesNotMatchTheLayerFailsNamingTheLayer() throws IOException {
        Digest bogus = Digest.of("not the layer".getBytes(StandardCharsets.UTF_8));
        TestImages.rewrite(layout, c -> new ImageConfig(c.created(), c.author(), c.architecture(), c.os(),
                c.variant(), c.config(), new ImageConfig.RootFs("layers", List.of(bogus)), c.history()), m -> m);
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":" + BASE_TAG, out);
        assertFalse(e instanceof CorruptBlobException, "the blob itself is intact");
        assertTrue(e.getMessage().contains("layer blob " + baseLayer), e.getMessage());
        assertTrue(e.getMessage().contains("diff_id is " + bogus), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void diffIdCountThatDoesNotMatchTheLayersIsRejected() throws IOException {
        TestImages.rewrite(layout, c -> new ImageConfig(c.created(), c.author(), c.architecture(), c.os(),
                c.variant(), c.config(), new ImageConfig.RootFs("layers", List.of()), c.history()), m -> m);
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":" + BASE_TAG, out);
        assertTrue(e.getMessage().contains("1 layers but the config has 0 diff_ids"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void layerDescriptorWithWrongSizeIsCorrupt() throws IOException {
        TestImages.rewrite(layout, c -> c, m -> new Manifest(m.schemaVersion(), m.mediaType(), m.config(),
                List.of(new Descriptor(m.layers().get(0).mediaType(), baseLayer, m.layers().get(0).size() + 1)),
                m.annotations()));
        Path out = work.resolve("out");
        CorruptBlobException e = assertInstanceOf(CorruptBlobException.class,
                packFails("oci:" + layout + ":" + BASE_TAG, out));
        assertTrue(e.getMessage().contains(baseLayer.toString()), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void missingLayerBlobIsNamed() throws IOException {
        Files.delete(blob(layout, baseLayer));
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":" + BASE_TAG, out);
        assertTrue(e.getMessage().contains(baseLayer.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void missingConfigBlobIsNamed() throws IOException {
        Files.delete(blob(layout, baseManifest.config().digest()));
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":" + BASE_TAG, out);
        assertTrue(e.getMessage().contains(baseManifest.config().digest().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void missingManifestBlobIsNamed() throws IOException {
        Digest manifestDigest = TestImages.index(layout).manifests().get(0).digest();
        Files.delete(blob(layout, manifestDigest));
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + layout + ":" + BASE_TAG, out);
        assertTrue(e.getMessage().contains(manifestDigest.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void directoryThatIsNoLayoutIsRejected() throws IOException {
        Path notALayout = Files.createDirectories(work.resolve("plain"));
        Path out = work.resolve("out");
        IOException e = packFails("oci:" + notALayout, out);
        assertTrue(e.getMessage().contains("is not an OCI image layout"), e.getMessage());
        assertTrue(e.getMessage().contains(notALayout.toString()), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void baseOfAnotherPlatformIsRejected() throws IOException {
        Path out = work.resolve("out");
        PackRequest arm = PackRequest.builder(ImageReference.parse("example/app:2.0"), Platform.parse("linux/arm64"),
                        TestImages.TIME, out)
                .from("oci:" + layout + ":" + BASE_TAG)
                .layers(List.of(io.kimigayo.rootfs.tree.DirectoryImport.of(appSrc, "/")))
                .formats(ALL)
                .build();
        IOException e = assertThrows(IOException.class, () -> new ImagePacker().pack(arm));
        assertTrue(e.getMessage().contains("linux/amd64"), e.getMessage());
        assertTrue(e.getMessage().contains("linux/arm64/v8"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void ociArchiveOutputReadsBackAsBase() throws IOException {
        Path archive = baseArchive(work);
        assertTrue(Files.isRegularFile(archive));
        Path out = work.resolve("out");
        PackResult result = new ImagePacker().pack(derived("oci-archive:" + archive + ":" + BASE_TAG, out));
        assertEquals(2, result.layerCount());
        Path newLayout = out.resolve("image");
        Manifest m = manifest(newLayout, "2.0");
        assertEquals(baseManifest.layers().get(0), m.layers().get(0));
        assertArrayEquals(Files.readAllBytes(blob(layout, baseLayer)), Files.readAllBytes(blob(newLayout, baseLayer)));
        assertEquals(List.of(OutputSet.OUTPUT_LOCK, "image", "image.digest", "image.oci.tar", "image.tar"), names(out),
                "the unpacked base is not left behind");
    }

    @Test
    void ociArchiveBaseAndLayoutBaseGiveTheSameImage() throws IOException {
        PackResult fromLayout = new ImagePacker().pack(derived("oci:" + layout + ":" + BASE_TAG,
                work.resolve("a")));
        PackResult fromArchive = new ImagePacker().pack(derived("oci-archive:" + baseArchive(work) + ":" + BASE_TAG,
                work.resolve("b")));
        assertEquals(fromLayout.manifestDigest(), fromArchive.manifestDigest());
    }

    @Test
    void archiveEntryClimbingOutIsRejected() throws IOException {
        Path evil = work.resolve("evil.tar");
        writeTar(evil, List.of(file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"), file("../escaped", "x")));
        Path out = work.resolve("out");
        IOException e = packFails("oci-archive:" + evil, out);
        assertTrue(e.getMessage().contains("unsafe entry"), e.getMessage());
        assertTrue(e.getMessage().contains("../escaped"), e.getMessage());
        assertNoOutputs(out);
        try (Stream<Path> all = Files.walk(work)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("escaped")), "nothing was extracted");
        }
    }

    @Test
    void archiveEntryClimbingOutFromASubdirectoryIsRejected() throws IOException {
        Path evil = work.resolve("evil.tar");
        writeTar(evil, List.of(file("blobs/../../../escaped", "x")));
        IOException e = packFails("oci-archive:" + evil, work.resolve("out"));
        assertTrue(e.getMessage().contains("unsafe entry"), e.getMessage());
        try (Stream<Path> all = Files.walk(work)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("escaped")), "nothing was extracted");
        }
    }

    @ParameterizedTest
    @ValueSource(bytes = {TarConstants.LF_SYMLINK, TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_BLK,
            TarConstants.LF_FIFO})
    void archiveLinkOrSpecialEntryIsRejected(byte type) throws IOException {
        Path evil = work.resolve("special.tar");
        TarArchiveEntry special = new TarArchiveEntry("index.json", type);
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
            special.setLinkName(type == TarConstants.LF_LINK ? "oci-layout" : "/etc/passwd");
        }
        writeTar(evil, List.of(file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"), new Entry(special, null)));
        Path out = work.resolve("out");
        IOException e = packFails("oci-archive:" + evil, out);
        assertTrue(e.getMessage().contains("archive entry index.json is a link or special file"), e.getMessage());
        assertNoOutputs(out);
    }

    @Test
    void missingArchiveIsNamed() {
        Path missing = work.resolve("no-such.tar");
        IOException e = packFails("oci-archive:" + missing, work.resolve("out"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void corruptLayerInsideAnArchiveIsCaught() throws IOException {
        Path out = work.resolve("out");
        // Repack the layout, damaged, as an archive.
        flipByte(blob(layout, baseLayer));
        Path archive = work.resolve("damaged.oci.tar");
        new io.kimigayo.oci.layout.OciArchiveWriter().write(layout, TestImages.TIME.instant(), archive);
        CorruptBlobException e = assertInstanceOf(CorruptBlobException.class,
                packFails("oci-archive:" + archive + ":" + BASE_TAG, out));
        assertEquals(baseLayer, e.expected());
        assertNoOutputs(out);
    }

    @Test
    void scratchHasNoBaseLayers() throws IOException {
        PackResult result = new ImagePacker().pack(derived("scratch", work.resolve("out")));
        assertEquals(1, result.layerCount());
        ImageConfig c = config(work.resolve("out/image"), manifest(work.resolve("out/image"), "2.0"));
        assertEquals(1, c.rootfs().diffIds().size());
        assertEquals(List.of("APP=1"), c.config().env());
    }

    private record Entry(TarArchiveEntry entry, byte[] content) {
    }

    private static Entry file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(bytes.length);
        return new Entry(e, bytes);
    }

    private static void writeTar(Path file, List<Entry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Entry e : entries) {
                tar.putArchiveEntry(e.entry());
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
    }
}
