package io.kimigayo.oci.layer;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link LayerWriter#compressTar}: an existing tar (build-rootfs's rootfs.tar) turned into a layer blob. */
class LayerWriterCompressTarTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path work;

    private Path rootfsTar() throws IOException {
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", Content.of("busybox binary ".repeat(500).getBytes(StandardCharsets.UTF_8)),
                        0755, 0, 0)
                .addSymlink("/bin/sh", "/bin/busybox", 0, 0)
                .addFile("/etc/os-release", Content.of("NAME=\"Kimigayo OS\"\n".getBytes(StandardCharsets.UTF_8)),
                        0644, 0, 0)
                .addDirectory("/tmp", 01777, 0, 0);
        Path tar = work.resolve("rootfs.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            new TarWriter().write(tree, T, out);
        }
        return tar;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void blobDigestSizeAndDiffIdAreThoseOfTheBytes() throws IOException {
        Path tar = rootfsTar();
        Path blobs = work.resolve("blobs/sha256");

        Layer layer = new LayerWriter().compressTar(tar, blobs);

        byte[] tarBytes = Files.readAllBytes(tar);
        byte[] blobBytes = Files.readAllBytes(layer.blob());
        assertEquals(Digest.of(tarBytes), layer.diffId(), "diff_id is the digest of the uncompressed tar");
        assertEquals(tarBytes.length, layer.uncompressedSize());
        assertEquals(Digest.of(blobBytes), layer.descriptor().digest());
        assertEquals(blobBytes.length, layer.descriptor().size());
        assertEquals(MediaTypes.OCI_LAYER_GZIP, layer.descriptor().mediaType());
        assertEquals(blobs.resolve(layer.descriptor().digest().hex()), layer.blob(), "stored under its digest");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(layer.blob()))) {
            assertArrayEquals(tarBytes, in.readAllBytes(), "the blob is the tar, gzip-compressed");
        }
        assertEquals(List.of(layer.descriptor().digest().hex()), names(blobs), "no temporary file is left");
    }

    @Test
    void sameTarGivesTheSameBlob() throws IOException {
        Path tar = rootfsTar();
        Layer a = new LayerWriter().compressTar(tar, work.resolve("a"));
        Layer b = new LayerWriter().compressTar(tar, work.resolve("b"));
        assertEquals(a.descriptor(), b.descriptor());
        assertEquals(a.diffId(), b.diffId());
        assertArrayEquals(Files.readAllBytes(a.blob()), Files.readAllBytes(b.blob()));
        byte[] header = Files.readAllBytes(a.blob());
        assertEquals(0, header[4] | header[5] | header[6] | header[7], "no time in the gzip header");
    }

    @Test
    void compressingATarGivesTheSameLayerAsWritingItsTree() throws IOException {
        FileTree tree = new FileTree()
                .addFile("/etc/hostname", Content.of("kimigayo\n".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        Path tar = work.resolve("tree.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            new TarWriter().write(tree, T, out);
        }
        Layer fromTar = new LayerWriter().compressTar(tar, work.resolve("x"));
        Layer fromTree = new LayerWriter().write(tree, T, work.resolve("y")).orElseThrow();
        assertEquals(fromTree.descriptor(), fromTar.descriptor());
        assertEquals(fromTree.diffId(), fromTar.diffId());
    }

    @Test
    void missingTarIsAnErrorAndLeavesNoBlob() throws IOException {
        Path blobs = Files.createDirectories(work.resolve("blobs"));
        assertThrows(IOException.class, () -> new LayerWriter().compressTar(work.resolve("nope.tar"), blobs));
        assertEquals(List.of(), names(blobs));
    }
}
