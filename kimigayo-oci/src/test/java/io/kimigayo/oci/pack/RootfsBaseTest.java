package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.FileTree;
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
import java.util.zip.GZIPInputStream;

import static io.kimigayo.oci.pack.TestImages.blob;
import static io.kimigayo.oci.pack.TestImages.config;
import static io.kimigayo.oci.pack.TestImages.manifest;
import static io.kimigayo.oci.pack.TestImages.names;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code from=rootfs}: build-rootfs's {@code rootfs/rootfs.tar} as the base layer of the image. */
class RootfsBaseTest {

    private static final String PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    Path work;

    /** Writes what build-rootfs leaves in {@code out/rootfs}: the tar and its description. */
    private static Path fakeRootfs(Path out, String arch) throws IOException {
        Path dir = Files.createDirectories(out.resolve("rootfs"));
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", Content.of("busybox ".repeat(200).getBytes(StandardCharsets.UTF_8)),
                        0755, 0, 0)
                .addSymlink("/bin/sh", "/bin/busybox", 0, 0)
                .addFile("/etc/os-release", Content.of("NAME=\"Kimigayo OS\"\n".getBytes(StandardCharsets.UTF_8)),
                        0644, 0, 0)
                .addDirectory("/tmp", 01777, 0, 0);
        try (OutputStream o = Files.newOutputStream(dir.resolve("rootfs.tar"))) {
            new TarWriter().write(tree, TestImages.TIME.instant(), o);
        }
        Files.writeString(dir.resolve("rootfs.json"),
                "{\"arch\":\"" + arch + "\",\"version\":\"1.0\",\"variant\":\"minimal\"}");
        return dir;
    }

    private static PackRequest request(Path out, List<Path> layers, ContainerSettings settings, Platform platform) {
        return PackRequest.builder(ImageReference.parse("kimigayo/os:1.0"), platform, TestImages.TIME, out)
                .from("rootfs")
                .layers(layers.stream().map(d -> DirectoryImport.of(d, "/")).toList())
                .settings(settings)
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT, OutputFormat.DOCKER_ARCHIVE))
                .build();
    }

    @Test
    void rootfsTarIsTheOneBaseLayer() throws IOException {
        Path out = work.resolve("target/kimigayo");
        Path rootfs = fakeRootfs(out, "x86_64");
        byte[] tar = Files.readAllBytes(rootfs.resolve("rootfs.tar"));

        PackResult result = new ImagePacker().pack(request(out, List.of(), null, TestImages.AMD64));

        assertEquals(2, result.layerCount(), "rootfs.tar, then the SBOMs");
        assertEquals(1, result.addedLayers(), "the SBOM layer");
        Path layout = out.resolve("image");
        Manifest m = manifest(layout, "1.0");
        assertEquals(2, m.layers().size());
        Descriptor layer = m.layers().get(0);
        assertEquals(MediaTypes.OCI_LAYER_GZIP, layer.mediaType());
        byte[] blobBytes = Files.readAllBytes(blob(layout, layer.digest()));
        assertEquals(Digest.of(blobBytes), layer.digest());
        assertEquals(blobBytes.length, layer.size());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob(layout, layer.digest())))) {
            assertArrayEquals(tar, in.readAllBytes(), "the layer is rootfs.tar unchanged");
        }

        ImageConfig c = config(layout, m);
        assertEquals(Digest.of(tar), c.rootfs().diffIds().get(0), "diff_id is the sha256 of rootfs.tar");
        assertEquals("amd64", c.architecture());
        assertEquals("linux", c.os());
        assertEquals(List.of(PATH_ENV), c.config().env());
        assertEquals(List.of("/bin/sh"), c.config().cmd());
        assertNull(c.config().entrypoint());
        assertEquals(2, c.history().size());
        assertTrue(c.history().get(1).createdBy().contains("SBOM"), c.history().get(1).createdBy());
        String createdBy = c.history().get(0).createdBy();
        assertTrue(createdBy.contains("build-rootfs"), createdBy);
        assertTrue(createdBy.contains("Kimigayo OS 1.0 (minimal)"), createdBy);
        assertEquals(TestImages.TIME.instant().toString(), c.history().get(0).created());
        assertTrue(Files.isRegularFile(out.resolve("image.tar")), "docker-archive written too");
        assertArrayEquals(tar, Files.readAllBytes(rootfs.resolve("rootfs.tar")), "rootfs.tar is left as it was");
    }

    @Test
    void applicationLayerGoesOnTopAndKeepsTheShellDefaults() throws IOException {
        Path out = work.resolve("out");
        Path rootfs = fakeRootfs(out, "x86_64");
        Path app = TestImages.appTree(work.resolve("app"));
        ContainerSettings settings = new ContainerSettings(null, null, Map.of("APP_MODE", "prod"), "/app", "65532",
                null, null, null);

        PackResult result = new ImagePacker().pack(request(out, List.of(app), settings, TestImages.AMD64));

        assertEquals(3, result.layerCount(), "rootfs, the application, the SBOMs");
        assertEquals(2, result.addedLayers());
        Path layout = out.resolve("image");
        Manifest m = manifest(layout, "1.0");
        ImageConfig c = config(layout, m);
        assertEquals(3, c.rootfs().diffIds().size());
        assertEquals(Digest.of(Files.readAllBytes(rootfs.resolve("rootfs.tar"))), c.rootfs().diffIds().get(0));
        assertEquals(List.of(PATH_ENV, "APP_MODE=prod"), c.config().env());
        assertEquals(List.of("/bin/sh"), c.config().cmd());
        assertEquals("/app", c.config().workingDir());
        assertEquals("65532", c.config().user());
        assertEquals(3, c.history().size());
        assertTrue(c.history().get(0).createdBy().contains("build-rootfs"));
        assertTrue(c.history().get(1).createdBy().contains("pack-oci"));
        assertTrue(c.history().get(2).createdBy().contains("SBOM"));
    }

    @Test
    void entrypointReplacesTheShellCommand() throws IOException {
        Path out = work.resolve("out");
        fakeRootfs(out, "x86_64");
        ContainerSettings settings = new ContainerSettings(List.of("/app/run"), null, null, null, null, null, null,
                null);
        new ImagePacker().pack(request(out, List.of(), settings, TestImages.AMD64));
        ImageConfig c = config(out.resolve("image"), manifest(out.resolve("image"), "1.0"));
        assertEquals(List.of("/app/run"), c.config().entrypoint());
        assertNull(c.config().cmd(), "as Docker does, a new entrypoint drops the base's cmd");
    }

    @Test
    void samePackTwiceGivesTheSameImage() throws IOException {
        Path a = work.resolve("a");
        Path b = work.resolve("elsewhere/b");
        fakeRootfs(a, "x86_64");
        fakeRootfs(b, "x86_64");
        PackResult one = new ImagePacker().pack(request(a, List.of(), null, TestImages.AMD64));
        PackResult two = new ImagePacker().pack(request(b, List.of(), null, TestImages.AMD64));
        assertEquals(one.manifestDigest(), two.manifestDigest());
    }

    @Test
    void aarch64RootfsMakesAnArm64Image() throws IOException {
        Path out = work.resolve("out");
        fakeRootfs(out, "aarch64");
        new ImagePacker().pack(request(out, List.of(), null, Platform.parse("linux/arm64")));
        ImageConfig c = config(out.resolve("image"), manifest(out.resolve("image"), "1.0"));
        assertEquals("arm64", c.architecture());
        assertEquals("v8", c.variant());
    }

    @Test
    void missingRootfsTarTellsToRunBuildRootfsFirst() throws IOException {
        Path out = Files.createDirectories(work.resolve("out"));

        IOException e = assertThrows(IOException.class,
                () -> new ImagePacker().pack(request(out, List.of(), null, TestImages.AMD64)));

        assertTrue(e.getMessage().startsWith("from=rootfs: "), e.getMessage());
        assertTrue(e.getMessage().contains(out.resolve("rootfs/rootfs.tar") + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("run build-rootfs before pack-oci"), e.getMessage());
        assertEquals(List.of(), names(out), "a failed pack leaves nothing behind");
    }

    @Test
    void missingRootfsJsonIsNamed() throws IOException {
        Path out = work.resolve("out");
        Path rootfs = fakeRootfs(out, "x86_64");
        Files.delete(rootfs.resolve("rootfs.json"));

        IOException e = assertThrows(IOException.class,
                () -> new ImagePacker().pack(request(out, List.of(), null, TestImages.AMD64)));

        assertTrue(e.getMessage().contains(rootfs.resolve("rootfs.json") + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("run build-rootfs"), e.getMessage());
        assertEquals(List.of("rootfs"), names(out));
    }

    @Test
    void archMismatchIsAnError() throws IOException {
        Path out = work.resolve("out");
        fakeRootfs(out, "aarch64");

        IOException e = assertThrows(IOException.class,
                () -> new ImagePacker().pack(request(out, List.of(), null, TestImages.AMD64)));

        assertEquals("from=rootfs: the rootfs was built for linux/arm64/v8 but this image is for linux/amd64; "
                + "build the rootfs with the same arch", e.getMessage());
        assertEquals(List.of("rootfs"), names(out), "no image outputs, no staging left");
        assertFalse(Files.exists(out.resolve("image.digest")));
    }
}
