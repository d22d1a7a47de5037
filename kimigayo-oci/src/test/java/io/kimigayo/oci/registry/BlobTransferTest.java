package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BlobTransfer} on its own against the real registry: monolithic and chunked uploads read back byte for byte,
 * a cross-repository mount, and a mount the registry cannot do (the blob must then be sent).
 */
class BlobTransferTest {

    @TempDir
    static Path dir;
    @AutoClose
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        registry = LocalRegistry.start(dir.resolve("registry"));
    }

    private static BlobTransfer blobs(long chunkSize) throws IOException {
        RegistryAccess access = RegistryAccess.of(Map.of("HOME", "/nonexistent")).withChunkSize(chunkSize);
        return new BlobTransfer(RegistryAuthenticator.connect(registry.host(), access));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Descriptor layer(byte[] bytes) {
        return new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(bytes), bytes.length);
    }

    private static void assertReadsBack(BlobTransfer blobs, String repository, byte[] bytes, String name)
            throws IOException {
        Path stored = blobs.fetchBlob(repository, layer(bytes), new BlobStore(dir.resolve("pulled-" + name)));
        assertArrayEquals(bytes, Files.readAllBytes(stored));
    }

    @Test
    void monolithicUpload() throws IOException {
        BlobTransfer blobs = blobs(RegistryAccess.DEFAULT_CHUNK_SIZE);
        byte[] bytes = randomBytes(10_000, 1);
        assertFalse(blobs.blobExists("blobs/one", Digest.of(bytes)));
        blobs.uploadBlob("blobs/one", layer(bytes), bytes);
        assertTrue(blobs.blobExists("blobs/one", Digest.of(bytes)));
        assertReadsBack(blobs, "blobs/one", bytes, "one");
    }

    @Test
    void chunkedUploadFromAFile() throws IOException {
        BlobTransfer blobs = blobs(4096);
        byte[] bytes = randomBytes(3 * 4096 + 17, 2);
        Path file = Files.write(dir.resolve("chunked.bin"), bytes);
        blobs.uploadBlob("blobs/chunked", layer(bytes), file);
        assertTrue(blobs.blobExists("blobs/chunked", Digest.of(bytes)));
        assertReadsBack(blobs, "blobs/chunked", bytes, "chunked");
    }

    @Test
    void mountFromAnotherRepository() throws IOException {
        BlobTransfer blobs = blobs(RegistryAccess.DEFAULT_CHUNK_SIZE);
        byte[] bytes = randomBytes(5_000, 3);
        blobs.uploadBlob("blobs/source", layer(bytes), bytes);
        assertTrue(blobs.mountBlob("blobs/target", Digest.of(bytes), "blobs/source"));
        assertTrue(blobs.blobExists("blobs/target", Digest.of(bytes)));
        byte[] absent = randomBytes(100, 4);
        assertFalse(blobs.mountBlob("blobs/target", Digest.of(absent), "blobs/source"),
                "a blob the source does not have is not mounted");
        assertFalse(blobs.blobExists("blobs/target", Digest.of(absent)));
    }
}
