package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.testing.ExternalTool;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.kimigayo.oci.pack.TestImages.blob;
import static io.kimigayo.oci.pack.TestImages.digestFile;
import static io.kimigayo.oci.pack.TestImages.index;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pack-oci for several platforms: one image per platform, one image index over them. */
class MultiPlatformPackTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final EnumSet<OutputFormat> ALL = EnumSet.allOf(OutputFormat.class);

    @TempDir
    Path work;

    private static PackRequest request(String from, Path src, Path out, List<Platform> platforms) {
        return PackRequest.builder(ImageReference.parse("kimigayo/os:1.0"), platforms.get(0), TestImages.TIME, out)
                .platforms(platforms)
                .from(from)
                .baseDirectory(out.getParent())
                .layers(src == null ? List.of() : List.of(DirectoryImport.of(src, "/")))
                .extraTags(List.of("latest"))
                .formats(ALL)
                .build();
    }

    private static Index imageIndex(Path layout, Descriptor entry) throws IOException {
        return Json.read(Files.readAllBytes(blob(layout, entry.digest())), Index.class);
    }

    private static Manifest manifestOf(Path layout, Descriptor d) throws IOException {
        return Json.read(Files.readAllBytes(blob(layout, d.digest())), Manifest.class);
    }

    @Test
    void twoPlatformsGiveOneIndexOfTwoManifestsNamedByEveryTag() throws IOException {
        Path src = TestImages.sourceTree(work.resolve("src"));
        Path out = work.resolve("target/kimigayo");
        PackResult result = new ImagePacker().pack(request("scratch", src, out, List.of(AMD64, ARM64)));
        Path layout = out.resolve("image");

        Index top = index(layout);
        assertEquals(2, top.manifests().size(), "one entry per tag");
        for (Descriptor entry : top.manifests()) {
            assertEquals(MediaTypes.OCI_INDEX, entry.mediaType());
            assertEquals(result.manifestDigest(), entry.digest());
            assertNull(entry.platform(), "an index is for every platform");
        }
        assertEquals(List.of("1.0", "latest"),
                top.manifests().stream().map(d -> d.annotations().get(Index.REF_NAME)).toList());
        assertEquals(result.manifestDigest() + "\n", digestFile(out), "image.digest names the index");
        assertTrue(result.isIndex());

        Index index = imageIndex(layout, top.manifests().get(0));
        assertEquals(List.of(AMD64, ARM64), index.manifests().stream().map(Descriptor::platform).toList());
        assertEquals(result.images().stream().map(PlatformImage::manifestDigest).toList(),
                index.manifests().stream().map(Descriptor::digest).toList());
        Manifest amd = manifestOf(layout, index.manifests().get(0));
        Manifest arm = manifestOf(layout, index.manifests().get(1));
        assertEquals(amd.layers(), arm.layers(), "the added layer is the same blob in both");
        ImageConfig amdConfig = TestImages.config(layout, amd);
        ImageConfig armConfig = TestImages.config(layout, arm);
        assertEquals("amd64", amdConfig.architecture());
        assertEquals("arm64", armConfig.architecture());
        assertEquals("v8", armConfig.variant());
        assertNotEquals(amd.config().digest(), arm.config().digest());

        // the docker-archive holds the host's platform (or the first, on another host)
        Platform host = Platform.host();
        Platform archived = host.matches(ARM64) ? ARM64 : AMD64;
        assertEquals(archived, result.dockerArchivePlatform());
        Digest archivedConfig = (archived == ARM64 ? arm : amd).config().digest();
        assertTrue(tarNames(out.resolve("image.tar")).contains(archivedConfig.hex() + ".json"),
                "image.tar holds the config of " + archived);
    }

    private static FileTree runtimeOf(String machine) {
        return new FileTree().addFile("/opt/java/release", Content.of(("OS_ARCH=\"" + machine + "\"\n")
                .getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
    }

    @Test
    void eachPlatformGetsItsOwnLayersBeforeTheSharedOnes() throws IOException {
        Path src = TestImages.sourceTree(work.resolve("src"));
        Path out = work.resolve("target/kimigayo");
        TreeLayer shared = new TreeLayer(new FileTree().addFile("/app/app.jar",
                Content.of("jar".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0), "kimigayo build: classes", null);
        PackRequest request = request("scratch", src, out, List.of(AMD64, ARM64)).toBuilder()
                .platformLayers(Map.of(
                        AMD64, List.of(new TreeLayer(runtimeOf("x86_64"), "runtime amd64", "amd64-key")),
                        ARM64, List.of(new TreeLayer(runtimeOf("aarch64"), "runtime arm64", "arm64-key"))))
                .treeLayers(List.of(shared))
                .build();
        PackResult result = new ImagePacker().pack(request);
        Path layout = out.resolve("image");
        Index index = imageIndex(layout, index(layout).manifests().get(0));
        Manifest amd = manifestOf(layout, index.manifests().get(0));
        Manifest arm = manifestOf(layout, index.manifests().get(1));
        assertEquals(3, amd.layers().size(), "own runtime, shared tree layer, directory layer");
        assertEquals(3, result.addedLayers());
        assertNotEquals(amd.layers().get(0), arm.layers().get(0), "each platform has its own runtime layer");
        assertEquals(amd.layers().subList(1, 3), arm.layers().subList(1, 3), "the shared layers are one blob each");
        assertEquals(List.of("runtime arm64", "kimigayo build: classes", "kimigayo pack-oci: layer at /"),
                TestImages.config(layout, arm).history().stream().map(ImageConfig.History::createdBy).toList());
        try (InputStream gz = new java.util.zip.GZIPInputStream(Files.newInputStream(blob(layout,
                arm.layers().get(0).digest())))) {
            String tar = new String(gz.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(tar.contains("opt/java/release") && tar.contains("OS_ARCH=\"aarch64\""),
                    "the arm64 image's first layer is its runtime");
        }

        // the same request again (toBuilder keeps the platform layers) gives the same index
        Path again = work.resolve("again/kimigayo");
        PackRequest copy = request.toBuilder().build();
        assertEquals(request.platformLayers(), copy.platformLayers());
        PackResult second = new ImagePacker().pack(PackRequest.builder(request.image(), AMD64, TestImages.TIME, again)
                .platforms(request.platforms()).from("scratch").baseDirectory(request.baseDirectory())
                .layers(request.layers()).extraTags(request.extraTags()).formats(request.formats())
                .treeLayers(request.treeLayers()).platformLayers(copy.platformLayers()).build());
        assertEquals(result.manifestDigest(), second.manifestDigest());
    }

    @Test
    void layersForAPlatformThatIsNotBuiltAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> request("scratch", null,
                work.resolve("out"), List.of(AMD64)).toBuilder()
                .platformLayers(Map.of(ARM64, List.of(new TreeLayer(runtimeOf("aarch64"), "runtime", null))))
                .build());
        assertEquals("layers are given for linux/arm64/v8, which is not one of the platforms [linux/amd64]",
                e.getMessage());
    }

    @Test
    void skopeoSeesTheIndexAndCopiesEachPlatform() throws IOException {
        Path src = TestImages.sourceTree(work.resolve("src"));
        Path out = work.resolve("target/kimigayo");
        PackResult result = new ImagePacker().pack(request("scratch", src, out, List.of(AMD64, ARM64)));
        ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
        String raw = skopeo.run(Map.of(), "inspect", "--raw", "oci:" + out.resolve("image") + ":1.0")
                .requireSuccess().stdout();
        assertEquals(result.manifestDigest(), Digest.of(raw.getBytes(StandardCharsets.UTF_8)));
        for (PlatformImage image : result.images()) {
            Path copy = work.resolve("copy-" + image.platform().architecture());
            skopeo.run(Map.of(), "copy", "--override-arch", image.platform().architecture(),
                    "oci:" + out.resolve("image") + ":1.0", "oci:" + copy + ":1.0").requireSuccess();
            String digest = skopeo.run(Map.of(), "inspect", "--format", "{{.Digest}}", "oci:" + copy + ":1.0")
                    .requireSuccess().stdout().trim();
            assertEquals(image.manifestDigest().toString(), digest, "skopeo picks " + image.platform());
        }
    }

    @Test
    void theIndexIsTheSameBuiltElsewhere() throws IOException {
        Path src = TestImages.sourceTree(work.resolve("src"));
        PackResult one = new ImagePacker().pack(request("scratch", src, work.resolve("a/target/kimigayo"),
                List.of(AMD64, ARM64)));
        Path src2 = TestImages.sourceTree(work.resolve("b/other-src"));
        PackResult two = new ImagePacker().pack(request("scratch", src2, work.resolve("b/c/target/kimigayo"),
                List.of(AMD64, ARM64)));
        assertEquals(one.manifestDigest(), two.manifestDigest());
        assertArrayEquals(Files.readAllBytes(work.resolve("a/target/kimigayo/image/index.json")),
                Files.readAllBytes(work.resolve("b/c/target/kimigayo/image/index.json")));
        assertArrayEquals(Files.readAllBytes(work.resolve("a/target/kimigayo/image.oci.tar")),
                Files.readAllBytes(work.resolve("b/c/target/kimigayo/image.oci.tar")));
        PackResult reversed = new ImagePacker().pack(request("scratch", src, work.resolve("r/target/kimigayo"),
                List.of(ARM64, AMD64)));
        assertNotEquals(one.manifestDigest(), reversed.manifestDigest(), "the index keeps the order asked for");
        assertEquals(one.images().get(0).manifestDigest(), reversed.images().get(1).manifestDigest());
    }

    @Test
    void onePlatformStillGivesAManifestAndNoIndex() throws IOException {
        Path src = TestImages.sourceTree(work.resolve("src"));
        Path out = work.resolve("target/kimigayo");
        PackResult result = new ImagePacker().pack(request("scratch", src, out, List.of(ARM64)));
        Descriptor entry = index(out.resolve("image")).manifests().get(0);
        assertEquals(MediaTypes.OCI_MANIFEST, entry.mediaType());
        assertEquals(ARM64, entry.platform());
        assertFalse(result.isIndex());
        assertEquals(result.images().get(0).manifestDigest(), result.manifestDigest());
    }

    @Test
    void theSamePlatformTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> request("scratch", null, work, List.of(ARM64, Platform.parse("linux/aarch64"))));
        assertEquals("platforms: linux/arm64/v8 and linux/arm64/v8 are the same platform; name each platform once",
                e.getMessage());
    }

    /** What build-rootfs writes for each machine of a multi-machine build: rootfs/<arch>/. */
    private static void fakeRootfs(Path out, String arch, String marker) throws IOException {
        Path dir = Files.createDirectories(out.resolve("rootfs").resolve(arch));
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", Content.of(("busybox for " + marker).getBytes(StandardCharsets.UTF_8)),
                        0755, 0, 0)
                .addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        try (OutputStream o = Files.newOutputStream(dir.resolve("rootfs.tar"))) {
            new TarWriter().write(tree, TestImages.TIME.instant(), o);
        }
        Files.writeString(dir.resolve("rootfs.json"),
                "{\"arch\":\"" + arch + "\",\"version\":\"1.0\",\"variant\":\"minimal\"}");
    }

    @Test
    void fromRootfsTakesEachPlatformsOwnRootfsAndAnIndexBasePicksPerPlatform() throws IOException {
        Path out = work.resolve("os/target/kimigayo");
        fakeRootfs(out, "x86_64", "x86_64");
        fakeRootfs(out, "aarch64", "aarch64");
        PackResult os = new ImagePacker().pack(request("rootfs", null, out, List.of(AMD64, ARM64)));
        Path osLayout = out.resolve("image");
        Index osIndex = imageIndex(osLayout, index(osLayout).manifests().get(0));
        Manifest osAmd = manifestOf(osLayout, osIndex.manifests().get(0));
        Manifest osArm = manifestOf(osLayout, osIndex.manifests().get(1));
        assertNotEquals(osAmd.layers().get(0).digest(), osArm.layers().get(0).digest(),
                "each platform's base layer is its own rootfs.tar");
        assertEquals(2, os.images().size());

        // an application on that two-platform base: each platform on its own base image
        Path app = TestImages.appTree(work.resolve("app-src"));
        Path appOut = work.resolve("app/target/kimigayo");
        new ImagePacker().pack(request("oci:" + osLayout + ":1.0", app, appOut, List.of(ARM64, AMD64)));
        Path appLayout = appOut.resolve("image");
        Index appIndex = imageIndex(appLayout, index(appLayout).manifests().get(0));
        Manifest appArm = manifestOf(appLayout, appIndex.manifests().get(0));
        Manifest appAmd = manifestOf(appLayout, appIndex.manifests().get(1));
        assertEquals(osArm.layers().get(0), appArm.layers().get(0), "arm64 on the arm64 base");
        assertEquals(osAmd.layers().get(0), appAmd.layers().get(0), "amd64 on the amd64 base");
        assertEquals(3, appArm.layers().size(), "the base's two layers (rootfs, its SBOMs), then the application");
        assertEquals(appArm.layers().get(2), appAmd.layers().get(2));
        assertNotEquals(osArm.layers().get(1), osAmd.layers().get(1), "each platform's image has its own SBOMs");
        for (String platform : List.of("linux-amd64", "linux-arm64")) {
            assertTrue(Files.isRegularFile(out.resolve("sbom/image-" + platform + ".cdx.json")), platform);
            assertTrue(Files.isRegularFile(out.resolve("sbom/image-" + platform + ".spdx.json")), platform);
        }
        assertFalse(Files.exists(out.resolve("sbom/image.cdx.json")), "several platforms: no unnamed SBOM");
    }

    @Test
    void theKimigayoOsTagSchemeNamesTheIndexAndEachPlatformsManifestInTheLayout() throws IOException {
        Path out = work.resolve("os/target/kimigayo");
        fakeRootfs(out, "x86_64", "x86_64");
        fakeRootfs(out, "aarch64", "aarch64");
        PackResult result = new ImagePacker().pack(request("rootfs", null, out, List.of(AMD64, ARM64)).toBuilder()
                .tagScheme(TagScheme.KIMIGAYO_OS).build());
        Path layout = out.resolve("image");
        Digest top = result.manifestDigest();
        Index imageIndex = imageIndex(layout, index(layout).manifests().get(0));
        Digest amd = imageIndex.manifests().get(0).digest();
        Digest arm = imageIndex.manifests().get(1).digest();
        assertEquals(List.of("1.0", "latest", "1.0-minimal", "latest-minimal"), result.tags());
        assertEquals(Map.of("1.0-minimal-amd64", amd, "1.0-minimal-arm64", arm), result.platformTags());

        Map<String, Descriptor> byTag = new java.util.LinkedHashMap<>();
        index(layout).manifests().forEach(d -> byTag.put(d.annotations().get(Index.REF_NAME), d));
        assertEquals(List.of("1.0", "latest", "1.0-minimal", "latest-minimal", "1.0-minimal-amd64",
                "1.0-minimal-arm64"), List.copyOf(byTag.keySet()));
        for (String tag : List.of("1.0", "latest", "1.0-minimal", "latest-minimal")) {
            assertEquals(top, byTag.get(tag).digest(), tag);
        }
        assertEquals(amd, byTag.get("1.0-minimal-amd64").digest());
        assertEquals(AMD64, byTag.get("1.0-minimal-amd64").platform());
        assertEquals(arm, byTag.get("1.0-minimal-arm64").digest());
        assertNull(byTag.get("1.0").annotations().get(Index.TAG_SCHEME), "the image's own tag is not the scheme's");
        assertEquals("kimigayo-os", byTag.get("latest-minimal").annotations().get(Index.TAG_SCHEME));
        assertEquals("kimigayo-os", byTag.get("1.0-minimal-arm64").annotations().get(Index.TAG_SCHEME));

        // skopeo takes each arch tag as that platform's image
        String raw = ExternalTool.require("skopeo", "skopeo").run(Map.of(), "inspect", "--raw",
                "oci:" + layout + ":1.0-minimal-arm64").requireSuccess().stdout();
        assertEquals(arm, Digest.of(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theTagSchemeNeedsARootfsBaseAndOneVariantForEveryPlatform() throws IOException {
        Path out = work.resolve("target/kimigayo");
        IllegalArgumentException scratch = assertThrows(IllegalArgumentException.class, () -> new ImagePacker()
                .pack(request("scratch", null, out, List.of(AMD64)).toBuilder().tagScheme(TagScheme.KIMIGAYO_OS)
                        .build()));
        assertTrue(scratch.getMessage().contains("needs the base rootfs"), scratch.getMessage());
        fakeRootfs(out, "x86_64", "x86_64");
        fakeRootfs(out, "aarch64", "aarch64");
        Files.writeString(out.resolve("rootfs/aarch64/rootfs.json"),
                "{\"arch\":\"aarch64\",\"version\":\"1.0\",\"variant\":\"standard\"}");
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> new ImagePacker()
                .pack(request("rootfs", null, out, List.of(AMD64, ARM64)).toBuilder().tagScheme(TagScheme.KIMIGAYO_OS)
                        .build()));
        assertTrue(mixed.getMessage().contains("the rootfs of linux/arm64/v8 is standard 1.0 but the rootfs of "
                + "linux/amd64 is minimal 1.0"), mixed.getMessage());
        assertFalse(Files.exists(out.resolve("image")), "nothing written");
    }

    @Test
    void fromRootfsWithoutOnePlatformsRootfsNamesWhereItLooked() throws IOException {
        Path out = work.resolve("target/kimigayo");
        fakeRootfs(out, "x86_64", "x86_64");
        IOException e = assertThrows(IOException.class,
                () -> new ImagePacker().pack(request("rootfs", null, out, List.of(AMD64, ARM64))));
        assertTrue(e.getMessage().contains(out.resolve("rootfs/aarch64/rootfs.tar").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("for the same platforms"), e.getMessage());
        assertFalse(Files.exists(out.resolve("image")), "nothing written");
    }

    private static List<String> tarNames(Path tar) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
