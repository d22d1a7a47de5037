package io.kimigayo.rootfs.tree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kimigayo.rootfs.tree.TreeEntry.Directory;
import io.kimigayo.rootfs.tree.TreeEntry.Hardlink;
import io.kimigayo.rootfs.tree.TreeEntry.RegularFile;
import io.kimigayo.rootfs.tree.TreeEntry.Symlink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryImporterTest {

    @TempDir
    Path tmp;

    private final DirectoryImporter importer = new DirectoryImporter();

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, UTF_8);
        return file;
    }

    private static Path mkdir(Path dir) throws IOException {
        return Files.createDirectories(dir);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + " failed: " + output);
    }

    private static void chmod(String mode, Path path) throws IOException, InterruptedException {
        run("chmod", mode, path.toString());
        int actual = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        assertEquals(Integer.parseInt(mode, 8), actual, "chmod " + mode + " " + path);
    }

    private FileTree importDir(Path source, String target) throws IOException {
        return importer.importInto(new FileTree(), DirectoryImport.of(source, target));
    }

    private static DirectoryImport spec(Path source, String target, List<String> includes, List<String> excludes) {
        return new DirectoryImport(source, target, includes, excludes, null, null, 0, 0);
    }

    private static TreeEntry entry(FileTree tree, String path) {
        return tree.get(path).orElseThrow(() -> new AssertionError("no entry at " + path + " in " + paths(tree)));
    }

    private static List<String> paths(FileTree tree) {
        return tree.paths().stream().map(TreePath::toString).toList();
    }

    private static int mode(FileTree tree, String path) {
        return entry(tree, path).mode();
    }

    private static String read(TreeEntry entry) throws IOException {
        RegularFile file = assertInstanceOf(RegularFile.class, entry);
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static String octal(int mode) {
        return "0" + Integer.toOctalString(mode);
    }

    // ---- structure and placement ---------------------------------------------------------------------------------

    @Test
    void importsFilesAndDirectoriesWithTheirContents() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("a.txt"), "alpha");
        write(src.resolve("sub/b.txt"), "beta");
        write(src.resolve("sub/deeper/c.txt"), "gamma");
        write(src.resolve(".hidden"), "h");
        mkdir(src.resolve("empty"));

        FileTree tree = new FileTree();
        assertSame(tree, importer.importInto(tree, DirectoryImport.of(src, "/")));

        assertEquals(List.of("/.hidden", "/a.txt", "/empty", "/sub", "/sub/b.txt", "/sub/deeper",
                "/sub/deeper/c.txt"), paths(tree));
        assertEquals("alpha", read(entry(tree, "/a.txt")));
        assertEquals("beta", read(entry(tree, "/sub/b.txt")));
        assertEquals("gamma", read(entry(tree, "/sub/deeper/c.txt")));
        assertEquals("h", read(entry(tree, "/.hidden")));
        assertInstanceOf(Directory.class, entry(tree, "/empty"));
        assertInstanceOf(Directory.class, entry(tree, "/sub/deeper"));
        // The file's bytes come from disk.
        RegularFile a = assertInstanceOf(RegularFile.class, entry(tree, "/a.txt"));
        assertEquals(5, a.content().size());
    }

    @Test
    void theSourceDirectoryItselfIsNotAnEntry() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        FileTree tree = importDir(src, "/");
        assertTrue(tree.isEmpty(), paths(tree).toString());
    }

    @Test
    void contentsArePlacedAtTheTarget() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("app.jar"), "jar");
        write(src.resolve("lib/dep.jar"), "dep");

        FileTree tree = importDir(src, "/app");

        assertEquals(List.of("/app", "/app/app.jar", "/app/lib", "/app/lib/dep.jar"), paths(tree));
        assertEquals(new Directory(0755, 0, 0), entry(tree, "/app"));
        assertEquals("dep", read(entry(tree, "/app/lib/dep.jar")));
    }

    @Test
    void theTargetIsNormalisedAndCreatedWithItsParents() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("x"), "x");

        FileTree tree = importDir(src, "opt//my-app/./current/");

        assertEquals(List.of("/opt", "/opt/my-app", "/opt/my-app/current", "/opt/my-app/current/x"), paths(tree));
        for (String dir : List.of("/opt", "/opt/my-app", "/opt/my-app/current")) {
            assertEquals(new Directory(0755, 0, 0), entry(tree, dir), dir);
        }
    }

    @Test
    void aBlankTargetMeansTheRoot() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("x"), "x");
        assertEquals(List.of("/x"), paths(importer.importInto(new FileTree(),
                new DirectoryImport(src, "  ", null, null, null, null, 0, 0))));
        assertEquals(List.of("/x"), paths(importer.importInto(new FileTree(),
                new DirectoryImport(src, null, null, null, null, null, 0, 0))));
    }

    @Test
    void importingIntoAnExistingTreeKeepsUnrelatedEntriesAndReplacesSamePaths() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("etc/motd"), "from disk");
        FileTree tree = new FileTree()
                .addFile("/etc/motd", Content.of("old".getBytes(UTF_8)), 0600, 0, 0)
                .addFile("/etc/hostname", Content.of("host".getBytes(UTF_8)), 0644, 0, 0);

        importer.importInto(tree, DirectoryImport.of(src, "/"));

        assertEquals("from disk", read(entry(tree, "/etc/motd")));
        assertEquals(0644, mode(tree, "/etc/motd"));
        assertEquals("host", read(entry(tree, "/etc/hostname")));
    }

    @Test
    void importingBelowASymlinkOfTheTreeIsRejected() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("libz.so"), "z");
        FileTree tree = new FileTree().addSymlink("/lib", "usr/lib", 0, 0);

        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> importer.importInto(tree, DirectoryImport.of(src, "/lib")));
        assertTrue(e.getMessage().contains("/lib is a symlink"), e.getMessage());
        assertEquals(List.of("/lib"), paths(tree));
    }

    // ---- modes ---------------------------------------------------------------------------------------------------

    @Test
    void fileModesAreNormalisedByTheOwnerExecuteBit() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        Map<String, String> diskToExpected = Map.of(
                "0600", "0644",
                "0700", "0755",
                "0400", "0644",
                "0640", "0644",
                "0666", "0644",
                "0677", "0644", // group/other execute do not count
                "0744", "0755",
                "0711", "0755",
                "0500", "0755",
                "0777", "0755");
        for (String disk : diskToExpected.keySet()) {
            chmod(disk, write(src.resolve("f" + disk), disk));
        }

        FileTree tree = importDir(src, "/");

        Map<String, String> actual = diskToExpected.keySet().stream().collect(Collectors.toMap(
                disk -> disk, disk -> octal(mode(tree, "/f" + disk))));
        assertEquals(diskToExpected, actual);
    }

    @Test
    void directoryModesAreNormalisedTo0755() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        for (String disk : List.of("0700", "0750", "0777", "0755", "0711")) {
            chmod(disk, mkdir(src.resolve("d" + disk)));
        }

        FileTree tree = importDir(src, "/");

        for (String disk : List.of("0700", "0750", "0777", "0755", "0711")) {
            assertEquals(new Directory(0755, 0, 0), entry(tree, "/d" + disk), "directory with " + disk);
        }
    }

    @Test
    void theSameSourcesCheckedOutWithDifferentPermissionsGiveTheSameTree() throws IOException, InterruptedException {
        Path strict = mkdir(tmp.resolve("strict"));
        Path loose = mkdir(tmp.resolve("loose"));
        for (Path root : List.of(strict, loose)) {
            write(root.resolve("bin/run.sh"), "#!/bin/sh");
            write(root.resolve("conf/app.conf"), "k=v");
        }
        chmod("0700", strict.resolve("bin"));
        chmod("0700", strict.resolve("bin/run.sh"));
        chmod("0600", strict.resolve("conf/app.conf"));
        chmod("0775", loose.resolve("bin"));
        chmod("0775", loose.resolve("bin/run.sh"));
        chmod("0664", loose.resolve("conf/app.conf"));

        FileTree a = importDir(strict, "/");
        FileTree b = importDir(loose, "/");

        assertEquals(paths(a), paths(b));
        for (TreePath path : a.paths()) {
            TreeEntry x = a.get(path).orElseThrow();
            TreeEntry y = b.get(path).orElseThrow();
            assertEquals(x.kind(), y.kind(), path.toString());
            assertEquals(x.mode(), y.mode(), path.toString());
            assertEquals(x.uid(), y.uid(), path.toString());
            assertEquals(x.gid(), y.gid(), path.toString());
        }
        assertEquals(0755, mode(a, "/bin/run.sh"));
        assertEquals(0644, mode(a, "/conf/app.conf"));
    }

    @Test
    void setuidSetgidAndStickyBitsAreKept() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        chmod("4755", write(src.resolve("su"), "su"));
        chmod("4700", write(src.resolve("su-private"), "su"));
        chmod("2711", write(src.resolve("sg"), "sg"));
        chmod("4644", write(src.resolve("su-noexec"), "x"));
        chmod("6750", write(src.resolve("both"), "x"));
        chmod("1777", mkdir(src.resolve("tmp")));
        chmod("2770", mkdir(src.resolve("shared")));
        chmod("3700", mkdir(src.resolve("sticky-sgid")));

        FileTree tree = importDir(src, "/");

        assertEquals("04755", octal(mode(tree, "/su")));
        assertEquals("04755", octal(mode(tree, "/su-private")));
        assertEquals("02755", octal(mode(tree, "/sg")));
        assertEquals("04644", octal(mode(tree, "/su-noexec")));
        assertEquals("06755", octal(mode(tree, "/both")));
        assertEquals("01755", octal(mode(tree, "/tmp")));
        assertEquals("02755", octal(mode(tree, "/shared")));
        assertEquals("03755", octal(mode(tree, "/sticky-sgid")));
        assertInstanceOf(Directory.class, entry(tree, "/tmp"));
    }

    @Test
    void explicitModesOverrideEverything() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        chmod("0755", write(src.resolve("exec"), "x"));
        chmod("0600", write(src.resolve("private"), "x"));
        chmod("4755", write(src.resolve("setuid"), "x"));
        chmod("0700", mkdir(src.resolve("dir")));
        chmod("1777", mkdir(src.resolve("sticky")));
        write(src.resolve("dir/inner"), "x");

        FileTree tree = importer.importInto(new FileTree(),
                new DirectoryImport(src, "/", List.of(), List.of(), 0640, 0750, 0, 0));

        assertEquals("0640", octal(mode(tree, "/exec")));
        assertEquals("0640", octal(mode(tree, "/private")));
        assertEquals("0640", octal(mode(tree, "/setuid")));
        assertEquals("0640", octal(mode(tree, "/dir/inner")));
        assertEquals("0750", octal(mode(tree, "/dir")));
        assertEquals("0750", octal(mode(tree, "/sticky")));
    }

    @Test
    void explicitModesMayCarrySpecialBits() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("d/f"), "x");

        FileTree tree = importer.importInto(new FileTree(),
                new DirectoryImport(src, "/", null, null, 04711, 01777, 0, 0));

        assertEquals("04711", octal(mode(tree, "/d/f")));
        assertEquals("01777", octal(mode(tree, "/d")));
    }

    @Test
    void anOutOfRangeExplicitModeIsRejected() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("f"), "x");
        assertThrows(IllegalArgumentException.class, () -> importer.importInto(new FileTree(),
                new DirectoryImport(src, "/", null, null, 010644, null, 0, 0)));
    }

    @Test
    void ownersAreAppliedToEveryEntry() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        Path file = write(src.resolve("dir/file"), "x");
        Files.createLink(src.resolve("dir/link"), file);
        Files.createSymbolicLink(src.resolve("sym"), Path.of("dir/file"));

        FileTree tree = importer.importInto(new FileTree(),
                new DirectoryImport(src, "/app", null, null, null, null, 1000, 2000));

        for (String path : List.of("/app/dir", "/app/dir/file", "/app/dir/link", "/app/sym")) {
            assertEquals(1000, entry(tree, path).uid(), path);
            assertEquals(2000, entry(tree, path).gid(), path);
        }
        assertInstanceOf(Hardlink.class, entry(tree, "/app/dir/link"));
        assertInstanceOf(Symlink.class, entry(tree, "/app/sym"));
    }

    // ---- includes and excludes -----------------------------------------------------------------------------------

    @Test
    void includesSelectPaths() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("a.txt"), "a");
        write(src.resolve("a.md"), "a");
        write(src.resolve("x/y/b.txt"), "b");
        write(src.resolve("x/y/b.log"), "b");

        FileTree tree = importer.importInto(new FileTree(), spec(src, "/", List.of("**/*.txt"), List.of()));

        assertEquals(List.of("/a.txt", "/x", "/x/y", "/x/y/b.txt"), paths(tree));
    }

    @Test
    void anyIncludeSelects() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("a.txt"), "a");
        write(src.resolve("b.md"), "b");
        write(src.resolve("c.log"), "c");

        FileTree tree = importer.importInto(new FileTree(), spec(src, "/", List.of("*.txt", "*.md"), null));

        assertEquals(List.of("/a.txt", "/b.md"), paths(tree));
    }

    @Test
    void excludesLeavePathsOut() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("app.jar"), "a");
        write(src.resolve("debug.log"), "d");
        write(src.resolve("logs/old/x.log"), "x");
        write(src.resolve("tmp/cache/blob"), "b");
        write(src.resolve("tmpfile"), "t");

        FileTree tree = importer.importInto(new FileTree(),
                spec(src, "/srv", List.of(), List.of("**/*.log", "tmp/")));

        assertEquals(List.of("/srv", "/srv/app.jar", "/srv/logs", "/srv/logs/old", "/srv/tmpfile"), paths(tree));
    }

    @Test
    void excludesWinOverIncludes() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("keep.txt"), "k");
        write(src.resolve("secret.txt"), "s");
        write(src.resolve("private/p.txt"), "p");

        FileTree tree = importer.importInto(new FileTree(),
                spec(src, "/", List.of("**/*.txt"), List.of("secret.txt", "private/**")));

        assertEquals(List.of("/keep.txt"), paths(tree));
    }

    @Test
    void patternsAreMatchedAgainstTheSourceRelativePathNotTheTarget() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("conf/a.conf"), "a");
        write(src.resolve("other/b.conf"), "b");

        FileTree tree = importer.importInto(new FileTree(), spec(src, "/etc/app", List.of("/conf/*"), List.of()));

        assertEquals(List.of("/etc", "/etc/app", "/etc/app/conf", "/etc/app/conf/a.conf"), paths(tree));
    }

    @Test
    void anExcludedSpecialFileIsSkipped() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("a"), "a");
        run("mkfifo", src.resolve("pipe").toString());

        FileTree tree = importer.importInto(new FileTree(), spec(src, "/", List.of(), List.of("pipe")));

        assertEquals(List.of("/a"), paths(tree));
    }

    @Test
    void aSpecialFileIsRejectedNamingIt() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        Path pipe = src.resolve("pipe");
        run("mkfifo", pipe.toString());

        IOException e = assertThrows(IOException.class, () -> importDir(src, "/"));
        assertTrue(e.getMessage().contains(pipe.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("exclude"), e.getMessage());
    }

    // ---- symlinks ------------------------------------------------------------------------------------------------

    @Test
    void symlinksAreRecordedWithTheirTargetTextAndNotFollowed() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("real.txt"), "real");
        Files.createSymbolicLink(src.resolve("relative"), Path.of("real.txt"));
        Files.createSymbolicLink(src.resolve("absolute"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("../nowhere/x"));
        Files.createSymbolicLink(src.resolve("dotted"), Path.of("./sub/../real.txt"));

        FileTree tree = importDir(src, "/app");

        assertEquals(new Symlink("real.txt", 0, 0), entry(tree, "/app/relative"));
        assertEquals(new Symlink("/etc/passwd", 0, 0), entry(tree, "/app/absolute"));
        assertEquals(new Symlink("../nowhere/x", 0, 0), entry(tree, "/app/dangling"));
        assertEquals(new Symlink("./sub/../real.txt", 0, 0), entry(tree, "/app/dotted"));
        assertEquals(0777, mode(tree, "/app/relative"));
    }

    @Test
    void aSymlinkToADirectoryIsRecordedAndItsContentsAreNotImported() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("real/inside.txt"), "inside");
        Files.createSymbolicLink(src.resolve("alias"), Path.of("real"));
        Path outside = mkdir(tmp.resolve("outside"));
        write(outside.resolve("secret.txt"), "secret");
        write(outside.resolve("nested/deep.txt"), "deep");
        Files.createSymbolicLink(src.resolve("escape"), outside);

        FileTree tree = importDir(src, "/");

        assertEquals(List.of("/alias", "/escape", "/real", "/real/inside.txt"), paths(tree));
        assertEquals(new Symlink("real", 0, 0), entry(tree, "/alias"));
        assertEquals(new Symlink(outside.toString(), 0, 0), entry(tree, "/escape"));
    }

    @Test
    void aSymlinkToAFileIsNotReadAsAFile() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        Path outside = write(tmp.resolve("outside.sh"), "outside");
        chmod("4755", outside);
        Files.createSymbolicLink(src.resolve("link"), outside);

        FileTree tree = importDir(src, "/");

        assertEquals(new Symlink(outside.toString(), 0, 0), entry(tree, "/link"));
    }

    @Test
    void aSourceThatIsASymlinkIsRejected() throws IOException {
        Path real = mkdir(tmp.resolve("real"));
        write(real.resolve("x"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        IOException e = assertThrows(IOException.class, () -> importDir(link, "/"));
        assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("symlink"), e.getMessage());
    }

    // ---- hard links ----------------------------------------------------------------------------------------------

    @Test
    void hardLinkedFilesBecomeAFileAndAHardlinkToTheFirstInPathOrder() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        // Created in the opposite order to the path order: the role must not depend on creation or walk order.
        Path z = write(src.resolve("z.bin"), "shared");
        Files.createLink(src.resolve("a.bin"), z);

        FileTree tree = importDir(src, "/app");

        assertEquals("shared", read(entry(tree, "/app/a.bin")));
        assertEquals(new Hardlink(TreePath.of("/app/a.bin"), 0, 0), entry(tree, "/app/z.bin"));
    }

    @Test
    void manyLinksAcrossDirectoriesAllPointAtTheFirst() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        Path first = write(src.resolve("e/y"), "busybox");
        Files.createLink(mkdir(src.resolve("d")).resolve("x"), first);
        Files.createLink(src.resolve("c"), first);
        write(src.resolve("b"), "not linked");

        FileTree tree = importDir(src, "/");

        assertEquals("busybox", read(entry(tree, "/c")));
        assertEquals("not linked", read(entry(tree, "/b")));
        assertEquals(new Hardlink(TreePath.of("/c"), 0, 0), entry(tree, "/d/x"));
        assertEquals(new Hardlink(TreePath.of("/c"), 0, 0), entry(tree, "/e/y"));
    }

    @Test
    void hardlinkRolesFollowComponentWiseOrder() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        // As strings "a-b" < "a/b", but as paths /a/b comes first.
        Path dashed = write(src.resolve("a-b"), "same");
        Files.createLink(mkdir(src.resolve("a")).resolve("b"), dashed);

        FileTree tree = importDir(src, "/");

        assertInstanceOf(RegularFile.class, entry(tree, "/a/b"));
        assertEquals(new Hardlink(TreePath.of("/a/b"), 0, 0), entry(tree, "/a-b"));
    }

    @Test
    void twoSeparateHardlinkGroupsStaySeparate() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        Files.createLink(src.resolve("one-b"), write(src.resolve("one-a"), "1"));
        Files.createLink(src.resolve("two-b"), write(src.resolve("two-a"), "2"));

        FileTree tree = importDir(src, "/");

        assertEquals(new Hardlink(TreePath.of("/one-a"), 0, 0), entry(tree, "/one-b"));
        assertEquals(new Hardlink(TreePath.of("/two-a"), 0, 0), entry(tree, "/two-b"));
        assertEquals("1", read(entry(tree, "/one-a")));
        assertEquals("2", read(entry(tree, "/two-a")));
    }

    @Test
    void whenTheFirstLinkIsExcludedTheNextOneIsTheFile() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        Path a = write(src.resolve("a"), "data");
        Files.createLink(src.resolve("b"), a);
        Files.createLink(src.resolve("c"), a);

        FileTree tree = importer.importInto(new FileTree(), spec(src, "/", List.of(), List.of("a")));

        assertEquals("data", read(entry(tree, "/b")));
        assertEquals(new Hardlink(TreePath.of("/b"), 0, 0), entry(tree, "/c"));
    }

    @Test
    void aFileLinkedOnlyFromOutsideTheSourceIsAPlainFile() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        Path inside = write(src.resolve("inside"), "x");
        Files.createLink(tmp.resolve("outside"), inside);

        FileTree tree = importDir(src, "/");

        assertEquals("x", read(entry(tree, "/inside")));
    }

    @Test
    void theFirstHardLinkCarriesTheNormalisedMode() throws IOException, InterruptedException {
        Path src = mkdir(tmp.resolve("src"));
        Path a = write(src.resolve("a"), "x");
        Files.createLink(src.resolve("b"), a);
        chmod("0700", a);

        FileTree tree = importDir(src, "/");

        assertEquals(0755, mode(tree, "/a"));
        assertInstanceOf(Hardlink.class, entry(tree, "/b"));
    }

    // ---- the source must be a directory --------------------------------------------------------------------------

    @Test
    void aRegularFileSourceIsRejectedNamingIt() throws IOException {
        Path file = write(tmp.resolve("not-a-dir.txt"), "x");
        FileTree tree = new FileTree();

        IOException e = assertThrows(IOException.class,
                () -> importer.importInto(tree, DirectoryImport.of(file, "/app")));

        assertTrue(e.getMessage().startsWith(file + ": not a directory"), e.getMessage());
        assertTrue(tree.isEmpty());
    }

    @Test
    void aMissingSourceIsRejectedNamingIt() {
        Path missing = tmp.resolve("missing");
        IOException e = assertThrows(IOException.class, () -> importDir(missing, "/"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void aNameWithABackslashIsOneComponent() throws IOException {
        Path src = mkdir(tmp.resolve("src"));
        write(src.resolve("a\\b.txt"), "x");

        FileTree tree = importDir(src, "/");

        assertEquals(List.of("/a\\b.txt"), paths(tree));
        assertEquals("x", read(entry(tree, "/a\\b.txt")));
    }

    // ---- DirectoryImport defaults --------------------------------------------------------------------------------

    @Test
    void directoryImportDefaults() {
        Path src = tmp.resolve("src");
        DirectoryImport d = DirectoryImport.of(src, "/app");
        assertEquals(src, d.source());
        assertEquals("/app", d.target());
        assertEquals(List.of(), d.includes());
        assertEquals(List.of(), d.excludes());
        assertEquals(null, d.fileMode());
        assertEquals(null, d.directoryMode());
        assertEquals(0, d.uid());
        assertEquals(0, d.gid());

        DirectoryImport nulls = new DirectoryImport(src, null, null, null, null, null, 1, 2);
        assertEquals("/", nulls.target());
        assertEquals(List.of(), nulls.includes());
        assertEquals(List.of(), nulls.excludes());
        assertEquals("/", new DirectoryImport(src, " ", null, null, null, null, 0, 0).target());
    }

    @Test
    void directoryImportCopiesItsLists() {
        java.util.ArrayList<String> includes = new java.util.ArrayList<>(List.of("*.txt"));
        java.util.ArrayList<String> excludes = new java.util.ArrayList<>(List.of("*.log"));
        DirectoryImport d = new DirectoryImport(tmp, "/", includes, excludes, null, null, 0, 0);
        includes.add("*.md");
        excludes.clear();
        assertEquals(List.of("*.txt"), d.includes());
        assertEquals(List.of("*.log"), d.excludes());
        assertThrows(UnsupportedOperationException.class, () -> d.includes().add("x"));
    }
}
