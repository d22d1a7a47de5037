package io.kimigayo.rootfs.prebuilt;

import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What rebuild-check reports when a rebuild is not the published artifact. */
class RebuildCheckTest {

    @TempDir
    Path work;

    private Path tarGz(String name, FileTree tree, Instant time) throws IOException {
        Path file = work.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            new TarWriter().write(tree, time, out);
        }
        return file;
    }

    private static FileTree tree(String busybox, int shadowMode) {
        FileTree tree = new FileTree();
        tree.addFile("/bin/busybox", Content.of(busybox.getBytes(StandardCharsets.UTF_8)), 0755, 0, 0);
        tree.addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        tree.addFile("/etc/shadow", Content.of(new byte[0]), shadowMode, 0, 0);
        return tree;
    }

    @Test
    void theDifferingEntriesAreNamedWithWhatDiffers() throws IOException {
        Path published = tarGz("published.tar.gz", tree("one", 0600), Instant.EPOCH);
        FileTree other = tree("two", 0644);
        other.addFile("/etc/extra", Content.of(new byte[0]), 0644, 0, 0);
        Path rebuilt = tarGz("rebuilt.tar.gz", other, Instant.EPOCH);
        List<String> d = RebuildCheck.differences(published, rebuilt);
        assertEquals(3, d.size(), d.toString());
        assertEquals(true, d.get(0).startsWith("/bin/busybox: file sha256:"), d.get(0));
        assertEquals(true, d.get(0).endsWith(" 755 0:0 rebuilt"), d.get(0));
        assertEquals("/etc/extra: only in the rebuild", d.get(1));
        assertEquals("/etc/shadow: file sha256:e3b0c44298fc 600 0:0 published, file sha256:e3b0c44298fc 644 0:0 rebuilt",
                d.get(2));
    }

    @Test
    void archivesOfTheSameTreeThatDifferInTheirEncodingSaySo() throws IOException {
        Path a = tarGz("a.tar.gz", tree("one", 0600), Instant.EPOCH);
        Path b = tarGz("b.tar.gz", tree("one", 0600), Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(List.of("the same entries: the archives differ only in their timestamps or their encoding (tar or gzip writer)"),
                RebuildCheck.differences(a, b));
    }
}
