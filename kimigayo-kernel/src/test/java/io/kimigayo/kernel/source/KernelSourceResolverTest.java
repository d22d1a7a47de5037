package io.kimigayo.kernel.source;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.rootfs.source.SourceException;
import io.kimigayo.rootfs.source.SourceResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSourceResolverTest {

    @TempDir
    Path work;

    private final List<String> progress = new ArrayList<>();
    private KernelSourceResolver resolver;

    static final String MAKEFILE = "# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 1\n"
            + "SUBLEVEL = 192\nEXTRAVERSION =\nNAME = Curry Ramen\n";

    @BeforeEach
    void setUp() {
        Path cache = work.resolve("cache");
        resolver = new KernelSourceResolver(new SourceResolver(cache, List.of(), true, progress::add),
                new BuildCache(cache), progress::add);
    }

    /** A miniature kernel tree as Debian packs it: linux-source-6.1/Makefile, ... */
    private Path archive() throws IOException {
        Path file = work.resolve("linux-source-6.1.tar.xz");
        try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            for (String[] e : List.of(new String[] {"linux-source-6.1/Makefile", MAKEFILE},
                    new String[] {"linux-source-6.1/Kconfig", "mainmenu \"Linux\"\n"})) {
                byte[] data = e[1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry t = new TarArchiveEntry(e[0]);
                t.setSize(data.length);
                tar.putArchiveEntry(t);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void anArchiveIsUnpackedOnceIntoTheCacheByDigest() throws IOException {
        Path archive = archive();
        KernelTree tree = resolver.resolve(archive.toString(), null, work);

        assertEquals("6.1.192", tree.version());
        assertEquals(Sha256.hex(archive), tree.digest());
        assertEquals("archive", tree.kind());
        assertEquals(MAKEFILE, Files.readString(tree.directory().resolve("Makefile")));
        assertTrue(tree.directory().startsWith(work.resolve("cache/builds")), tree.directory().toString());
        assertEquals(2, progress.size(), progress.toString());

        KernelTree again = resolver.resolve("linux-source-6.1.tar.xz", tree.digest().toUpperCase(), work);
        assertEquals(tree.directory(), again.directory());
        assertEquals(2, progress.size(), "not unpacked again: " + progress);
    }

    @Test
    void aGivenDigestIsChecked() throws IOException {
        Path archive = archive();
        String wrong = "0".repeat(64);
        SourceException e = assertThrows(SourceException.class, () -> resolver.resolve(archive.toString(), wrong,
                work));
        assertTrue(e.getMessage().startsWith("linux-source-6.1.tar.xz: SHA-256 is "
                + Sha256.hex(archive) + ", expected " + wrong), e.getMessage());
    }

    @Test
    void aUrlNeedsItsDigest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve("https://example.org/linux-6.1.tar.xz", null, work));
        assertTrue(e.getMessage().contains("a URL needs its kernelSha256"), e.getMessage());
    }

    @Test
    void aMissingSourceSaysWhatToInstall() {
        SourceException e = assertThrows(SourceException.class, () -> resolver.resolve("no-such.tar.xz", null,
                work));
        assertTrue(e.getMessage().contains("no-such.tar.xz does not exist; set kernelSource"), e.getMessage());
    }

    @Test
    void aDirectoryIsUsedAsItIsAndDigestedByContent() throws IOException {
        Path dir = Files.createDirectories(work.resolve("linux"));
        Files.writeString(dir.resolve("Makefile"), MAKEFILE);
        KernelTree tree = resolver.resolve("linux", null, work);
        assertEquals(dir, tree.directory());
        assertEquals("directory", tree.kind());
        assertEquals(DirectoryDigest.of(dir), tree.digest());

        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("linux", "a".repeat(64), work));
    }
}
