package io.kimigayo.rootfs.archive;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarReaderTest {

    private static byte[] tar(FileTree tree, Instant time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter().write(tree, time, out);
        return out.toByteArray();
    }

    @Test
    void aTreeReadBackIsWrittenToTheSameBytes() throws IOException {
        FileTree tree = new FileTree();
        tree.addDirectory("/etc", 0755, 0, 0);
        tree.addDirectory("/tmp", 01777, 0, 0);
        tree.addDirectory("/home/nonroot", 0700, 65532, 65532);
        tree.addFile("/etc/shadow", Content.of("root:*:0:0:::::\n".getBytes(StandardCharsets.UTF_8)), 0600, 0, 42);
        tree.addFile("/usr/bin/su", Content.of(new byte[]{1, 2, 3}), 04755, 0, 0);
        tree.addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        tree.addFile("/usr/share/zoneinfo/Asia/Tokyo", Content.of(new byte[]{9}), 0644, 0, 0);
        tree.addHardlink("/usr/share/zoneinfo/Japan", "/usr/share/zoneinfo/Asia/Tokyo", 0, 0);
        tree.addFile("/usr/share/doc/" + "a".repeat(120) + "/日本語.txt", Content.of(new byte[0]), 0644, 0, 0);
        byte[] first = tar(tree, Instant.parse("2026-01-01T00:00:00Z"));
        FileTree read = new TarReader().read(new ByteArrayInputStream(first), "t.tar");
        assertArrayEquals(tar(tree, Instant.EPOCH), tar(read, Instant.EPOCH), "the same tree");
        assertEquals(04755, read.get("/usr/bin/su").orElseThrow().mode());
        assertEquals(65532, read.get("/home/nonroot").orElseThrow().uid());
        // the tar carries the content on the first path of a hard-link group; the other links to it
        assertInstanceOf(TreeEntry.Hardlink.class, read.get("/usr/share/zoneinfo/Japan").orElseThrow());
    }

    @Test
    void aDeviceOrAnEscapingPathIsRefusedNamingTheEntry() throws IOException {
        for (String[] bad : new String[][]{{"dev/null", "device"}, {"../etc/passwd", "escape"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                TarArchiveEntry e = bad[1].equals("device")
                        ? new TarArchiveEntry(bad[0], org.apache.commons.compress.archivers.tar.TarConstants.LF_CHR)
                        : new TarArchiveEntry(bad[0]);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            IOException e = assertThrows(IOException.class, () -> new TarReader().read(
                    new ByteArrayInputStream(out.toByteArray()), "bad.tar"));
            assertTrue(e.getMessage().startsWith("bad.tar: entry " + bad[0]), e.getMessage());
        }
    }
}
