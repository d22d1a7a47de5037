package io.kimigayo.signing.openpgp;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LookasideStoreTest {

    private static final Digest DIGEST = Digest.of("manifest".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path root;

    @Test
    void namesTheDirectoryByRepositoryPathWithoutRegistryAndByDigest() {
        LookasideStore store = new LookasideStore(root);
        // containers/image: base + "/" + reference.Path(ref) + "@sha256=" + hex + "/signature-" + index
        assertEquals(root.resolve("kimigayo/app@sha256=" + DIGEST.hex() + "/signature-1"),
                store.signaturePath("127.0.0.1:5000/kimigayo/app:1.0", DIGEST, 1));
        assertEquals(root.resolve("kimigayo/app@sha256=" + DIGEST.hex()),
                store.directory("registry.example.com/kimigayo/app@" + DIGEST, DIGEST));
        assertEquals(root.resolve("library/busybox@sha256=" + DIGEST.hex() + "/signature-2"),
                store.signaturePath("busybox", DIGEST, 2));
        assertEquals(store.directory("docker.io/library/busybox:latest", DIGEST), store.directory("busybox:1", DIGEST));
        assertEquals(root.resolve("a/b/c@sha256=" + DIGEST.hex()), store.directory("quay.io/a/b/c:x", DIGEST));
    }

    @Test
    void writesTheFirstFreeIndexAndKeepsOneCopyOfTheSameBytes() throws IOException {
        LookasideStore store = new LookasideStore(root);
        String ref = "127.0.0.1:5000/kimigayo/app:1.0";
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5, 6};
        byte[] c = {7};

        Path first = store.write(ref, DIGEST, a);
        Path second = store.write(ref, DIGEST, b);
        Path again = store.write(ref, DIGEST, a);
        Path third = store.write(ref, DIGEST, c);

        assertEquals(store.signaturePath(ref, DIGEST, 1), first);
        assertEquals(store.signaturePath(ref, DIGEST, 2), second);
        assertEquals(first, again);
        assertEquals(store.signaturePath(ref, DIGEST, 3), third);
        assertArrayEquals(a, Files.readAllBytes(first));
        assertArrayEquals(b, Files.readAllBytes(second));
        assertArrayEquals(c, Files.readAllBytes(third));
        assertEquals(List.of(first, second, third), store.signatures(ref, DIGEST));
        assertEquals(List.of("signature-1", "signature-2", "signature-3"), names(store.directory(ref, DIGEST)));
    }

    @Test
    void fillsAGapFirstAsContainersImageReadsUpToTheFirstMissingIndex() throws IOException {
        LookasideStore store = new LookasideStore(root);
        String ref = "r.example/app:1";
        store.write(ref, DIGEST, new byte[] {1});
        store.write(ref, DIGEST, new byte[] {2});
        Files.delete(store.signaturePath(ref, DIGEST, 1));

        assertEquals(List.of(), store.signatures(ref, DIGEST));
        assertEquals(store.signaturePath(ref, DIGEST, 1), store.write(ref, DIGEST, new byte[] {3}));
        assertEquals(2, store.signatures(ref, DIGEST).size());
    }

    @Test
    void signaturesAreWorldReadableAndNoTemporaryFileIsLeft() throws IOException {
        LookasideStore store = new LookasideStore(root);
        Path written = store.write("r.example/app:1", DIGEST, new byte[] {1});
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        assertEquals(List.of("signature-1"), names(written.getParent()));
    }

    @Test
    void digestsOfOtherImagesGoElsewhere() throws IOException {
        LookasideStore store = new LookasideStore(root);
        Digest other = Digest.of(new byte[] {9});
        store.write("r.example/app:1", DIGEST, new byte[] {1});
        assertEquals(store.signaturePath("r.example/app:1", other, 1),
                store.write("r.example/app:1", other, new byte[] {1}));
    }

    @Test
    void refusesBadInput() {
        LookasideStore store = new LookasideStore(root);
        assertThrows(IllegalArgumentException.class, () -> store.write("r.example/../etc:1", DIGEST, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> store.write("r.example/app:1", DIGEST, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> store.signaturePath("r.example/app:1", DIGEST, 0));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
