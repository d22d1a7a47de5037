package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.layout.OciLayoutWriter;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TagScheme;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Push and pull against the real distribution registry (docker-registry, started here on 127.0.0.1), judged by
 * skopeo (inspect, copy back to a layout) and umoci (strict unpack), and by the registry's own access log.
 */
class RegistryPushPullTest {

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static ExternalTool skopeo;
    static ExternalTool umoci;
    static PackResult base;
    static Path baseLayout;

    @BeforeAll
    static void start() throws IOException {
        skopeo = ExternalTool.require("skopeo", "skopeo");
        umoci = ExternalTool.require("umoci", "umoci");
        registry = LocalRegistry.start(dir.resolve("registry"));
        base = TestImages.packBase(dir, EnumSet.of(OutputFormat.OCI_LAYOUT));
        baseLayout = dir.resolve("base-out/image");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static RegistryAccess access() {
        return RegistryAccess.of(Map.of("HOME", dir.resolve("home").toString()))
                .withRetry(new RetryPolicy(java.time.Duration.ofSeconds(20), java.time.Duration.ofMillis(50),
                        java.time.Duration.ofSeconds(1)));
    }

    static PushResult push(Path layout, String tag, String target, List<String> tags, RegistryAccess access)
            throws IOException {
        return new ImagePusher().push(new PushRequest(layout, tag, ImageReference.parse(target), tags, access));
    }

    static JsonNode inspect(String reference) throws IOException {
        String out = skopeo.run(Map.of(), "inspect", "--tls-verify=false", "docker://" + reference)
                .requireSuccess().stdout();
        return Json.mapper().readTree(out);
    }

    /** skopeo copies the pushed image back into a layout; umoci unpacks it strictly. */
    static Digest copyBackAndUnpack(String reference, String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copies")).resolve(name);
        skopeo.run(Map.of(), "copy", "--src-tls-verify=false", "docker://" + reference, "oci:" + copy + ":x")
                .requireSuccess();
        Path bundle = dir.resolve("bundles/" + name);
        umoci.run(Map.of(), "unpack", "--rootless", "--image", copy + ":x", bundle.toString()).requireSuccess();
        assertTrue(Files.isRegularFile(bundle.resolve("rootfs/etc/motd")), "unpacked rootfs has the packed files");
        JsonNode index = Json.mapper().readTree(copy.resolve("index.json").toFile());
        return Digest.parse(index.path("manifests").get(0).path("digest").asText());
    }

    @Test
    void pushedImageIsTheLocalImageAndASecondPushUploadsNoBlob() throws IOException {
        String target = registry.reference("kimigayo/pushed:1.0");
        int before = registry.requests().size();
        PushResult first = push(baseLayout, TestImages.BASE_TAG, target, List.of("1.0", "stable"), access());
        List<LocalRegistry.Request> firstRequests = registry.requests().subList(before, registry.requests().size());

        assertEquals(base.manifestDigest(), first.digest());
        assertEquals(2, first.blobsUploaded(), "one layer and the config");
        assertEquals(2, first.manifestsPut(), "one manifest per tag");
        assertEquals(base.manifestDigest().toString(), inspect(target).path("Digest").asText());
        assertEquals(base.manifestDigest().toString(),
                inspect(registry.reference("kimigayo/pushed:stable")).path("Digest").asText());
        assertEquals(base.manifestDigest(), copyBackAndUnpack(target, "pushed"), "skopeo's copy has the same digest");

        int mark = registry.requests().size();
        PushResult second = push(baseLayout, TestImages.BASE_TAG, target, List.of("1.0", "stable"), access());
        List<LocalRegistry.Request> secondRequests = registry.requests().subList(mark, registry.requests().size());
        System.out.println("first push: " + firstRequests.size() + " requests " + summary(firstRequests)
                + "; second push: " + secondRequests.size() + " requests " + summary(secondRequests));
        assertEquals(0, second.blobsUploaded());
        assertEquals(2, second.blobsPresent());
        assertEquals(0, second.manifestsPut());
        assertEquals(0, secondRequests.stream().filter(LocalRegistry.Request::isBlobUpload).count(),
                "the registry saw no upload request in the second push: " + secondRequests);
        assertTrue(secondRequests.stream().noneMatch(r -> r.method().equals("PUT")), secondRequests.toString());
        assertTrue(firstRequests.stream().filter(LocalRegistry.Request::isBlobUpload).count() >= 2);
    }

    private static String summary(List<LocalRegistry.Request> requests) {
        Map<String, Long> byMethod = new java.util.TreeMap<>();
        requests.forEach(r -> byMethod.merge(r.method() + (r.isBlobUpload() ? " upload" : ""), 1L, Long::sum));
        return byMethod.toString();
    }

    @Test
    void largeBlobsGoUpInChunks() throws IOException {
        Path src = Files.createDirectories(dir.resolve("big-src/opt"));
        byte[] noise = new byte[3 << 20];
        new Random(42).nextBytes(noise); // does not compress: the layer stays about 3 MiB
        Files.write(src.resolve("noise.bin"), noise);
        TestImages.sourceTree(dir.resolve("big-src"));
        PackResult big = new ImagePacker().pack(TestImages.request("scratch", null, List.of(dir.resolve("big-src")),
                "example/big:1", List.of(), EnumSet.of(OutputFormat.OCI_LAYOUT), null, dir.resolve("big-out")));
        int mark = registry.requests().size();
        String target = registry.reference("kimigayo/big:1");
        PushResult pushed = push(dir.resolve("big-out/image"), "1", target, List.of("1"),
                access().withChunkSize(1 << 20));
        List<LocalRegistry.Request> requests = registry.requests().subList(mark, registry.requests().size());
        long patches = requests.stream().filter(r -> r.method().equals("PATCH")).count();
        assertTrue(patches >= 3, "a 3 MiB layer in 1 MiB chunks: " + requests);
        assertEquals(big.manifestDigest(), pushed.digest());
        assertEquals(big.manifestDigest(), copyBackAndUnpack(target, "big"));
    }

    @Test
    void aBaseFromTheRegistryGivesTheSameImageAsFromALayoutAndItsLayersAreMountedOnPush() throws IOException {
        push(baseLayout, TestImages.BASE_TAG, registry.reference("base:1"), List.of("1"), access());
        Path app = TestImages.appTree(dir.resolve("app-src"));
        PackResult fromLayout = packOn("oci:" + baseLayout + ":" + TestImages.BASE_TAG, app, "from-layout");
        PackResult fromRegistry = packOn(registry.reference("base:1"), app, "from-registry");
        assertEquals(fromLayout.manifestDigest(), fromRegistry.manifestDigest());
        assertEquals(Files.readString(dir.resolve("from-layout/image.digest")),
                Files.readString(dir.resolve("from-registry/image.digest")));

        JsonNode entry = Json.mapper().readTree(dir.resolve("from-registry/image/index.json").toFile())
                .path("manifests").get(0).path("annotations");
        assertEquals(registry.reference("base:1"), entry.path(ImagePusher.BASE_NAME).asText());
        assertEquals(base.manifestDigest().toString(), entry.path(ImagePusher.BASE_DIGEST).asText());

        int mark = registry.requests().size();
        PushResult pushed = push(dir.resolve("from-registry/image"), "2.0", registry.reference("app:2.0"),
                List.of("2.0"), access());
        List<LocalRegistry.Request> requests = registry.requests().subList(mark, registry.requests().size());
        assertEquals(1, pushed.blobsMounted(), "the base layer is mounted from base: " + requests);
        assertEquals(2, pushed.blobsUploaded(), "the app layer and the config are sent");
        assertTrue(requests.stream().anyMatch(r -> r.path().contains("mount=") && r.status() == 201), requests.toString());
        assertEquals(fromRegistry.manifestDigest(), copyBackAndUnpack(registry.reference("app:2.0"), "app"));
    }

    @Test
    void aDockerSchema2BaseAndAnIndexBaseAreRead() throws IOException {
        skopeo.run(Map.of(), "copy", "--dest-tls-verify=false", "--format", "v2s2",
                "oci:" + baseLayout + ":" + TestImages.BASE_TAG, "docker://" + registry.reference("docker-base:1"))
                .requireSuccess();
        String raw = skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("docker-base:1")).requireSuccess().stdout();
        assertEquals(MediaTypes.DOCKER_MANIFEST, Json.mapper().readTree(raw).path("mediaType").asText());

        Path app = TestImages.appTree(dir.resolve("app-src-2"));
        PackResult fromLayout = packOn("oci:" + baseLayout + ":" + TestImages.BASE_TAG, app, "d-from-layout");
        PackResult fromDocker = packOn(registry.reference("docker-base:1"), app, "d-from-docker");
        assertEquals(fromLayout.manifestDigest(), fromDocker.manifestDigest(),
                "the same layers and config, whatever the base's manifest format");

        // an index with an amd64 and an arm64 image: the amd64 one is chosen
        Path multi = multiPlatformLayout();
        PushResult pushedIndex = push(multi, "multi", registry.reference("multi:1"), List.of("1"), access());
        JsonNode raws = Json.mapper().readTree(skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("multi:1")).requireSuccess().stdout());
        assertEquals(MediaTypes.OCI_INDEX, raws.path("mediaType").asText());
        assertEquals(2, raws.path("manifests").size());
        assertEquals(pushedIndex.digest(), Digest.of(skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("multi:1")).requireSuccess().stdout().getBytes()));
        PackResult fromIndex = packOn(registry.reference("multi:1"), app, "d-from-index");
        assertEquals(fromLayout.manifestDigest(), fromIndex.manifestDigest());

        IOException noArm = assertThrows(IOException.class, () -> new ImagePacker().pack(PackRequest.builder(
                        ImageReference.parse("x:1"), Platform.parse("linux/arm64"), TestImages.TIME,
                        dir.resolve("arm-out"))
                .from(registry.reference("docker-base:1"))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .registry(access())
                .build()));
        assertTrue(noArm.getMessage().contains("linux/amd64"), noArm.getMessage());
    }

    /** The base image and an arm64 image of the same tree under one OCI index, tagged {@code multi}. */
    private static Path multiPlatformLayout() throws IOException {
        PackResult arm = new ImagePacker().pack(PackRequest.builder(ImageReference.parse("example/base:arm"),
                        Platform.parse("linux/arm64"), TestImages.TIME, dir.resolve("arm-base-out"))
                .layers(List.of(DirectoryImport.of(dir.resolve("base-src"), "/")))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        Path layout = dir.resolve("multi");
        BlobStore blobs = BlobStore.ofLayout(layout);
        List<Descriptor> manifests = new ArrayList<>();
        for (Path source : List.of(baseLayout, dir.resolve("arm-base-out/image"))) {
            try (var files = Files.list(BlobStore.ofLayout(source).directory())) {
                for (Path f : files.toList()) {
                    Files.createDirectories(blobs.directory());
                    Files.copy(f, blobs.directory().resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        manifests.add(new Descriptor(MediaTypes.OCI_MANIFEST, base.manifestDigest(),
                Files.size(blobs.path(base.manifestDigest())), Platform.parse("linux/amd64"), null));
        manifests.add(new Descriptor(MediaTypes.OCI_MANIFEST, arm.manifestDigest(),
                Files.size(blobs.path(arm.manifestDigest())), Platform.parse("linux/arm64"), null));
        Descriptor index = blobs.put(MediaTypes.OCI_INDEX, Json.write(Index.of(manifests)));
        new OciLayoutWriter().write(layout, List.of(index.withAnnotations(Map.of(Index.REF_NAME, "multi"))));
        return layout;
    }

    private static PackResult packOn(String from, Path app, String out) throws IOException {
        return new ImagePacker().pack(PackRequest.builder(ImageReference.parse("example/app:2.0"), TestImages.AMD64,
                        TestImages.TIME, dir.resolve(out))
                .from(from)
                .baseDirectory(dir)
                .layers(List.of(DirectoryImport.of(app, "/")))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .registry(access().withBlobCache(dir.resolve("cache")))
                .build());
    }

    @Test
    void aBlobServedWithWrongBytesIsRejectedNamingIt() throws IOException {
        Path src = Files.createDirectories(dir.resolve("victim-src/etc"));
        Files.writeString(src.resolve("motd"), "to be damaged in the registry\n");
        PackResult victim = new ImagePacker().pack(TestImages.request("scratch", null, List.of(dir.resolve("victim-src")),
                "example/victim:1", List.of(), EnumSet.of(OutputFormat.OCI_LAYOUT), null, dir.resolve("victim-out")));
        push(dir.resolve("victim-out/image"), "1", registry.reference("victim:1"), List.of("1"), access());
        Manifest manifest = Json.read(Files.readAllBytes(BlobStore.ofLayout(dir.resolve("victim-out/image"))
                .path(victim.manifestDigest())), Manifest.class);
        Digest layer = manifest.layers().get(0).digest();
        Path stored = registry.blobFile(layer.hex());
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 0x55; // same size, other bytes
        Files.write(stored, bytes);

        Path cache = dir.resolve("victim-cache");
        CorruptBlobException e = assertThrows(CorruptBlobException.class, () -> new ImagePacker().pack(
                PackRequest.builder(ImageReference.parse("x:1"), TestImages.AMD64, TestImages.TIME,
                                dir.resolve("victim-pull"))
                        .from(registry.reference("victim:1"))
                        .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                        .registry(access().withBlobCache(cache))
                        .build()));
        assertTrue(e.getMessage().contains(layer.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(registry.reference("victim")), e.getMessage());
        assertFalse(Files.exists(cache.resolve("sha256/" + layer.hex())), "a corrupt blob never enters the cache");
        assertFalse(Files.exists(dir.resolve("victim-pull/image")), "nothing is left of the failed pack");
    }

    @Test
    void aMissingImageSaysSo() {
        IOException e = assertThrows(IOException.class, () -> new RegistryPuller(access())
                .pull(ImageReference.parse(registry.reference("nothing:here")), TestImages.AMD64,
                        dir.resolve("none"), "x"));
        assertTrue(e.getMessage().contains("no such image"), e.getMessage());
    }

    @Test
    void aDamagedBlobInTheCacheIsMovedAsideAndPulledAgain() throws IOException {
        push(baseLayout, TestImages.BASE_TAG, registry.reference("cached:1"), List.of("1"), access());
        Path cache = dir.resolve("blob-cache");
        List<String> progress = new java.util.ArrayList<>();
        RegistryAccess cached = access().withBlobCache(cache).withProgress(progress::add);
        new RegistryPuller(cached).pull(ImageReference.parse(registry.reference("cached:1")), TestImages.AMD64,
                dir.resolve("pull-1"), "1");
        Digest layer = TestImages.manifest(baseLayout, TestImages.BASE_TAG).layers().get(0).digest();
        Path blob = cache.resolve("sha256").resolve(layer.hex());
        assertTrue(Files.isRegularFile(blob), "the layer is in the cache");
        // damage it in place (the pulled layout shares it as a hard link: that copy is thrown away here)
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        String damagedHash = Digest.of(bytes).toString();

        int mark = registry.requests().size();
        progress.clear();
        new RegistryPuller(cached).pull(ImageReference.parse(registry.reference("cached:1")), TestImages.AMD64,
                dir.resolve("pull-2"), "1");
        assertEquals(layer, Digest.of(Files.readAllBytes(blob)), "the cache holds the good blob again");
        assertEquals(layer, Digest.of(Files.readAllBytes(dir.resolve("pull-2/blobs/sha256").resolve(layer.hex()))));
        String said = String.join("\n", progress);
        assertTrue(said.contains("the cached blob " + blob + " was damaged (it hashes to " + damagedHash),
                "says what happened, naming the cache file and the hash: " + said);
        try (var entries = Files.list(blob.getParent())) {
            assertEquals(1, entries.filter(p -> p.getFileName().toString().startsWith(layer.hex() + ".damaged-"))
                    .count(), "the damaged entry is kept aside");
        }
        assertEquals(1, registry.requests().subList(mark, registry.requests().size()).stream()
                .filter(r -> r.method().equals("GET") && r.path().endsWith("/blobs/" + layer)).count(),
                "fetched again once");
        // and a third pull takes it from the cache again
        mark = registry.requests().size();
        new RegistryPuller(cached).pull(ImageReference.parse(registry.reference("cached:1")), TestImages.AMD64,
                dir.resolve("pull-3"), "1");
        assertEquals(0, registry.requests().subList(mark, registry.requests().size()).stream()
                .filter(r -> r.path().endsWith("/blobs/" + layer)).count());
    }

    @Test
    void theTagSchemesTagsGoUpTheArchTagsNamingEachPlatformsManifest() throws IOException {
        Path out = dir.resolve("scheme/target/kimigayo");
        for (String arch : List.of("x86_64", "aarch64")) {
            Path rootfs = Files.createDirectories(out.resolve("rootfs").resolve(arch));
            FileTree tree = new FileTree().addFile("/etc/motd",
                    Content.of(("Kimigayo OS on " + arch + "\n").getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
            try (OutputStream o = Files.newOutputStream(rootfs.resolve("rootfs.tar"))) {
                new TarWriter().write(tree, TestImages.TIME.instant(), o);
            }
            Files.writeString(rootfs.resolve("rootfs.json"),
                    "{\"arch\":\"" + arch + "\",\"version\":\"2.0\",\"variant\":\"standard\"}");
        }
        PackResult packed = new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo/os:build"),
                        Platform.parse("linux/amd64"), TestImages.TIME, out)
                .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
                .from("rootfs")
                .baseDirectory(dir.resolve("scheme"))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .tagScheme(TagScheme.KIMIGAYO_OS)
                .build());
        Path layout = out.resolve("image");
        String repository = registry.reference("kimigayo/os");
        PushResult pushed = push(layout, "build", repository + ":build", List.of("build"), access());
        assertEquals(List.of("build", "2.0", "latest", "stable"), pushed.tags());
        Digest amd = packed.images().get(0).manifestDigest();
        Digest arm = packed.images().get(1).manifestDigest();
        assertEquals(Map.of("2.0-amd64", amd, "2.0-arm64", arm), pushed.platformTags());
        for (String tag : pushed.tags()) {
            assertEquals(packed.manifestDigest(), rawDigest(repository + ":" + tag), tag);
        }
        assertEquals(amd, rawDigest(repository + ":2.0-amd64"));
        assertEquals(arm, rawDigest(repository + ":2.0-arm64"));

        // pushed again: every tag already names its manifest
        PushResult again = push(layout, "build", repository + ":build", List.of("build"), access());
        assertEquals(0, again.manifestsPut());
        assertEquals(0, again.blobsUploaded());
    }

    private static Digest rawDigest(String reference) throws IOException {
        String raw = skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false", "docker://" + reference)
                .requireSuccess().stdout();
        return Digest.of(raw.getBytes(StandardCharsets.UTF_8));
    }
}
