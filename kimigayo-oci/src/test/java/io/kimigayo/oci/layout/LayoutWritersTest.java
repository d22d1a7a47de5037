package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutWritersTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void layoutWriterWritesMarkerAndIndexAndNoTemporaryFile() throws IOException {
        Path layout = dir.resolve("layout");
        Descriptor m = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(new byte[]{1}), 1)
                .withAnnotations(Map.of(Index.REF_NAME, "t"));
        new OciLayoutWriter().write(layout, List.of(m));
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(layout.resolve("oci-layout")));
        assertArrayEquals(Json.write(Index.of(List.of(m))), Files.readAllBytes(layout.resolve("index.json")));
        assertEquals(List.of("index.json", "oci-layout"), names(layout));
        new OciLayoutWriter().write(layout, List.of());
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}",
                Files.readString(layout.resolve("index.json")));
        assertEquals(List.of("index.json", "oci-layout"), names(layout));
    }

    private Path sampleLayout(Path layout, FileTime mtime) throws IOException {
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(blobs.resolve("bb"), "second");
        Files.writeString(blobs.resolve("aa"), "first");
        Files.writeString(blobs.resolve(".blob-123.tmp"), "half a blob");
        Files.writeString(layout.resolve("oci-layout"), "{}");
        Files.writeString(layout.resolve("index.json"), "{\"manifests\":[]}");
        try (Stream<Path> all = Files.walk(layout)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, mtime);
            }
        }
        return layout;
    }

    @Test
    void ociArchiveIsSortedStampedWithoutTemporaryFilesAndReproducible() throws IOException {
        Path a = sampleLayout(dir.resolve("a"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path b = sampleLayout(dir.resolve("other/b"), FileTime.from(Instant.parse("2024-06-01T12:00:00Z")));
        Path archiveA = dir.resolve("a.tar");
        Path archiveB = dir.resolve("b.tar");
        new OciArchiveWriter().write(a, T, archiveA);
        new OciArchiveWriter().write(b, T, archiveB);
        assertArrayEquals(Files.readAllBytes(archiveA), Files.readAllBytes(archiveB));

        Map<String, Integer> modes = new LinkedHashMap<>();
        Map<String, String> contents = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archiveA))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                modes.put(e.getName(), e.getMode() & 07777);
                assertEquals(T, e.getLastModifiedTime().toInstant(), e.getName());
                assertEquals(0, e.getLongUserId());
                assertEquals("", e.getUserName());
                if (e.isFile()) {
                    contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of("blobs/", "blobs/sha256/", "blobs/sha256/aa", "blobs/sha256/bb", "index.json",
                "oci-layout"), new ArrayList<>(modes.keySet()));
        assertEquals(List.of(0755, 0755, 0644, 0644, 0644, 0644), new ArrayList<>(modes.values()));
        assertEquals("first", contents.get("blobs/sha256/aa"));
        assertEquals(List.of("a.tar", "a", "b.tar", "other").stream().sorted().toList(), names(dir),
                "no temporary file beside the archive");
    }

    @Test
    void ociArchiveReaderUnpacksWhatTheWriterPacked() throws IOException {
        // A round trip through the archive of an unrelated, non-image layout fails only at the layout check.
        Path layout = sampleLayout(dir.resolve("layout"), FileTime.from(T));
        Path archive = dir.resolve("layout.tar");
        new OciArchiveWriter().write(layout, T, archive);
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new OciArchiveReader().read(archive, null, io.kimigayo.oci.model.Platform.parse("linux/amd64"),
                        new BlobStore(dir.resolve("into")), scratch, "oci-archive:layout.tar"));
        // index.json has no schema problems Jackson cares about, but it names no image.
        assertTrue(e.getMessage().startsWith("oci-archive:layout.tar: the layout holds 0 images"), e.getMessage());
        assertEquals("first", Files.readString(scratch.resolve("blobs/sha256/aa")));
        assertEquals("second", Files.readString(scratch.resolve("blobs/sha256/bb")));
        assertEquals(List.of("aa", "bb"), names(scratch.resolve("blobs/sha256")));
    }

    @Test
    void dockerArchiveOfAnImageWithoutLayersHasNoRepositoriesFile() throws IOException {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        Path archive = dir.resolve("image.tar");
        new DockerArchiveWriter().write(config, List.of(), "example/empty", List.of("1", "latest"), T, archive);
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                files.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        String configName = Digest.of(config).hex() + ".json";
        assertEquals(List.of(configName, "manifest.json"), new ArrayList<>(files.keySet()));
        assertEquals("[{\"Config\":\"" + configName + "\",\"Layers\":[],"
                + "\"RepoTags\":[\"example/empty:1\",\"example/empty:latest\"]}]", files.get("manifest.json"));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
