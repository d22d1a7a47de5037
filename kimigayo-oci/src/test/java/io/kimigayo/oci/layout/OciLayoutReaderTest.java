package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.kimigayo.oci.pack.TestImages.AMD64;
import static io.kimigayo.oci.pack.TestImages.BASE_TAG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciLayoutReaderTest {

    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @TempDir
    Path work;

    private Path layout;
    private Descriptor manifestDescriptor;
    private Manifest manifest;
    private ImageConfig config;
    private BlobStore into;

    @BeforeEach
    void buildBase() throws IOException {
        TestImages.packBase(work);
        layout = TestImages.baseLayout(work);
        manifestDescriptor = TestImages.index(layout).manifests().get(0);
        manifest = TestImages.manifest(layout, BASE_TAG);
        config = TestImages.config(layout, manifest);
        into = new BlobStore(work.resolve("into"));
    }

    private BaseImage read(String tag, Platform platform) throws IOException {
        return new OciLayoutReader().read(layout, tag, platform, into, "oci:base");
    }

    private byte[] gunzip(Path blob) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
            return in.readAllBytes();
        }
    }

    private void writeIndex(List<Descriptor> manifests) throws IOException {
        new OciLayoutWriter().write(layout, manifests);
    }

    @Test
    void readsConfigAndCopiesLayersIntoTheStore() throws IOException {
        BaseImage base = read(BASE_TAG, AMD64);
        assertEquals(config, base.config());
        assertEquals("oci:base", base.origin());
        assertEquals(1, base.layers().size());
        Layer layer = base.layers().get(0);
        Digest digest = manifest.layers().get(0).digest();
        assertEquals(manifest.layers().get(0), layer.descriptor());
        assertEquals(config.rootfs().diffIds().get(0), layer.diffId());
        assertEquals(into.path(digest), layer.blob());
        Path original = TestImages.blob(layout, digest);
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(layer.blob()));
        assertEquals(gunzip(original).length, layer.uncompressedSize());
        assertEquals(List.of(digest.hex()), TestImages.names(into.directory()), "only the layer, no temp file");
    }

    @Test
    void secondNameOfTheSameImageReadsTheSame() throws IOException {
        assertEquals(read(BASE_TAG, AMD64).config(), read("stable", AMD64).config());
        assertEquals(config, read(null, AMD64).config());
    }

    @Test
    void layoutWithSeveralImagesNeedsATag() throws IOException {
        BlobStore store = BlobStore.ofLayout(layout);
        Manifest other = new Manifest(2, manifest.mediaType(), manifest.config(), manifest.layers(),
                Map.of("org.example", "other"));
        Descriptor otherDescriptor = store.put(MediaTypes.OCI_MANIFEST, Json.write(other))
                .withAnnotations(Map.of(Index.REF_NAME, "other"));
        Descriptor unnamed = store.put(MediaTypes.OCI_MANIFEST, Json.write(new Manifest(2, manifest.mediaType(),
                manifest.config(), manifest.layers(), Map.of("org.example", "unnamed"))));
        writeIndex(List.of(manifestDescriptor, otherDescriptor, unnamed));

        IOException e = assertThrows(IOException.class, () -> read(null, AMD64));
        assertTrue(e.getMessage().contains("holds 3 images"), e.getMessage());
        assertTrue(e.getMessage().contains("[1.0, other, (unnamed " + unnamed.digest() + ")]"), e.getMessage());
        assertTrue(e.getMessage().contains("oci:PATH:TAG"), e.getMessage());
        assertEquals(config, read("other", AMD64).config());
    }

    @Test
    void wrongTagListsTheNames() {
        IOException e = assertThrows(IOException.class, () -> read("3.0", AMD64));
        assertEquals("oci:base: the layout has no image named '3.0'; it has [1.0, stable]", e.getMessage());
    }

    @Test
    void nestedIndexIsResolvedByPlatform() throws IOException {
        BlobStore store = BlobStore.ofLayout(layout);
        Descriptor amd = new Descriptor(manifestDescriptor.mediaType(), manifestDescriptor.digest(),
                manifestDescriptor.size()).withPlatform(AMD64);
        // The arm64 entry's blob does not exist: it must not be touched when amd64 is asked for.
        Descriptor arm = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(new byte[]{9}), 1).withPlatform(ARM64);
        Descriptor nested = store.put(MediaTypes.OCI_INDEX, Json.write(Index.of(List.of(arm, amd))))
                .withAnnotations(Map.of(Index.REF_NAME, "multi"));
        writeIndex(List.of(nested));

        assertEquals(config, read("multi", AMD64).config());
        IOException missing = assertThrows(IOException.class, () -> read("multi", ARM64));
        assertTrue(missing.getMessage().contains(arm.digest().toString()), missing.getMessage());
    }

    @Test
    void nestedIndexWithoutThePlatformListsWhatItHas() throws IOException {
        BlobStore store = BlobStore.ofLayout(layout);
        Descriptor amd = new Descriptor(manifestDescriptor.mediaType(), manifestDescriptor.digest(),
                manifestDescriptor.size()).withPlatform(AMD64);
        Descriptor nested = store.put(MediaTypes.DOCKER_MANIFEST_LIST, Json.write(Index.of(List.of(amd))));
        writeIndex(List.of(nested));
        IOException e = assertThrows(IOException.class, () -> read(null, ARM64));
        assertEquals("oci:base: the image has no manifest for linux/arm64/v8; it has [linux/amd64]", e.getMessage());
    }

    @Test
    void corruptNestedIndexIsCaught() throws IOException {
        BlobStore store = BlobStore.ofLayout(layout);
        Descriptor nested = store.put(MediaTypes.OCI_INDEX, Json.write(Index.of(List.of(manifestDescriptor))));
        writeIndex(List.of(nested));
        TestImages.flipByte(store.path(nested.digest()));
        CorruptBlobException e = assertThrows(CorruptBlobException.class, () -> read(null, AMD64));
        assertEquals(nested.digest(), e.expected());
    }

    @Test
    void singleImageOfAnotherPlatformIsRejected() {
        IOException e = assertThrows(IOException.class, () -> read(BASE_TAG, ARM64));
        assertEquals("oci:base: the base image is for linux/amd64 but this build is for linux/arm64/v8; choose a "
                + "base of that platform or set 'platforms' to linux/amd64", e.getMessage());
    }

    @Test
    void descriptorThatIsNoManifestIsRejected() throws IOException {
        writeIndex(List.of(new Descriptor(MediaTypes.OCI_CONFIG, manifest.config().digest(), manifest.config().size())));
        IOException e = assertThrows(IOException.class, () -> read(null, AMD64));
        assertTrue(e.getMessage().contains("is not an image manifest"), e.getMessage());
        assertTrue(e.getMessage().contains(MediaTypes.OCI_CONFIG), e.getMessage());
    }

    @Test
    void unsupportedLayerMediaTypeIsRejected() throws IOException {
        String zstd = "application/vnd.oci.image.layer.v1.tar+zstd";
        TestImages.rewrite(layout, c -> c, m -> new Manifest(2, m.mediaType(), m.config(),
                List.of(new Descriptor(zstd, m.layers().get(0).digest(), m.layers().get(0).size())), null));
        IOException e = assertThrows(IOException.class, () -> read(BASE_TAG, AMD64));
        assertTrue(e.getMessage().contains(zstd), e.getMessage());
        assertTrue(e.getMessage().contains(manifest.layers().get(0).digest().toString()), e.getMessage());
    }

    @Test
    void dockerMediaTypesAreRead() throws IOException {
        Descriptor layer = manifest.layers().get(0);
        TestImages.rewrite(layout, c -> c, m -> new Manifest(2, MediaTypes.DOCKER_MANIFEST, m.config(),
                List.of(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, layer.digest(), layer.size())), null));
        // re-point the index entry's media type too
        Index index = TestImages.index(layout);
        Descriptor d = index.manifests().get(0);
        writeIndex(List.of(new Descriptor(MediaTypes.DOCKER_MANIFEST, d.digest(), d.size(), null,
                Map.of(Index.REF_NAME, "docker"))));
        BaseImage base = read("docker", AMD64);
        assertEquals(MediaTypes.OCI_LAYER_GZIP, base.layers().get(0).descriptor().mediaType());
        assertEquals(layer.digest(), base.layers().get(0).descriptor().digest());
    }

    @Test
    void uncompressedLayerIsReadAndKeptUncompressed() throws IOException {
        Descriptor gz = manifest.layers().get(0);
        byte[] tar = gunzip(TestImages.blob(layout, gz.digest()));
        Descriptor plain = BlobStore.ofLayout(layout).put(MediaTypes.OCI_LAYER_TAR, tar);
        TestImages.rewrite(layout, c -> c, m -> new Manifest(2, m.mediaType(), m.config(), List.of(plain), null));
        BaseImage base = read(BASE_TAG, AMD64);
        Layer layer = base.layers().get(0);
        assertEquals(plain, layer.descriptor());
        assertEquals(config.rootfs().diffIds().get(0), layer.diffId());
        assertEquals(Digest.of(tar), layer.diffId());
        assertEquals(tar.length, layer.uncompressedSize());
    }

    @Test
    void diffIdMismatchRemovesTheCopiedBlob() throws IOException {
        Digest bogus = Digest.of(new byte[]{42});
        TestImages.rewrite(layout, c -> new ImageConfig(c.created(), c.author(), c.architecture(), c.os(),
                c.variant(), c.config(), new ImageConfig.RootFs("layers", List.of(bogus)), c.history()), m -> m);
        Digest layer = manifest.layers().get(0).digest();
        IOException e = assertThrows(IOException.class, () -> read(BASE_TAG, AMD64));
        assertEquals("oci:base: layer blob " + layer + " unpacks to " + config.rootfs().diffIds().get(0)
                + " but the config's diff_id is " + bogus + "; the image is corrupt, rebuild or re-copy it",
                e.getMessage());
        assertFalse(Files.exists(into.path(layer)), "the layer that failed its check is not kept");
    }

    @Test
    void missingIndexIsNoLayout() throws IOException {
        Files.delete(layout.resolve("index.json"));
        IOException e = assertThrows(IOException.class, () -> read(null, AMD64));
        assertTrue(e.getMessage().startsWith("oci:base: " + layout + " is not an OCI image layout"), e.getMessage());
    }

    @Test
    void missingMarkerIsNoLayout() throws IOException {
        Files.delete(layout.resolve("oci-layout"));
        IOException e = assertThrows(IOException.class, () -> read(null, AMD64));
        assertTrue(e.getMessage().contains("is not an OCI image layout"), e.getMessage());
    }
}
