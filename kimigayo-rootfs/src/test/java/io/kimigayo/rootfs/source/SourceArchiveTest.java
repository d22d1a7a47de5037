package io.kimigayo.rootfs.source;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceArchiveTest {

    @TempDir
    Path work;

    /** Each entry's mtime: this plus its name's length in seconds. */
    private static final java.time.Instant MTIME = java.time.Instant.parse("2020-08-14T12:00:00Z");

    /** One entry of a test archive. */
    private record Entry(String name, byte type, int mode, String content, String link) {
        static Entry dir(String name) {
            return new Entry(name, TarConstants.LF_DIR, 0755, null, null);
        }

        static Entry file(String name, int mode, String content) {
            return new Entry(name, TarConstants.LF_NORMAL, mode, content, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarConstants.LF_SYMLINK, 0777, null, target);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, TarConstants.LF_LINK, 0644, null, target);
        }
    }

    private static final List<Entry> SOURCE_TREE = List.of(
            Entry.dir("demo-1.0/"),
            Entry.file("demo-1.0/configure", 0755, "#!/bin/sh\necho configured\n"),
            Entry.file("demo-1.0/Makefile", 0644, "all:\n\ttrue\n"),
            Entry.dir("demo-1.0/src/"),
            Entry.file("demo-1.0/src/main.c", 0664, "int main(void) { return 0; }\n"),
            Entry.file("demo-1.0/tools/deep/gen.sh", 0700, "#!/bin/sh\n"),
            Entry.symlink("demo-1.0/main-link.c", "src/main.c"),
            Entry.hardlink("demo-1.0/src/copy.c", "demo-1.0/src/main.c"));

    private Path archive(String fileName, List<Entry> entries) throws IOException {
        Path file = work.resolve(fileName);
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream compressed = compress(raw, fileName);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type());
                t.setMode(e.mode());
                t.setModTime(java.nio.file.attribute.FileTime.from(MTIME.plusSeconds(e.name().length())));
                if (e.link() != null) {
                    t.setLinkName(e.link());
                }
                byte[] bytes = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
                if (e.type() == TarConstants.LF_NORMAL) {
                    t.setSize(bytes.length);
                }
                tar.putArchiveEntry(t);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return file;
    }

    private static OutputStream compress(OutputStream out, String name) throws IOException {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new GzipCompressorOutputStream(out);
        }
        if (name.endsWith(".tar.bz2")) {
            return new BZip2CompressorOutputStream(out);
        }
        if (name.endsWith(".tar.xz")) {
            return new XZCompressorOutputStream(out);
        }
        return out;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<String> names = new ArrayList<>();
            s.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
            names.sort(null);
            return names;
        }
    }

    private void assertSourceTree(Path into) throws IOException {
        assertEquals(List.of("Makefile", "configure", "main-link.c", "src", "src/copy.c", "src/main.c", "tools",
                "tools/deep", "tools/deep/gen.sh"), listing(into), "the top directory demo-1.0/ is stripped");
        assertEquals("#!/bin/sh\necho configured\n", Files.readString(into.resolve("configure")));

        Set<PosixFilePermission> configure = Files.getPosixFilePermissions(into.resolve("configure"));
        assertTrue(configure.contains(PosixFilePermission.OWNER_EXECUTE), "configure stays executable");
        assertTrue(Files.isExecutable(into.resolve("tools/deep/gen.sh")));
        Set<PosixFilePermission> makefile = Files.getPosixFilePermissions(into.resolve("Makefile"));
        assertFalse(makefile.contains(PosixFilePermission.OWNER_EXECUTE), makefile.toString());
        assertTrue(makefile.contains(PosixFilePermission.OWNER_WRITE), makefile.toString());
        // The archive's group-write bit is not carried over: 0644 whatever the archive says.
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"),
                Files.getPosixFilePermissions(into.resolve("src/main.c")));

        Path link = into.resolve("main-link.c");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("src/main.c"), Files.readSymbolicLink(link));
        assertEquals("int main(void) { return 0; }\n", Files.readString(link));

        assertTrue(Files.isRegularFile(into.resolve("src/copy.c"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("int main(void) { return 0; }\n", Files.readString(into.resolve("src/copy.c")));
    }

    @Test
    void tarGzIsUnpackedWithoutItsTopDirectory() throws IOException {
        Path into = work.resolve("out");
        SourceArchive.extract(archive("demo-1.0.tar.gz", SOURCE_TREE), into);
        assertSourceTree(into);
        // Each file keeps its own mtime, so make's rules see which one is newer (configure vs configure.ac).
        assertEquals(MTIME.plusSeconds("demo-1.0/configure".length()),
                Files.getLastModifiedTime(into.resolve("configure")).toInstant());
        assertEquals(MTIME.plusSeconds("demo-1.0/src/main.c".length()),
                Files.getLastModifiedTime(into.resolve("src/main.c")).toInstant());
    }

    @Test
    void aFlatArchiveKeepsItsNamesAndStillRefusesEscapes() throws IOException {
        Path into = work.resolve("flat");
        SourceArchive.extract(archive("tzdata2026b.tar.gz", List.of(
                Entry.file("africa", 0644, "# Africa\n"),
                Entry.file("./version", 0644, "2026b\n"),
                Entry.dir("sub/"),
                Entry.file("sub/x", 0644, "x\n"))), into, false);
        assertEquals("# Africa\n", Files.readString(into.resolve("africa")));
        assertEquals("2026b\n", Files.readString(into.resolve("version")));
        assertEquals("x\n", Files.readString(into.resolve("sub/x")));
        Path escape = archive("evil.tar.gz", List.of(Entry.file("../outside", 0644, "no\n")));
        assertThrows(IOException.class, () -> SourceArchive.extract(escape, work.resolve("flat2"), false));
        assertFalse(Files.exists(work.resolve("outside")));
    }

    @Test
    void tarBz2IsUnpackedWithoutItsTopDirectory() throws IOException {
        Path into = work.resolve("out");
        SourceArchive.extract(archive("demo-1.0.tar.bz2", SOURCE_TREE), into);
        assertSourceTree(into);
    }

    @Test
    void tarXzIsUnpackedWithoutItsTopDirectory() throws IOException {
        Path into = work.resolve("out");
        SourceArchive.extract(archive("demo-1.0.tar.xz", SOURCE_TREE), into);
        assertSourceTree(into);
    }

    @Test
    void anArchiveWithoutTopDirectoryKeepsEveryPath() throws IOException {
        // A git snapshot such as TinyCC's: files at the archive's root, some with a leading "./".
        List<Entry> flat = List.of(
                Entry.file("COPYING", 0644, "LGPL\n"),
                Entry.file("./configure", 0755, "#!/bin/sh\necho configured\n"),
                Entry.dir("lib/"),
                Entry.file("lib/libtcc1.c", 0644, "int x;\n"),
                Entry.symlink("lib/link.c", "libtcc1.c"),
                Entry.hardlink("lib/copy.c", "lib/libtcc1.c"));
        Path into = work.resolve("flat");
        SourceArchive.extract(archive("tcc_0.9.27.orig.tar.bz2", flat), into, false);
        assertEquals(List.of("COPYING", "configure", "lib", "lib/copy.c", "lib/libtcc1.c", "lib/link.c"),
                listing(into));
        assertTrue(Files.isExecutable(into.resolve("configure")));
        assertEquals("int x;\n", Files.readString(into.resolve("lib/copy.c")));
        assertEquals(Path.of("libtcc1.c"), Files.readSymbolicLink(into.resolve("lib/link.c")));
        // The same archive with its top directory stripped (the default) would lose COPYING and move lib/'s files.
        Path stripped = work.resolve("stripped");
        SourceArchive.extract(archive("tcc.tar.bz2", flat), stripped);
        assertFalse(Files.exists(stripped.resolve("COPYING")));
    }

    @Test
    void tgzAndPlainTarAreUnpackedToo() throws IOException {
        SourceArchive.extract(archive("demo-1.0.tgz", SOURCE_TREE), work.resolve("tgz"));
        assertSourceTree(work.resolve("tgz"));
        SourceArchive.extract(archive("demo-1.0.tar", SOURCE_TREE), work.resolve("tar"));
        assertSourceTree(work.resolve("tar"));
    }

    @Test
    void dotSlashPrefixedNamesAndPaxGlobalHeaderAreHandled() throws IOException {
        List<Entry> entries = List.of(
                Entry.file("pax_global_header", 0644, "52 comment=0123456789\n"),
                Entry.dir("./demo-1.0/"),
                Entry.dir("./demo-1.0/./"),
                Entry.file("./demo-1.0/configure", 0755, "#!/bin/sh\n"));
        Path into = work.resolve("out");
        SourceArchive.extract(archive("demo-1.0.tar.gz", entries), into);
        assertEquals(List.of("configure"), listing(into));
        assertTrue(Files.isExecutable(into.resolve("configure")));
    }

    @Test
    void entryClimbingOutOfTheDirectoryIsRefused() throws IOException {
        Path archive = archive("evil-1.0.tar.gz", List.of(
                Entry.dir("evil-1.0/"),
                Entry.file("evil-1.0/../../escaped.txt", 0644, "gotcha\n")));
        Path into = work.resolve("a/b/out");

        IOException e = assertThrows(IOException.class, () -> SourceArchive.extract(archive, into));

        assertTrue(e.getMessage().contains("unsafe entry"), e.getMessage());
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
        assertFalse(Files.exists(work.resolve("a/escaped.txt")));
        assertFalse(Files.exists(work.resolve("a/b/escaped.txt")));
        assertFalse(Files.exists(work.resolve("escaped.txt")));
    }

    @Test
    void hardLinkClimbingOutOfTheDirectoryIsRefused() throws IOException {
        Path secret = work.resolve("secret.txt");
        Files.writeString(secret, "secret\n");
        Path archive = archive("evil-1.0.tar.gz", List.of(
                Entry.dir("evil-1.0/"),
                Entry.hardlink("evil-1.0/stolen", "evil-1.0/../../secret.txt")));
        Path into = work.resolve("a/out");

        assertThrows(IOException.class, () -> SourceArchive.extract(archive, into));
        assertFalse(Files.exists(into.resolve("stolen")));
    }

    @Test
    void entryWrittenThroughASymlinkLeavingTheDirectoryIsRefused() throws IOException {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Path archive = archive("evil-1.0.tar.gz", List.of(
                Entry.dir("evil-1.0/"),
                Entry.symlink("evil-1.0/escape", outside.toString()),
                Entry.file("evil-1.0/escape/pwned.txt", 0644, "gotcha\n")));
        Path into = work.resolve("out");

        IOException e = assertThrows(IOException.class, () -> SourceArchive.extract(archive, into));

        assertTrue(e.getMessage().contains("escape/pwned.txt"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("pwned.txt")), "nothing may be written outside the directory");
    }

    @Test
    void entryThroughASymlinkThatStaysInsideIsAllowed() throws IOException {
        Path archive = archive("demo-1.0.tar.gz", List.of(
                Entry.dir("demo-1.0/"),
                Entry.dir("demo-1.0/src/"),
                Entry.symlink("demo-1.0/alias", "src"),
                Entry.file("demo-1.0/alias/x.c", 0644, "x\n")));
        Path into = work.resolve("out");

        SourceArchive.extract(archive, into);

        assertEquals("x\n", Files.readString(into.resolve("src/x.c")));
        assertTrue(Files.isSymbolicLink(into.resolve("alias")));
    }

    @Test
    void unsupportedExtensionIsAnErrorNamingTheFileAndTheFormats() throws IOException {
        Path zip = work.resolve("demo-1.0.zip");
        Files.write(zip, new byte[]{'P', 'K', 3, 4});

        IOException e = assertThrows(IOException.class, () -> SourceArchive.extract(zip, work.resolve("out")));

        assertTrue(e.getMessage().startsWith("demo-1.0.zip: unsupported source archive"), e.getMessage());
        assertTrue(e.getMessage().contains(".tar.gz") && e.getMessage().contains(".tar.bz2"), e.getMessage());
    }

    @Test
    void damagedArchiveIsAnError() throws IOException {
        Path bad = work.resolve("demo-1.0.tar.gz");
        Files.writeString(bad, "this is not gzip");
        assertThrows(IOException.class, () -> SourceArchive.extract(bad, work.resolve("out")));
    }
}
