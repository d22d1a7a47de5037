package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobStoreTest {

    private static final byte[] DATA = "some blob".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void layoutStoreLivesUnderBlobsSha256() {
        BlobStore store = BlobStore.ofLayout(dir);
        assertEquals(dir.resolve("blobs/sha256"), store.directory());
        assertEquals(dir.resolve("blobs/sha256/" + Digest.of(DATA).hex()), store.path(Digest.of(DATA)));
    }

    @Test
    void putStoresUnderTheDigestAndDescribes() throws IOException {
        BlobStore store = BlobStore.ofLayout(dir);
        Descriptor d = store.put(MediaTypes.OCI_CONFIG, DATA);
        assertEquals(new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(DATA), DATA.length), d);
        assertArrayEquals(DATA, Files.readAllBytes(store.path(d.digest())));
        assertEquals(List.of(d.digest().hex()), names(store.directory()));
        assertEquals(d, store.put(MediaTypes.OCI_CONFIG, DATA), "storing twice is harmless");
        assertEquals(List.of(d.digest().hex()), names(store.directory()));
    }

    @Test
    void copyVerifiedAcceptsMatchingContent() throws IOException {
        BlobStore store = new BlobStore(dir.resolve("store"));
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(DATA), DATA.length);
        Path copy = store.copyVerified(new ByteArrayInputStream(DATA), d, "test");
        assertEquals(store.path(d.digest()), copy);
        assertArrayEquals(DATA, Files.readAllBytes(copy));
        assertEquals(List.of(d.digest().hex()), names(store.directory()));
    }

    @Test
    void copyVerifiedRefusesOtherContentAndKeepsNothing() throws IOException {
        BlobStore store = new BlobStore(dir.resolve("store"));
        Digest expected = Digest.of("the real one".getBytes(StandardCharsets.UTF_8));
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, expected, DATA.length);
        CorruptBlobException e = assertThrows(CorruptBlobException.class,
                () -> store.copyVerified(new ByteArrayInputStream(DATA), d, "oci:base:1"));
        assertEquals(expected, e.expected());
        assertTrue(e.getMessage().startsWith("oci:base:1: blob " + expected + " is corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("hashes to " + Digest.of(DATA)), e.getMessage());
        assertEquals(List.of(), names(store.directory()), "no blob and no temporary file");
    }

    @Test
    void copyVerifiedRefusesAWrongSize() throws IOException {
        BlobStore store = new BlobStore(dir.resolve("store"));
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(DATA), DATA.length + 1L);
        CorruptBlobException e = assertThrows(CorruptBlobException.class,
                () -> store.copyVerified(new ByteArrayInputStream(DATA), d, "o"));
        assertTrue(e.getMessage().contains("(" + DATA.length + " bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("(" + (DATA.length + 1) + " bytes)"), e.getMessage());
        assertEquals(List.of(), names(store.directory()));
    }

    @Test
    void readVerifiedChecksDigestAndSize() throws IOException {
        Path file = Files.write(dir.resolve("blob"), DATA);
        Descriptor good = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(DATA), DATA.length);
        assertArrayEquals(DATA, BlobStore.readVerified(file, good, "o"));
        Descriptor wrongSize = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(DATA), 1);
        assertThrows(CorruptBlobException.class, () -> BlobStore.readVerified(file, wrongSize, "o"));
        Descriptor wrongDigest = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(new byte[0]), DATA.length);
        CorruptBlobException e = assertThrows(CorruptBlobException.class,
                () -> BlobStore.readVerified(file, wrongDigest, "o"));
        assertEquals(Digest.of(new byte[0]), e.expected());
    }

    @Test
    void readVerifiedNamesAMissingBlob() {
        Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(DATA), DATA.length);
        IOException e = assertThrows(IOException.class,
                () -> BlobStore.readVerified(dir.resolve("absent"), d, "oci:x"));
        assertTrue(e.getMessage().startsWith("oci:x: blob " + d.digest() + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("absent").toString()), e.getMessage());
    }

    private static List<String> names(Path d) throws IOException {
        if (!Files.exists(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void linkVerifiedLinksACheckedFileAndRefusesAChangedOne() throws IOException {
        Path cached = Files.write(dir.resolve("cached.tar.gz"), DATA);
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(DATA), DATA.length);
        BlobStore store = BlobStore.ofLayout(dir.resolve("layout"));
        Path blob = store.linkVerified(cached, d, "cache");
        assertEquals(store.path(d.digest()), blob);
        assertEquals(Files.getAttribute(cached, "unix:ino"), Files.getAttribute(blob, "unix:ino"),
                "a hard link: no bytes written");

        Path other = Files.write(dir.resolve("other.tar.gz"), "same size".getBytes(StandardCharsets.UTF_8));
        BlobStore second = BlobStore.ofLayout(dir.resolve("layout2"));
        CorruptBlobException e = assertThrows(CorruptBlobException.class,
                () -> second.linkVerified(other, d, "layer cache " + other));
        assertTrue(e.getMessage().contains("layer cache " + other), e.getMessage());
        try (Stream<Path> left = Files.list(second.directory())) {
            assertEquals(List.of(), left.toList(), "nothing enters the store");
        }
    }
}
