package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A cache entry whose description ({@code <key>.txt}) is damaged is a miss, like one whose blob is damaged. */
class LayerCacheDamagedDescriptionTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage\n", "sha256:0000\n", "not a digest\nnor this\n1\n2\n"})
    void aDamagedDescriptionIsDroppedAndTheLayerWrittenAnew(String description) throws Exception {
        Path cacheDir = temp.resolve("cache");
        FileTree tree = new FileTree().addFile("/opt/java/release",
                Content.of("JAVA_VERSION=\"17\"\n".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        TreeLayer treeLayer = new TreeLayer(tree, "runtime", "key");
        Layer first = new LayerCache(cacheDir).layer(treeLayer, TestImages.TIME.instant(),
                Files.createDirectories(temp.resolve("b1")), new LayerWriter()).orElseThrow();
        Path meta;
        try (Stream<Path> s = Files.list(cacheDir)) {
            meta = s.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
        }
        Files.writeString(meta, description);

        Path blobs = Files.createDirectories(temp.resolve("b2"));
        Layer second = new LayerCache(cacheDir).layer(treeLayer, TestImages.TIME.instant(), blobs,
                new LayerWriter()).orElseThrow();

        assertEquals(first.descriptor(), second.descriptor());
        assertEquals(first.diffId(), second.diffId());
        assertEquals(first.descriptor().digest(), Digest.of(Files.readAllBytes(second.blob())));
        assertEquals(List.of(first.descriptor().digest().toString(), first.diffId().toString(),
                Long.toString(first.descriptor().size()), Long.toString(first.uncompressedSize())),
                Files.readAllLines(meta), "the description is rewritten");
    }
}
