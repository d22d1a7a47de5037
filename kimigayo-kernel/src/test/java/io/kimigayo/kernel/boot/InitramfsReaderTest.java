package io.kimigayo.kernel.boot;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitramfsReaderTest {

    /** A newc archive of files (name -> content) and directories (name ending in /), with the given block size. */
    static byte[] cpio(int blockSize, String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW, blockSize,
                "UTF-8")) {
            for (int i = 0; i < entries.length; i += 2) {
                boolean dir = entries[i].endsWith("/");
                String name = dir ? entries[i].substring(0, entries[i].length() - 1) : entries[i];
                byte[] data = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name);
                e.setMode((dir ? CpioConstants.C_ISDIR : CpioConstants.C_ISREG) | 0644);
                e.setInode(i + 1);
                e.setSize(dir ? 0 : data.length);
                cpio.putArchiveEntry(e);
                if (!dir) {
                    cpio.write(data);
                }
                cpio.closeArchiveEntry();
            }
            cpio.finish();
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void readsGzipAndRawSegmentsWhereLaterEntriesWin() throws IOException {
        byte[] product = gzip(cpio(512, "etc/", "", "./etc/inittab", "::sysinit:/etc/init.d/rcS\n", "bin/sh", "x"));
        byte[] overlay = cpio(4, "etc/inittab", "replaced\n", "check", "#!/bin/sh\n");

        Map<String, InitramfsReader.Entry> entries = InitramfsReader.read(BootOverlay.append(product, overlay),
                "test.img");

        assertEquals(List.of("etc", "etc/inittab", "bin/sh", "check"), List.copyOf(entries.keySet()));
        assertEquals("replaced\n", new String(entries.get("etc/inittab").data(), StandardCharsets.UTF_8));
        assertTrue(entries.get("etc").isDirectory());
    }

    @Test
    void readsConcatenatedGzipMembersAndPlainArchives() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(cpio(4, "a", "1"));
        all.write(new byte[12]);
        all.write(gzip(cpio(4, "b", "2")));
        all.write(gzip(cpio(4, "a", "3")));
        Map<String, InitramfsReader.Entry> entries = InitramfsReader.read(all.toByteArray(), "test.img");
        assertEquals("3", new String(entries.get("a").data(), StandardCharsets.UTF_8));
        assertEquals("2", new String(entries.get("b").data(), StandardCharsets.UTF_8));
    }

    @Test
    void otherCompressionsAreRefusedByName() {
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0};
        IOException e = assertThrows(IOException.class, () -> InitramfsReader.read(xz, "initrd.img"));
        assertTrue(e.getMessage().contains("initrd.img: cannot read the segment at byte 0 (xz)"), e.getMessage());
        assertThrows(IOException.class, () -> InitramfsReader.read("junk".getBytes(StandardCharsets.UTF_8), "x"));
    }
}
