package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.kimigayo.oci.pack.TestImages.flipByte;
import static io.kimigayo.oci.pack.TestImages.names;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerCacheTest {

    private static final Instant TIME = TestImages.TIME.instant();
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    @TempDir
    Path temp;

    private Path cacheDir;
    private final AtomicInteger opens = new AtomicInteger();
    private final LayerWriter writer = new LayerWriter();

    /** Content that counts how often its bytes are read: a layer written again reads them again. */
    private final class Counted implements Content {
        private final byte[] bytes;

        Counted(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            opens.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        }
    }

    @BeforeEach
    void setUp() {
        cacheDir = temp.resolve("cache/layers");
    }

    /** A runtime-like tree: a big half-random file (so compressing it is real work), a text file, a symlink. */
    private FileTree tree() {
        byte[] big = new byte[512 * 1024];
        new Random(42).nextBytes(big);
        for (int i = 0; i < big.length; i += 2) {
            big[i] = 'x';
        }
        return new FileTree()
                .addFile("/opt/java/lib/modules", new Counted(big), 0644, 0, 0)
                .addFile("/opt/java/release", new Counted("JAVA_VERSION=\"17\"\n".getBytes(StandardCharsets.UTF_8)),
                        0644, 0, 0)
                .addSymlink("/opt/java/bin/jre", "java", 0, 0);
    }

    private Path blobs(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    private Layer layer(LayerCache cache, TreeLayer treeLayer, Instant time, Path blobs) throws IOException {
        return cache.layer(treeLayer, time, blobs, writer).orElseThrow();
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.sorted().toList();
        }
    }

    private Path cachedBlob() throws IOException {
        return cacheFiles().stream().filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
    }

    private static void assertSameLayer(Layer expected, Layer actual) {
        assertEquals(expected.descriptor(), actual.descriptor());
        assertEquals(expected.diffId(), actual.diffId());
        assertEquals(expected.uncompressedSize(), actual.uncompressedSize());
    }

    /** The blob is named by its digest, holds exactly those bytes, and is the only file in its directory. */
    private static void assertIntactAndAlone(Layer layer, Path blobs) throws IOException {
        assertEquals(blobs.resolve(layer.descriptor().digest().hex()), layer.blob());
        byte[] bytes = Files.readAllBytes(layer.blob());
        assertEquals(layer.descriptor().digest(), Digest.of(bytes));
        assertEquals(layer.descriptor().size(), bytes.length);
        assertEquals(List.of(layer.descriptor().digest().hex()), names(blobs), "no temporary files left");
    }

    @Test
    void theFirstPackWritesTheLayerAndKeepsACopy() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        Path blobs = blobs("blobs1");

        Layer layer = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs);

        assertTrue(opens.get() > 0, "the tree was read");
        assertIntactAndAlone(layer, blobs);
        Layer plain = writer.write(tree(), TIME, blobs("plain")).orElseThrow();
        assertSameLayer(plain, layer);

        List<String> names = names(cacheDir);
        assertEquals(2, names.size(), names.toString());
        String stem = names.get(0).substring(0, names.get(0).indexOf('.'));
        assertEquals(List.of(stem + ".tar.gz", stem + ".txt"), names, "a blob and its description, nothing else");
        assertArrayEquals(Files.readAllBytes(layer.blob()), Files.readAllBytes(cacheDir.resolve(stem + ".tar.gz")));
        assertEquals(List.of(layer.descriptor().digest().toString(), layer.diffId().toString(),
                Long.toString(layer.descriptor().size()), Long.toString(layer.uncompressedSize())),
                Files.readAllLines(cacheDir.resolve(stem + ".txt")));
    }

    @Test
    void theSamePackAgainReusesTheCachedBlobWithoutCompressing() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        Layer first = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs1"));
        int readsForTheFirst = opens.get();
        for (Path file : cacheFiles()) {
            Files.setLastModifiedTime(file, LONG_AGO);
        }

        Path blobs = blobs("blobs2");
        Layer second = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs);

        assertEquals(readsForTheFirst, opens.get(), "the tree was not read again: no second tar, no compression");
        assertSameLayer(first, second);
        assertIntactAndAlone(second, blobs);
        assertArrayEquals(Files.readAllBytes(first.blob()), Files.readAllBytes(second.blob()));
        for (Path file : cacheFiles()) {
            assertEquals(LONG_AGO, Files.getLastModifiedTime(file), "the cache entry was not rewritten: " + file);
        }
        assertEquals(2, cacheFiles().size());
    }

    @Test
    void aDamagedCachedBlobOfTheSameSizeIsDroppedAndWrittenAnew() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        Layer first = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs1"));
        Path cached = cachedBlob();
        long size = Files.size(cached);
        flipByte(cached);
        assertEquals(size, Files.size(cached));
        assertNotEquals(first.descriptor().digest(), Digest.of(Files.readAllBytes(cached)), "fixture: damaged");
        int before = opens.get();

        Path blobs = blobs("blobs2");
        Layer second = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs);

        assertTrue(opens.get() > before, "the layer was written again from the tree");
        assertSameLayer(first, second);
        assertIntactAndAlone(second, blobs);
        assertEquals(first.descriptor().digest(), Digest.of(Files.readAllBytes(cached)),
                "the cache holds the good blob again");
        assertEquals(2, cacheFiles().size(), "no temporary files left in the cache");

        int afterRepair = opens.get();
        Layer third = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs3"));
        assertEquals(afterRepair, opens.get(), "the repaired entry is used again");
        assertSameLayer(first, third);
    }

    @Test
    void aTruncatedCachedBlobIsDroppedAndWrittenAnew() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        Layer first = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs1"));
        Path cached = cachedBlob();
        byte[] bytes = Files.readAllBytes(cached);
        Files.write(cached, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Path blobs = blobs("blobs2");
        Layer second = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs);

        assertSameLayer(first, second);
        assertIntactAndAlone(second, blobs);
        assertArrayEquals(bytes, Files.readAllBytes(cached));
    }

    @Test
    void aBlobWithoutItsDescriptionIsNotTrusted() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        Layer first = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs1"));
        Path meta = cacheFiles().stream().filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
        Files.delete(meta);
        int before = opens.get();

        Layer second = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs2"));

        assertTrue(opens.get() > before, "written again");
        assertSameLayer(first, second);
        assertTrue(Files.isRegularFile(meta), "the description is back");
    }

    @Test
    void anotherKeyOrAnotherTimestampIsAnotherEntry() throws IOException {
        FileTree tree = tree();
        Layer first = layer(new LayerCache(cacheDir), new TreeLayer(tree, "a", "key-1"), TIME, blobs("blobs1"));
        int reads = opens.get();

        Layer otherKey = layer(new LayerCache(cacheDir), new TreeLayer(tree, "a", "key-2"), TIME, blobs("blobs2"));
        assertTrue(opens.get() > reads, "a new key is compressed");
        assertSameLayer(first, otherKey);
        assertEquals(4, cacheFiles().size());

        reads = opens.get();
        Instant later = TIME.plusSeconds(3600);
        Layer otherTime = layer(new LayerCache(cacheDir), new TreeLayer(tree, "a", "key-1"), later, blobs("blobs3"));
        assertTrue(opens.get() > reads, "the same key at another build time is written again");
        assertNotEquals(first.descriptor().digest(), otherTime.descriptor().digest(), "mtimes are in the tar");
        assertEquals(6, cacheFiles().size());

        reads = opens.get();
        assertSameLayer(otherTime, layer(new LayerCache(cacheDir), new TreeLayer(tree, "b", "key-1"), later,
                blobs("blobs4")));
        assertEquals(reads, opens.get(), "createdBy is not part of the key");
    }

    @Test
    void withoutACacheKeyTheLayerIsCachedByItsEntriesAndBytes() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "dependencies", null);
        Layer first = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs1"));
        int reads = opens.get();
        assertTrue(reads > 0);
        assertEquals(2, cacheFiles().size(), "cached");

        // the same entries and bytes, from other Content objects: read to be hashed, not compressed again
        Path blobs = blobs("blobs2");
        Layer second = layer(new LayerCache(cacheDir), new TreeLayer(tree(), "dependencies", null), TIME, blobs);
        assertSameLayer(first, second);
        assertIntactAndAlone(second, blobs);
        assertEquals(2, cacheFiles().size(), "the same entry");
        assertSameLayer(writer.write(tree(), TIME, blobs("plain")).orElseThrow(), second);

        // one byte, one mode or one owner more or less is another layer
        FileTree changedByte = tree().addFile("/opt/java/release",
                Content.of("JAVA_VERSION=\"18\"\n".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        FileTree changedMode = tree().addFile("/opt/java/release",
                Content.of("JAVA_VERSION=\"17\"\n".getBytes(StandardCharsets.UTF_8)), 0755, 0, 0);
        FileTree changedOwner = tree().addFile("/opt/java/release",
                Content.of("JAVA_VERSION=\"17\"\n".getBytes(StandardCharsets.UTF_8)), 0644, 1, 0);
        FileTree changedLink = tree().addSymlink("/opt/java/bin/jre", "javaw", 0, 0);
        java.util.Set<Digest> digests = new java.util.HashSet<>(List.of(first.descriptor().digest()));
        int n = 3;
        for (FileTree changed : List.of(changedByte, changedMode, changedOwner, changedLink)) {
            Layer layer = layer(new LayerCache(cacheDir), new TreeLayer(changed, "dependencies", null), TIME,
                    blobs("blobs" + n++));
            assertTrue(digests.add(layer.descriptor().digest()), "a new layer for " + changed.entries());
            assertSameLayer(writer.write(changed, TIME, blobs("plain" + n)).orElseThrow(), layer);
        }
        assertEquals(10, cacheFiles().size(), "five entries");
    }

    @Test
    void withoutACacheDirectoryTheLayerIsWrittenNormally() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        Layer first = layer(new LayerCache(null), treeLayer, TIME, blobs("blobs1"));
        int reads = opens.get();
        Path blobs = blobs("blobs2");
        Layer second = layer(new LayerCache(null), treeLayer, TIME, blobs);
        assertEquals(2 * reads, opens.get());
        assertSameLayer(first, second);
        assertIntactAndAlone(second, blobs);
        assertFalse(Files.exists(temp.resolve("cache")));
    }

    @Test
    void anEmptyTreeGivesNoLayerAndNoEntry() throws IOException {
        Path blobs = blobs("blobs1");
        assertEquals(Optional.empty(),
                new LayerCache(cacheDir).layer(new TreeLayer(new FileTree(), "empty", "key"), TIME, blobs, writer));
        assertEquals(List.of(), names(blobs));
        assertFalse(Files.exists(cacheDir) && !names(cacheDir).isEmpty(), "nothing cached");
    }

    @Test
    void theCachedLayerHoldsTheTreesEntries() throws IOException {
        TreeLayer treeLayer = new TreeLayer(tree(), "java runtime", "runtime-key-1");
        layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs1"));
        Layer reused = layer(new LayerCache(cacheDir), treeLayer, TIME, blobs("blobs2"));
        Map<String, Long> entries = new HashMap<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(Files.newInputStream(reused.blob())))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e.getSize());
                assertEquals(TIME, e.getLastModifiedDate().toInstant(), e.getName());
            }
        }
        assertEquals(512L * 1024, entries.get("opt/java/lib/modules"), entries.toString());
        assertEquals(18L, entries.get("opt/java/release"), entries.toString());
        assertTrue(entries.containsKey("opt/java/bin/jre"), entries.toString());
    }

    /** A rootfs.tar-like file written by the tree's own tar writer. */
    private Path tarFile(String name, FileTree tree) throws IOException {
        Path tar = temp.resolve(name);
        try (var out = Files.newOutputStream(tar)) {
            writer.writeTar(tree, TIME, out);
        }
        return tar;
    }

    @Test
    void aTarFileIsCompressedOnceAndThenCopiedFromTheCache() throws IOException {
        Path tar = tarFile("rootfs.tar", tree());
        Layer first = new LayerCache(cacheDir).tar(tar, blobs("blobs1"), writer);
        assertSameLayer(writer.compressTar(tar, blobs("plain")), first);
        assertEquals(2, cacheFiles().size(), "a blob and its description");
        for (Path file : cacheFiles()) {
            Files.setLastModifiedTime(file, LONG_AGO);
        }

        Path blobs = blobs("blobs2");
        Layer second = new LayerCache(cacheDir).tar(tar, blobs, writer);

        assertSameLayer(first, second);
        assertIntactAndAlone(second, blobs);
        for (Path file : cacheFiles()) {
            assertEquals(LONG_AGO, Files.getLastModifiedTime(file), "the entry was reused, not rewritten: " + file);
        }
    }

    @Test
    void aChangedTarFileIsAnotherEntry() throws IOException {
        Path tar = tarFile("rootfs.tar", tree());
        Layer first = new LayerCache(cacheDir).tar(tar, blobs("blobs1"), writer);
        Files.move(tarFile("other.tar", tree().addFile("/etc/motd", Content.of("hi\n".getBytes(
                StandardCharsets.UTF_8)), 0644, 0, 0)), tar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Layer second = new LayerCache(cacheDir).tar(tar, blobs("blobs2"), writer);

        assertNotEquals(first.descriptor().digest(), second.descriptor().digest());
        assertSameLayer(writer.compressTar(tar, blobs("plain")), second);
        assertEquals(4, cacheFiles().size(), "two entries");
    }

    @Test
    void aTarFileWithoutACacheDirectoryIsCompressedNormally() throws IOException {
        Path tar = tarFile("rootfs.tar", tree());
        Layer layer = new LayerCache(null).tar(tar, blobs("blobs1"), writer);
        assertSameLayer(writer.compressTar(tar, blobs("plain")), layer);
        assertFalse(Files.exists(temp.resolve("cache")));
    }
}
