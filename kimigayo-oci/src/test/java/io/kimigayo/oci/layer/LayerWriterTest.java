package io.kimigayo.oci.layer;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerWriterTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String LONG_NAME = "/opt/" + "d".repeat(60) + "/" + "e".repeat(60) + "/" + "f".repeat(40);
    private static final String NON_ASCII = "/etc/君が代.txt";

    private final LayerWriter writer = new LayerWriter();

    private static FileTree sample(boolean reversed) {
        List<Runnable> steps = new ArrayList<>();
        FileTree tree = new FileTree();
        steps.add(() -> tree.addFile("/bin/busybox", Content.of("ELF".getBytes()), 04755, 0, 0));
        steps.add(() -> tree.addSymlink("/bin/sh", "busybox", 0, 0));
        steps.add(() -> tree.addFile(LONG_NAME, Content.of("long".getBytes()), 0644, 1000, 1000));
        steps.add(() -> tree.addFile(NON_ASCII, Content.of("kimi".getBytes()), 0644, 0, 0));
        steps.add(() -> tree.addDirectory("/var/empty", 01777, 0, 0));
        if (reversed) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                steps.get(i).run();
            }
        } else {
            steps.forEach(Runnable::run);
        }
        return tree;
    }

    private byte[] tar(FileTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTar(tree, T, out);
        return out.toByteArray();
    }

    @Test
    void sameTreeGivesSameBytesWhateverTheInsertionOrderUserOrClock() throws Exception {
        byte[] first = tar(sample(false));
        String user = System.getProperty("user.name");
        try {
            System.setProperty("user.name", "somebody-else");
            Thread.sleep(1100);
            assertArrayEquals(first, tar(sample(true)));
        } finally {
            System.setProperty("user.name", user);
        }
    }

    @Test
    void layerBlobIsNamedByItsDigestAndIdenticalAcrossRuns(@TempDir Path dir) throws Exception {
        Layer a = writer.write(sample(false), T, dir.resolve("a")).orElseThrow();
        Layer b = writer.write(sample(true), T, dir.resolve("b")).orElseThrow();
        assertEquals(a.descriptor(), b.descriptor());
        assertEquals(a.diffId(), b.diffId());
        assertEquals(a.descriptor().digest().hex(), a.blob().getFileName().toString());
        assertEquals(Files.size(a.blob()), a.descriptor().size());
        byte[] gz = Files.readAllBytes(a.blob());
        assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], "gzip header carries no modification time");
        assertEquals(0, gz[3] & 0x08, "gzip header carries no file name");
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(a.blob()))) {
            plain = in.readAllBytes();
        }
        assertEquals(a.uncompressedSize(), plain.length);
        assertEquals(io.kimigayo.oci.digest.Digest.of(plain), a.diffId());
        try (var list = Files.list(dir.resolve("a"))) {
            assertEquals(1, list.count(), "no temporary file is left beside the blob");
        }
    }

    @Test
    void differentTimestampGivesDifferentLayer(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        writer.writeTar(sample(false), T.plusSeconds(1), other);
        assertNotEquals(Digest(tar(sample(false))), Digest(other.toByteArray()));
    }

    private static String Digest(byte[] b) {
        return io.kimigayo.oci.digest.Digest.of(b).toString();
    }

    @Test
    void entriesAreSortedWithLongAndNonAsciiNamesModesAndNumericOwners() throws Exception {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar(sample(true))),
                StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e);
            }
        }
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertEquals(List.of("bin/", "bin/busybox", "bin/sh", "etc/", NON_ASCII.substring(1), "opt/",
                "opt/" + "d".repeat(60) + "/", "opt/" + "d".repeat(60) + "/" + "e".repeat(60) + "/",
                LONG_NAME.substring(1), "var/", "var/empty/"), names);
        for (TarArchiveEntry e : entries) {
            assertEquals(T, e.getLastModifiedTime().toInstant(), e.getName());
            assertEquals("", e.getUserName(), e.getName());
            assertEquals("", e.getGroupName(), e.getName());
        }
        TarArchiveEntry busybox = entries.get(1);
        assertEquals(04755, busybox.getMode() & 07777);
        assertEquals("busybox", entries.get(2).getLinkName());
        assertTrue(entries.get(2).isSymbolicLink());
        assertEquals(1000, entries.get(8).getLongUserId());
        assertEquals(01777, entries.get(10).getMode() & 07777);
    }

    @Test
    void hardlinkThatSortsBeforeItsTargetCarriesTheContent() throws Exception {
        FileTree tree = new FileTree();
        tree.addFile("/z/file", Content.of("data".getBytes()), 0755, 0, 0);
        tree.addHardlink("/a/link", "/z/file", 0, 0);
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar(tree)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile() && !e.isLink()) {
                    assertEquals("data", new String(in.readAllBytes()));
                }
                entries.add(e);
            }
        }
        assertEquals("a/link", entries.get(1).getName());
        assertTrue(entries.get(1).isFile() && !entries.get(1).isLink());
        assertEquals(0755, entries.get(1).getMode() & 07777);
        assertEquals("z/file", entries.get(3).getName());
        assertTrue(entries.get(3).isLink());
        assertEquals("a/link", entries.get(3).getLinkName());
    }

    @Test
    void emptyTreeGivesNoLayer(@TempDir Path dir) throws Exception {
        assertTrue(writer.write(new FileTree(), T, dir).isEmpty());
    }
}
