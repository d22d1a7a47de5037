package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ManifestTransfer} on its own against the real registry: a manifest and an index put under tags and read
 * back by tag and by digest, and a tag that names nothing.
 */
class ManifestTransferTest {

    @TempDir
    static Path dir;
    @AutoClose
    static LocalRegistry registry;
    static ManifestTransfer manifests;
    static Descriptor config;

    @BeforeAll
    static void start() throws IOException {
        registry = LocalRegistry.start(dir.resolve("registry"));
        RegistryAuthenticator auth = RegistryAuthenticator.connect(registry.host(),
                RegistryAccess.of(Map.of("HOME", "/nonexistent")));
        manifests = new ManifestTransfer(auth);
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        config = new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(bytes), bytes.length);
        new BlobTransfer(auth).uploadBlob("manifests/app", config, bytes);
    }

    private static byte[] manifest() {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + config.digest() + "\",\"size\":" + config.size()
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void manifestUnderATagReadsBackByTagAndDigest() throws IOException {
        byte[] bytes = manifest();
        manifests.putManifest("manifests/app", "1.0", MediaTypes.OCI_MANIFEST, bytes);
        assertEquals(Optional.of(Digest.of(bytes)), manifests.manifestDigest("manifests/app", "1.0"));
        ManifestResponse byTag = manifests.manifest("manifests/app", "1.0").orElseThrow();
        assertArrayEquals(bytes, byTag.bytes());
        assertEquals(MediaTypes.OCI_MANIFEST, byTag.mediaType());
        assertEquals(new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(bytes), bytes.length), byTag.descriptor());
        ManifestResponse byDigest = manifests.manifest("manifests/app", Digest.of(bytes).toString()).orElseThrow();
        assertArrayEquals(bytes, byDigest.bytes());
    }

    @Test
    void indexUnderATag() throws IOException {
        byte[] manifest = manifest();
        manifests.putManifest("manifests/app", Digest.of(manifest).toString(), MediaTypes.OCI_MANIFEST, manifest);
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + Digest.of(manifest)
                + "\",\"size\":" + manifest.length + "}]}").getBytes(StandardCharsets.UTF_8);
        manifests.putManifest("manifests/app", "multi", MediaTypes.OCI_INDEX, index);
        ManifestResponse read = manifests.manifest("manifests/app", "multi").orElseThrow();
        assertEquals(MediaTypes.OCI_INDEX, read.mediaType());
        assertEquals(Digest.of(index), read.digest());
    }

    @Test
    void aTagThatNamesNothingIsEmpty() throws IOException {
        assertTrue(manifests.manifest("manifests/app", "missing").isEmpty());
        assertTrue(manifests.manifestDigest("manifests/app", "missing").isEmpty());
    }
}
