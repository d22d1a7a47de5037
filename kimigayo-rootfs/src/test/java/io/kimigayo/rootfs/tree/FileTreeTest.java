package io.kimigayo.rootfs.tree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileTreeTest {

    private static Content text(String s) {
        return Content.of(s.getBytes(UTF_8));
    }

    private static String read(TreeEntry entry) throws IOException {
        RegularFile file = assertInstanceOf(RegularFile.class, entry);
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static List<String> paths(FileTree tree) {
        return tree.paths().stream().map(TreePath::toString).toList();
    }

    private static TreeEntry entry(FileTree tree, String path) {
        return tree.get(path).orElseThrow(() -> new AssertionError("no entry at " + path + " in " + paths(tree)));
    }

    // ---- basics --------------------------------------------------------------------------------------------------

    @Test
    void newTreeIsEmpty() {
        FileTree tree = new FileTree();
        assertTrue(tree.isEmpty());
        assertEquals(0, tree.size());
        assertEquals(List.of(), tree.paths());
        assertTrue(tree.entries().isEmpty());
        assertTrue(tree.get("/").isEmpty());
    }

    @Test
    void putReturnsTheSameTree() {
        FileTree tree = new FileTree();
        assertSame(tree, tree.addFile("/a", text("x"), 0644, 0, 0));
        assertSame(tree, tree.addDirectory("/d", 0755, 0, 0));
        assertSame(tree, tree.addSymlink("/s", "a", 0, 0));
        assertSame(tree, tree.addHardlink("/h", "/a", 0, 0));
        assertSame(tree, tree.put(TreePath.of("/p"), new Directory(0755, 0, 0)));
        assertSame(tree, tree.remove(TreePath.of("/p")));
        assertSame(tree, tree.putAll(new FileTree()));
        assertFalse(tree.isEmpty());
    }

    @Test
    void getNormalisesThePath() throws IOException {
        FileTree tree = new FileTree().addFile("/usr/bin/env", text("env"), 0755, 0, 0);
        assertEquals("env", read(entry(tree, "usr//bin/./env/")));
        assertEquals("env", read(tree.get(TreePath.of("/usr/bin/env")).orElseThrow()));
        assertTrue(tree.get("/usr/bin/nothing").isEmpty());
    }

    @Test
    void addingAPathCreatesItsParentsAsRootOwned0755Directories() {
        FileTree tree = new FileTree().addFile("/usr/local/bin/tool", text("t"), 0700, 1000, 1000);

        assertEquals(List.of("/usr", "/usr/local", "/usr/local/bin", "/usr/local/bin/tool"), paths(tree));
        for (String dir : List.of("/usr", "/usr/local", "/usr/local/bin")) {
            assertEquals(new Directory(0755, 0, 0), entry(tree, dir), dir);
        }
        assertEquals(0755, FileTree.IMPLICIT_DIRECTORY_MODE);
        RegularFile file = assertInstanceOf(RegularFile.class, entry(tree, "/usr/local/bin/tool"));
        assertEquals(0700, file.mode());
        assertEquals(1000, file.uid());
        assertEquals(1000, file.gid());
    }

    @Test
    void existingParentsKeepTheirAttributes() {
        FileTree tree = new FileTree()
                .addDirectory("/opt", 0700, 10, 20)
                .addDirectory("/opt/app", 02750, 30, 40)
                .addFile("/opt/app/lib/x.jar", text("x"), 0644, 0, 0);

        assertEquals(new Directory(0700, 10, 20), entry(tree, "/opt"));
        assertEquals(new Directory(02750, 30, 40), entry(tree, "/opt/app"));
        assertEquals(new Directory(0755, 0, 0), entry(tree, "/opt/app/lib"));
    }

    @Test
    void anExplicitDirectoryReplacesAnImplicitParent() {
        FileTree tree = new FileTree()
                .addFile("/home/user/.profile", text("p"), 0644, 1000, 1000)
                .addDirectory("/home/user", 0700, 1000, 1000);

        assertEquals(new Directory(0700, 1000, 1000), entry(tree, "/home/user"));
        assertTrue(tree.get("/home/user/.profile").isPresent(), "a directory replaced by a directory keeps contents");
    }

    // ---- replacement ---------------------------------------------------------------------------------------------

    @Test
    void aLaterEntryReplacesAnEarlierOne() throws IOException {
        FileTree tree = new FileTree()
                .addFile("/etc/motd", text("first"), 0644, 0, 0)
                .addFile("/etc/motd", text("second"), 0600, 5, 6);

        assertEquals(2, tree.size());
        RegularFile file = assertInstanceOf(RegularFile.class, entry(tree, "/etc/motd"));
        assertEquals("second", read(file));
        assertEquals(0600, file.mode());
        assertEquals(5, file.uid());
        assertEquals(6, file.gid());
    }

    @Test
    void aFileCanBeReplacedByASymlinkAndBack() {
        FileTree tree = new FileTree()
                .addFile("/bin/sh", text("sh"), 0755, 0, 0)
                .addSymlink("/bin/sh", "busybox", 0, 0);
        assertEquals(new Symlink("busybox", 0, 0), entry(tree, "/bin/sh"));

        tree.addFile("/bin/sh", text("sh2"), 0755, 0, 0);
        assertInstanceOf(RegularFile.class, entry(tree, "/bin/sh"));
    }

    @Test
    void aDirectoryReplacedByAFileLosesItsContents() {
        FileTree tree = new FileTree()
                .addFile("/d/a", text("a"), 0644, 0, 0)
                .addFile("/d/e/f", text("f"), 0644, 0, 0)
                .addSymlink("/d/s", "a", 0, 0)
                .addFile("/d-x", text("sibling"), 0644, 0, 0)
                .addFile("/d.y/z", text("sibling"), 0644, 0, 0)
                .addFile("/dz", text("sibling"), 0644, 0, 0)
                .addFile("/c/d/e", text("other"), 0644, 0, 0);

        tree.addFile("/d", text("now a file"), 0644, 0, 0);

        assertEquals(List.of("/c", "/c/d", "/c/d/e", "/d", "/d-x", "/d.y", "/d.y/z", "/dz"), paths(tree));
        assertInstanceOf(RegularFile.class, entry(tree, "/d"));
    }

    @Test
    void aDirectoryReplacedByASymlinkLosesItsContents() {
        FileTree tree = new FileTree()
                .addFile("/lib/libc.so", text("libc"), 0755, 0, 0)
                .addFile("/lib/x/y", text("y"), 0644, 0, 0)
                .addSymlink("/lib", "usr/lib", 0, 0);

        assertEquals(List.of("/lib"), paths(tree));
        assertEquals(new Symlink("usr/lib", 0, 0), entry(tree, "/lib"));
    }

    @Test
    void aDirectoryReplacedByAHardlinkLosesItsContents() {
        FileTree tree = new FileTree()
                .addFile("/a", text("a"), 0644, 0, 0)
                .addFile("/d/x", text("x"), 0644, 0, 0)
                .addHardlink("/d", "/a", 0, 0);

        assertEquals(List.of("/a", "/d"), paths(tree));
        assertEquals(new Hardlink(TreePath.of("/a"), 0, 0), entry(tree, "/d"));
    }

    @Test
    void aDirectoryReplacedByADirectoryKeepsItsContentsAndTakesTheNewAttributes() {
        FileTree tree = new FileTree()
                .addDirectory("/var", 0755, 0, 0)
                .addFile("/var/log/messages", text("m"), 0640, 0, 4)
                .addDirectory("/var", 01777, 7, 8);

        assertEquals(new Directory(01777, 7, 8), entry(tree, "/var"));
        assertEquals(List.of("/var", "/var/log", "/var/log/messages"), paths(tree));
    }

    @Test
    void aFileReplacedByADirectoryBecomesADirectory() {
        FileTree tree = new FileTree()
                .addFile("/x", text("x"), 0644, 0, 0)
                .addDirectory("/x", 0750, 0, 0)
                .addFile("/x/y", text("y"), 0644, 0, 0);

        assertEquals(new Directory(0750, 0, 0), entry(tree, "/x"));
        assertTrue(tree.get("/x/y").isPresent());
    }

    // ---- never write through symlinks or files -------------------------------------------------------------------

    @Test
    void writingBelowASymlinkIsRejectedNamingTheSymlink() {
        FileTree tree = new FileTree()
                .addDirectory("/usr/lib", 0755, 0, 0)
                .addSymlink("/lib", "usr/lib", 0, 0);
        List<TreePath> before = tree.paths();

        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addFile("/lib/libc.so", text("libc"), 0755, 0, 0));

        assertEquals("/lib/libc.so", e.path());
        assertTrue(e.getMessage().startsWith("/lib/libc.so: /lib is a symlink"), e.getMessage());
        assertTrue(e.getMessage().contains("never writes through a symlink"), e.getMessage());
        // Nothing was written, neither below the link nor at the link's target.
        assertEquals(before, tree.paths());
        assertTrue(tree.get("/usr/lib/libc.so").isEmpty());
        assertEquals(new Symlink("usr/lib", 0, 0), entry(tree, "/lib"));
    }

    @Test
    void writingDeepBelowASymlinkIsRejectedAndCreatesNoParents() {
        FileTree tree = new FileTree().addSymlink("/opt/current", "/opt/v1", 0, 0);
        List<TreePath> before = tree.paths();

        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addDirectory("/opt/current/a/b/c", 0755, 0, 0));

        assertTrue(e.getMessage().contains("/opt/current is a symlink"), e.getMessage());
        assertEquals(before, tree.paths());
    }

    @Test
    void everyKindOfEntryIsRejectedBelowASymlink() {
        FileTree tree = new FileTree()
                .addFile("/f", text("f"), 0644, 0, 0)
                .addSymlink("/s", "/tmp", 0, 0);
        assertThrows(InvalidPathException.class, () -> tree.addFile("/s/x", text("x"), 0644, 0, 0));
        assertThrows(InvalidPathException.class, () -> tree.addDirectory("/s/x", 0755, 0, 0));
        assertThrows(InvalidPathException.class, () -> tree.addSymlink("/s/x", "y", 0, 0));
        assertThrows(InvalidPathException.class, () -> tree.addHardlink("/s/x", "/f", 0, 0));
        assertEquals(List.of("/f", "/s"), paths(tree));
    }

    @Test
    void writingBelowARegularFileIsRejected() {
        FileTree tree = new FileTree().addFile("/etc/passwd", text("root:x:0:0"), 0644, 0, 0);

        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addFile("/etc/passwd/x", text("x"), 0644, 0, 0));

        assertEquals("/etc/passwd/x", e.path());
        assertTrue(e.getMessage().contains("/etc/passwd is a file"), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals(List.of("/etc", "/etc/passwd"), paths(tree));
    }

    @Test
    void writingBelowAHardlinkIsRejected() {
        FileTree tree = new FileTree()
                .addFile("/a", text("a"), 0644, 0, 0)
                .addHardlink("/b", "/a", 0, 0);

        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addFile("/b/c", text("c"), 0644, 0, 0));
        assertTrue(e.getMessage().contains("/b is a hardlink"), e.getMessage());
    }

    // ---- hard links ----------------------------------------------------------------------------------------------

    @Test
    void aHardlinkToARegularFileIsAccepted() {
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", text("bb"), 0755, 0, 0)
                .addHardlink("/bin/ls", "bin//busybox", 0, 0);

        assertEquals(new Hardlink(TreePath.of("/bin/busybox"), 0, 0), entry(tree, "/bin/ls"));
    }

    @Test
    void aHardlinkToAMissingPathIsRejected() {
        FileTree tree = new FileTree();
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addHardlink("/bin/ls", "/bin/busybox", 0, 0));

        assertEquals("/bin/ls", e.path());
        assertTrue(e.getMessage().contains("/bin/busybox is not in the image"), e.getMessage());
        assertTrue(tree.isEmpty(), "a rejected hard link must not leave parents behind: " + paths(tree));
    }

    @Test
    void aHardlinkToADirectoryIsRejected() {
        FileTree tree = new FileTree().addDirectory("/d", 0755, 0, 0);
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addHardlink("/h", "/d", 0, 0));
        assertTrue(e.getMessage().contains("/d is a directory"), e.getMessage());
        assertTrue(tree.get("/h").isEmpty());
    }

    @Test
    void aHardlinkToAnImplicitParentDirectoryIsRejected() {
        FileTree tree = new FileTree().addFile("/d/f", text("f"), 0644, 0, 0);
        assertThrows(InvalidPathException.class, () -> tree.addHardlink("/h", "/d", 0, 0));
    }

    @Test
    void aHardlinkToASymlinkIsRejected() {
        FileTree tree = new FileTree()
                .addFile("/f", text("f"), 0644, 0, 0)
                .addSymlink("/s", "f", 0, 0);
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addHardlink("/h", "/s", 0, 0));
        assertTrue(e.getMessage().contains("/s is a symlink"), e.getMessage());
    }

    @Test
    void aHardlinkToAHardlinkIsRejected() {
        FileTree tree = new FileTree()
                .addFile("/f", text("f"), 0644, 0, 0)
                .addHardlink("/h1", "/f", 0, 0);
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addHardlink("/h2", "/h1", 0, 0));
        assertTrue(e.getMessage().contains("/h1 is a hardlink"), e.getMessage());
    }

    @Test
    void aHardlinkToTheRootIsRejected() {
        FileTree tree = new FileTree().addFile("/f", text("f"), 0644, 0, 0);
        assertThrows(InvalidPathException.class, () -> tree.addHardlink("/h", "/", 0, 0));
    }

    // ---- the root ------------------------------------------------------------------------------------------------

    @Test
    void theRootCannotBeReplaced() {
        FileTree tree = new FileTree();
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> tree.addDirectory("/", 0700, 0, 0));
        assertEquals("/", e.path());
        assertTrue(e.getMessage().contains("root"), e.getMessage());

        assertThrows(InvalidPathException.class, () -> tree.put(TreePath.ROOT, new RegularFile(text("x"), 0644, 0, 0)));
        assertThrows(InvalidPathException.class, () -> tree.addSymlink("/a/..", "/x", 0, 0));
        assertThrows(InvalidPathException.class, () -> tree.put(".", new Directory(0755, 0, 0)));
        assertTrue(tree.isEmpty());
    }

    // ---- putAll --------------------------------------------------------------------------------------------------

    @Test
    void putAllMergesInOrderWithTheOtherTreeWinning() throws IOException {
        FileTree base = new FileTree()
                .addFile("/etc/a", text("base a"), 0644, 0, 0)
                .addFile("/etc/b", text("base b"), 0644, 0, 0);
        FileTree layer = new FileTree()
                .addFile("/etc/a", text("layer a"), 0600, 1, 1)
                .addFile("/etc/c", text("layer c"), 0644, 0, 0);

        assertSame(base, base.putAll(layer));

        assertEquals(List.of("/etc", "/etc/a", "/etc/b", "/etc/c"), paths(base));
        assertEquals("layer a", read(entry(base, "/etc/a")));
        assertEquals(0600, entry(base, "/etc/a").mode());
        assertEquals("base b", read(entry(base, "/etc/b")));
        assertEquals("layer c", read(entry(base, "/etc/c")));
        // The other tree is left alone.
        assertEquals(List.of("/etc", "/etc/a", "/etc/c"), paths(layer));
    }

    @Test
    void putAllAppliesTheReplacementRules() {
        FileTree base = new FileTree()
                .addFile("/opt/app/old.jar", text("old"), 0644, 0, 0)
                .addFile("/srv", text("was a file"), 0644, 0, 0);
        FileTree layer = new FileTree()
                .addFile("/opt/app", text("now a file"), 0644, 0, 0)
                .addFile("/srv/www/index.html", text("hi"), 0644, 0, 0);

        base.putAll(layer);

        assertEquals(List.of("/opt", "/opt/app", "/srv", "/srv/www", "/srv/www/index.html"), paths(base));
        assertInstanceOf(RegularFile.class, entry(base, "/opt/app"));
        assertInstanceOf(Directory.class, entry(base, "/srv"));
    }

    @Test
    void putAllIntoAnEmptyTreeCopiesEveryEntry() {
        FileTree source = new FileTree()
                .addDirectory("/d", 0700, 3, 4)
                .addFile("/d/f", text("f"), 0640, 3, 4)
                .addHardlink("/d/g", "/d/f", 3, 4)
                .addSymlink("/d/s", "f", 3, 4);

        FileTree copy = new FileTree().putAll(source);

        assertEquals(source.entries(), copy.entries());
    }

    @Test
    void putAllKeepsTheBaseEntriesWhereTheOtherTreeOnlyHasImplicitParents() {
        FileTree base = new FileTree()
                .addDirectory("/etc", 0700, 5, 5);
        FileTree layer = new FileTree()
                .addFile("/etc/hosts", text("h"), 0644, 0, 0)
                .addFile("/opt/app/run", text("r"), 0755, 0, 0);

        base.putAll(layer);

        assertEquals(new Directory(0700, 5, 5), entry(base, "/etc"), "an implicit parent does not replace /etc");
        assertInstanceOf(RegularFile.class, entry(base, "/etc/hosts"));
        assertEquals(new Directory(0755, 0, 0), entry(base, "/opt"), "a parent the base lacks is created");
    }

    @Test
    void putAllOfAnExplicitDirectoryReplacesTheBaseAttributes() {
        FileTree base = new FileTree().addDirectory("/etc", 0700, 5, 5);
        FileTree layer = new FileTree().addDirectory("/etc", 0755, 0, 0);

        base.putAll(layer);

        assertEquals(new Directory(0755, 0, 0), entry(base, "/etc"));
    }

    @Test
    void putAllNeverWritesThroughABaseSymlink() {
        FileTree base = new FileTree()
                .addDirectory("/usr/lib", 0755, 0, 0)
                .addSymlink("/lib", "usr/lib", 0, 0);
        FileTree layer = new FileTree().addFile("/lib/libz.so", text("z"), 0755, 0, 0);

        InvalidPathException e = assertThrows(InvalidPathException.class, () -> base.putAll(layer));

        assertTrue(e.getMessage().contains("/lib is a symlink"), e.getMessage());
        assertTrue(base.get("/usr/lib/libz.so").isEmpty());
    }

    @Test
    void putAllAddsAHardlinkThatSortsBeforeItsTarget() {
        FileTree layer = new FileTree()
                .addFile("/z/file", text("z"), 0755, 0, 0)
                .addHardlink("/a/link", "/z/file", 0, 0);

        FileTree merged = new FileTree().putAll(layer);

        assertEquals(new Hardlink(TreePath.of("/z/file"), 0, 0), entry(merged, "/a/link"));
    }

    @Test
    void putAllOfASymlinkReplacesABaseDirectoryAndItsContents() {
        FileTree base = new FileTree().addFile("/lib/libc.so", text("c"), 0755, 0, 0);
        FileTree layer = new FileTree().addSymlink("/lib", "usr/lib", 0, 0);

        base.putAll(layer);

        assertEquals(List.of("/lib"), paths(base));
        assertEquals(new Symlink("usr/lib", 0, 0), entry(base, "/lib"));
    }

    // ---- remove --------------------------------------------------------------------------------------------------

    @Test
    void removeTakesTheWholeSubtree() {
        FileTree tree = new FileTree()
                .addFile("/a/b/c", text("c"), 0644, 0, 0)
                .addSymlink("/a/s", "b", 0, 0)
                .addFile("/a-b", text("sibling"), 0644, 0, 0)
                .addFile("/a.b/x", text("sibling"), 0644, 0, 0)
                .addFile("/ab", text("sibling"), 0644, 0, 0)
                .addFile("/0/a", text("before"), 0644, 0, 0);

        assertSame(tree, tree.remove(TreePath.of("/a")));

        assertEquals(List.of("/0", "/0/a", "/a-b", "/a.b", "/a.b/x", "/ab"), paths(tree));
    }

    @Test
    void removeOfAFileRemovesOnlyThatFile() {
        FileTree tree = new FileTree()
                .addFile("/a/x", text("x"), 0644, 0, 0)
                .addFile("/a/y", text("y"), 0644, 0, 0);
        tree.remove(TreePath.of("/a/x"));
        assertEquals(List.of("/a", "/a/y"), paths(tree));
    }

    @Test
    void removeOfAMissingPathChangesNothing() {
        FileTree tree = new FileTree().addFile("/a/x", text("x"), 0644, 0, 0);
        tree.remove(TreePath.of("/b"));
        tree.remove(TreePath.of("/a/x/y"));
        assertEquals(List.of("/a", "/a/x"), paths(tree));
    }

    @Test
    void removeOfTheRootEmptiesTheTree() {
        FileTree tree = new FileTree().addFile("/a/x", text("x"), 0644, 0, 0).addDirectory("/b", 0755, 0, 0);
        tree.remove(TreePath.ROOT);
        assertTrue(tree.isEmpty());
    }

    // ---- iteration -----------------------------------------------------------------------------------------------

    @Test
    void iterationIsInPathOrderWithParentsBeforeChildren() {
        FileTree tree = new FileTree()
                .addFile("/b/x", text("x"), 0644, 0, 0)
                .addFile("/a-b", text("x"), 0644, 0, 0)
                .addFile("/a/z", text("x"), 0644, 0, 0)
                .addSymlink("/a.lnk", "a", 0, 0)
                .addDirectory("/a/b/c", 0755, 0, 0)
                .addFile("/a/b-c", text("x"), 0644, 0, 0);

        List<String> expected = List.of("/a", "/a/b", "/a/b/c", "/a/b-c", "/a/z", "/a-b", "/a.lnk", "/b", "/b/x");
        assertEquals(expected, paths(tree));
        assertEquals(expected, tree.entries().keySet().stream().map(TreePath::toString).toList());
        List<String> iterated = new ArrayList<>();
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            iterated.add(e.getKey().toString());
        }
        assertEquals(expected, iterated);
        assertEquals(expected.size(), tree.size());

        List<TreePath> seen = new ArrayList<>();
        for (TreePath path : tree.paths()) {
            for (TreePath ancestor : path.ancestors()) {
                assertTrue(seen.contains(ancestor), ancestor + " must come before " + path);
            }
            seen.add(path);
        }
    }

    @Test
    void entriesViewIsReadOnlyAndPathsIsACopy() {
        FileTree tree = new FileTree().addFile("/a", text("a"), 0644, 0, 0);

        assertThrows(UnsupportedOperationException.class,
                () -> tree.entries().put(TreePath.of("/b"), new Directory(0755, 0, 0)));
        assertThrows(UnsupportedOperationException.class, () -> tree.entries().remove(TreePath.of("/a")));

        List<TreePath> paths = tree.paths();
        paths.clear();
        assertEquals(1, tree.size());
        assertEquals(List.of(TreePath.of("/a")), tree.paths());
    }

    @Test
    void entriesViewReflectsLaterChanges() {
        FileTree tree = new FileTree();
        Map<TreePath, TreeEntry> view = tree.entries();
        tree.addDirectory("/x", 0755, 0, 0);
        assertEquals(1, view.size());
    }

    @Test
    void contentIsKeptAsGiven() throws IOException {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        FileTree tree = new FileTree().addFile("/bin/blob", Content.of(bytes), 0644, 0, 0);
        RegularFile file = assertInstanceOf(RegularFile.class, entry(tree, "/bin/blob"));
        try (InputStream in = file.content().open()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }
}
