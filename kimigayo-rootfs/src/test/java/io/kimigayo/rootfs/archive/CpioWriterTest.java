package io.kimigayo.rootfs.archive;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpioWriterTest {

    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path work;

    private static Content text(String s) {
        return Content.of(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry as read back, with its content. */
    private record Read(CpioArchiveEntry entry, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static byte[] write(FileTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CpioWriter().write(tree, TIME, out);
        return out.toByteArray();
    }

    private static Map<String, Read> read(byte[] archive) throws IOException {
        Map<String, Read> entries = new LinkedHashMap<>();
        try (CpioArchiveInputStream in = new CpioArchiveInputStream(new ByteArrayInputStream(archive), "UTF-8")) {
            for (CpioArchiveEntry e = in.getNextCPIOEntry(); e != null; e = in.getNextCPIOEntry()) {
                entries.put(e.getName(), new Read(e, in.readAllBytes()));
            }
        }
        return entries;
    }

    private static FileTree sample() {
        FileTree tree = new FileTree();
        tree.addDirectory("/bin", 0755, 0, 0);
        tree.addFile("/bin/busybox", text("#!busybox\n"), 0755, 0, 0);
        tree.addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        tree.addDirectory("/tmp", 01777, 0, 0);
        tree.addFile("/etc/passwd", text("root:x:0:0:root:/root:/bin/sh\n"), 0644, 0, 0);
        tree.addFile("/etc/shadow", text("root:*:::::::\n"), 0640, 0, 42);
        tree.addDirectory("/home/nonroot", 0750, 65532, 65532);
        tree.addFile("/usr/bin/passwd", text("setuid"), 04755, 0, 0);
        return tree;
    }

    /** The same tree built in another order. */
    private static FileTree sampleReversed() {
        FileTree tree = new FileTree();
        tree.addFile("/usr/bin/passwd", text("setuid"), 04755, 0, 0);
        tree.addDirectory("/home/nonroot", 0750, 65532, 65532);
        tree.addFile("/etc/shadow", text("root:*:::::::\n"), 0640, 0, 42);
        tree.addFile("/etc/passwd", text("root:x:0:0:root:/root:/bin/sh\n"), 0644, 0, 0);
        tree.addDirectory("/tmp", 01777, 0, 0);
        tree.addFile("/bin/busybox", text("#!busybox\n"), 0755, 0, 0);
        tree.addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        tree.addDirectory("/bin", 0755, 0, 0);
        return tree;
    }

    @Test
    void sameTreeGivesTheSameBytesWhateverTheInsertionOrder() throws IOException {
        byte[] a = write(sample());
        byte[] b = write(sampleReversed());
        assertArrayEquals(a, b);
        assertArrayEquals(a, write(sample()), "and every time");
    }

    @Test
    void differentTimestampGivesDifferentBytes() throws IOException {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        new CpioWriter().write(sample(), TIME.plusSeconds(1), other);
        assertFalse(java.util.Arrays.equals(write(sample()), other.toByteArray()));
    }

    @Test
    void entriesAreInPathOrderWithRelativeNames() throws IOException {
        Map<String, Read> entries = read(write(sample()));
        assertEquals(List.of("bin", "bin/busybox", "bin/sh", "etc", "etc/passwd", "etc/shadow", "home",
                "home/nonroot", "tmp", "usr", "usr/bin", "usr/bin/passwd"), new ArrayList<>(entries.keySet()));
    }

    @Test
    void everyEntryIsNewcFormat() throws IOException {
        for (Read r : read(write(sample())).values()) {
            assertEquals(CpioConstants.FORMAT_NEW, r.entry().getFormat(), r.entry().getName());
        }
        byte[] archive = write(sample());
        assertEquals("070701", new String(archive, 0, 6, StandardCharsets.US_ASCII), "newc magic");
        assertEquals(0, archive.length % 512, "padded to the block size");
    }

    @Test
    void filesHaveTheirTypeBitsPermissionsAndContent() throws IOException {
        Map<String, Read> entries = read(write(sample()));

        Read busybox = entries.get("bin/busybox");
        assertEquals(CpioConstants.C_ISREG | 0755, busybox.entry().getMode());
        assertTrue(busybox.entry().isRegularFile());
        assertEquals("#!busybox\n", busybox.text());
        assertEquals(10, busybox.entry().getSize());

        assertEquals(CpioConstants.C_ISREG | 0644, entries.get("etc/passwd").entry().getMode());
        assertEquals(CpioConstants.C_ISREG | 0640, entries.get("etc/shadow").entry().getMode());
        assertEquals(CpioConstants.C_ISREG | 04755, entries.get("usr/bin/passwd").entry().getMode(),
                "setuid is kept");
        assertEquals(1, busybox.entry().getNumberOfLinks());
    }

    @Test
    void symlinksCarryTheirTargetAsContent() throws IOException {
        Read sh = read(write(sample())).get("bin/sh");
        assertTrue(sh.entry().isSymbolicLink());
        assertEquals(CpioConstants.C_ISLNK | 0777, sh.entry().getMode());
        assertEquals("/bin/busybox", sh.text());
        assertEquals("/bin/busybox".length(), sh.entry().getSize());
    }

    @Test
    void directoriesHaveTheirTypeBitsAndPermissions() throws IOException {
        Map<String, Read> entries = read(write(sample()));
        Read tmp = entries.get("tmp");
        assertTrue(tmp.entry().isDirectory());
        assertEquals(CpioConstants.C_ISDIR | 01777, tmp.entry().getMode(), "sticky bit kept");
        assertEquals(0, tmp.entry().getSize());
        assertEquals(2, tmp.entry().getNumberOfLinks());
        assertEquals(CpioConstants.C_ISDIR | 0750, entries.get("home/nonroot").entry().getMode());
        assertEquals(CpioConstants.C_ISDIR | 0755, entries.get("usr").entry().getMode(), "implicit parent");
    }

    @Test
    void ownersAreNumericAndTimeIsTheBuildTimestamp() throws IOException {
        Map<String, Read> entries = read(write(sample()));
        assertEquals(65532, entries.get("home/nonroot").entry().getUID());
        assertEquals(65532, entries.get("home/nonroot").entry().getGID());
        assertEquals(0, entries.get("etc/shadow").entry().getUID());
        assertEquals(42, entries.get("etc/shadow").entry().getGID());
        for (Read r : entries.values()) {
            assertEquals(TIME.getEpochSecond(), r.entry().getTime(), r.entry().getName());
        }
    }

    @Test
    void inodeNumbersCountFromOneInPathOrder() throws IOException {
        long expected = 1;
        for (Read r : read(write(sample())).values()) {
            assertEquals(expected++, r.entry().getInode(), r.entry().getName());
            assertEquals(0, r.entry().getDeviceMaj(), r.entry().getName());
            assertEquals(0, r.entry().getRemoteDeviceMaj(), r.entry().getName());
        }
        assertEquals(13, expected);
    }

    @Test
    void hardLinkIsWrittenAsACopyOfItsTarget() throws IOException {
        FileTree tree = new FileTree();
        tree.addFile("/usr/bin/gzip", text("gzip binary"), 0755, 0, 0);
        tree.addHardlink("/usr/bin/gunzip", "/usr/bin/gzip", 0, 0);

        Map<String, Read> entries = read(write(tree));

        Read link = entries.get("usr/bin/gunzip");
        Read target = entries.get("usr/bin/gzip");
        assertTrue(link.entry().isRegularFile());
        assertEquals(CpioConstants.C_ISREG | 0755, link.entry().getMode());
        assertEquals("gzip binary", link.text());
        assertEquals("gzip binary", target.text());
        assertEquals(1, link.entry().getNumberOfLinks());
        assertNotEquals(link.entry().getInode(), target.entry().getInode(), "a copy, not a link");
    }

    @Test
    void fileContentFromDiskIsWritten() throws IOException {
        Path file = work.resolve("busybox");
        byte[] bytes = new byte[3000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        Files.write(file, bytes);
        FileTree tree = new FileTree().addFile("/bin/busybox", Content.of(file), 0755, 0, 0);
        assertArrayEquals(bytes, read(write(tree)).get("bin/busybox").content());
    }

    @Test
    void emptyTreeIsAnArchiveWithOnlyTheTrailer() throws IOException {
        byte[] archive = write(new FileTree());
        assertEquals(Map.of(), read(archive));
        assertTrue(new String(archive, StandardCharsets.US_ASCII).contains("TRAILER!!!"));
    }

    @Test
    void writerDoesNotCloseTheCallersStream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new CpioWriter().write(sample(), TIME, out);
        assertFalse(closed[0], "the caller closes the stream (it may wrap it in gzip first)");
        assertEquals(read(write(sample())).keySet(), read(out.toByteArray()).keySet());
    }
}
