package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image index of a multi-platform image: its bytes, its entries and what it refuses. */
class ImageIndexWriterTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @TempDir
    Path work;

    private static Descriptor manifest(String content, Platform platform) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(bytes), bytes.length, platform, null);
    }

    private static final Descriptor AMD = manifest("{\"amd64\":1}", AMD64);
    private static final Descriptor ARM = manifest("{\"arm64\":1}", ARM64);

    @Test
    void theIndexIsExactlyTheseBytes() {
        String expected = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + AMD.digest()
                + "\",\"size\":11,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ARM.digest()
                + "\",\"size\":11,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}"
                + "]}";
        assertEquals(expected, new String(ImageIndexWriter.bytes(List.of(AMD, ARM)), StandardCharsets.UTF_8));
    }

    @Test
    void theSameManifestsGiveTheSameBlobInAnyLayout() throws IOException {
        BlobStore one = BlobStore.ofLayout(work.resolve("one"));
        BlobStore two = BlobStore.ofLayout(work.resolve("elsewhere/two"));
        Descriptor a = new ImageIndexWriter().write(List.of(AMD, ARM), one);
        Descriptor b = new ImageIndexWriter().write(List.of(AMD, ARM), two);
        assertEquals(a, b);
        assertEquals(MediaTypes.OCI_INDEX, a.mediaType());
        assertArrayEquals(Files.readAllBytes(one.path(a.digest())), Files.readAllBytes(two.path(b.digest())));
        assertEquals(a.digest(), Digest.of(Files.readAllBytes(one.path(a.digest()))), "stored under its digest");
        assertEquals(Files.size(one.path(a.digest())), a.size());
    }

    @Test
    void oneEntryPerPlatformInTheOrderGivenWithItsPlatformAndNothingElse() throws IOException {
        Descriptor annotated = AMD.withAnnotations(Map.of(Index.REF_NAME, "1.0"));
        Index index = Json.read(ImageIndexWriter.bytes(List.of(ARM, annotated)), Index.class);
        assertEquals(2, index.schemaVersion());
        assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
        assertEquals(List.of(ARM64, AMD64), ImageIndexWriter.platforms(index));
        assertEquals(List.of(ARM.digest(), AMD.digest()),
                index.manifests().stream().map(Descriptor::digest).toList());
        assertEquals("arm64", index.manifests().get(0).platform().architecture());
        assertEquals("v8", index.manifests().get(0).platform().variant());
        assertEquals("linux", index.manifests().get(1).platform().os());
        assertTrue(index.manifests().stream().allMatch(d -> d.annotations().isEmpty()),
                "a layout's tag annotations are not part of the index");
        assertTrue(index.annotations().isEmpty());
    }

    @Test
    void refusesTheSamePlatformTwiceAManifestWithoutPlatformAndANestedIndex() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ImageIndexWriter.bytes(List.of(ARM, manifest("{}", Platform.parse("linux/aarch64")))));
        assertEquals("image index: linux/arm64/v8 and linux/arm64/v8 are the same platform; name each platform once",
                twice.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ImageIndexWriter.bytes(List.of(AMD, manifest("{}", null))));
        assertTrue(none.getMessage().contains("has no platform"), none.getMessage());
        Descriptor nested = new Descriptor(MediaTypes.OCI_INDEX, ARM.digest(), ARM.size(), ARM64, null);
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> ImageIndexWriter.bytes(List.of(AMD, nested)));
        assertTrue(index.getMessage().contains("lists image manifests"), index.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageIndexWriter.bytes(List.of()));
    }
}
