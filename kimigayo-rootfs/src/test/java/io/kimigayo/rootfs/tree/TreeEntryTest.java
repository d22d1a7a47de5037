package io.kimigayo.rootfs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kimigayo.rootfs.tree.TreeEntry.Directory;
import io.kimigayo.rootfs.tree.TreeEntry.Hardlink;
import io.kimigayo.rootfs.tree.TreeEntry.RegularFile;
import io.kimigayo.rootfs.tree.TreeEntry.Symlink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeEntryTest {

    private static final Content EMPTY = Content.of(new byte[0]);

    @ParameterizedTest
    @ValueSource(ints = {0, 0644, 0755, 0777, 01777, 02755, 04755, 06755, 07777})
    void modesUpTo07777AreAccepted(int mode) {
        assertEquals(mode, new RegularFile(EMPTY, mode, 0, 0).mode());
        assertEquals(mode, new Directory(mode, 0, 0).mode());
    }

    @ParameterizedTest
    @ValueSource(ints = {010000, 017777, 0100644, 040755, Integer.MAX_VALUE})
    void modesAbove07777AreRejected(int mode) {
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                () -> new RegularFile(EMPTY, mode, 0, 0));
        assertTrue(file.getMessage().contains("0" + Integer.toOctalString(mode)), file.getMessage());
        assertTrue(file.getMessage().contains("07777"), file.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Directory(mode, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -0755, Integer.MIN_VALUE})
    void negativeModesAreRejected(int mode) {
        assertThrows(IllegalArgumentException.class, () -> new RegularFile(EMPTY, mode, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Directory(mode, 0, 0));
    }

    @Test
    void negativeOwnersAreRejectedForEveryKind() {
        TreePath target = TreePath.of("/f");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegularFile(EMPTY, 0644, -1, 0));
        assertTrue(e.getMessage().contains("uid -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RegularFile(EMPTY, 0644, 0, -2));
        assertTrue(e.getMessage().contains("gid -2"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new Directory(0755, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Directory(0755, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Symlink("x", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Symlink("x", 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Hardlink(target, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Hardlink(target, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Hardlink(target, Integer.MIN_VALUE, 0));
    }

    @Test
    void largeOwnersAreAccepted() {
        Directory d = new Directory(0755, 65534, 65534);
        assertEquals(65534, d.uid());
        assertEquals(65534, d.gid());
        RegularFile f = new RegularFile(EMPTY, 0644, Integer.MAX_VALUE, 1000);
        assertEquals(Integer.MAX_VALUE, f.uid());
        assertEquals(1000, f.gid());
    }

    @Test
    void emptySymlinkTargetIsRejected() {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> new Symlink("", 0, 0));
        assertTrue(e.getMessage().contains("non-empty"), e.getMessage());
    }

    @Test
    void nullSymlinkTargetIsRejected() {
        assertThrows(InvalidPathException.class, () -> new Symlink(null, 0, 0));
    }

    @Test
    void symlinkTargetWithNulIsRejected() {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> new Symlink("a\0b", 0, 0));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void symlinkTargetIsKeptExactlyAsGiven() {
        for (String target : new String[] {"../lib//x/./", "/usr/bin/busybox", ".", "..", "does/not/exist", " "}) {
            assertEquals(target, new Symlink(target, 0, 0).target());
        }
    }

    @Test
    void symlinkAndHardlinkModesAreFixed() {
        assertEquals(0777, new Symlink("x", 1, 2).mode());
        assertEquals(0, new Hardlink(TreePath.of("/x"), 1, 2).mode());
    }

    @Test
    void kindsAndDirectoryness() {
        TreeEntry file = new RegularFile(EMPTY, 0644, 0, 0);
        TreeEntry dir = new Directory(0755, 0, 0);
        TreeEntry symlink = new Symlink("x", 0, 0);
        TreeEntry hardlink = new Hardlink(TreePath.of("/x"), 0, 0);

        assertEquals("file", file.kind());
        assertEquals("directory", dir.kind());
        assertEquals("symlink", symlink.kind());
        assertEquals("hardlink", hardlink.kind());

        assertTrue(dir.isDirectory());
        assertFalse(file.isDirectory());
        assertFalse(symlink.isDirectory());
        assertFalse(hardlink.isDirectory());
    }

    @Test
    void recordAccessorsAndEquality() {
        assertEquals(new Directory(0750, 1, 2), new Directory(0750, 1, 2));
        assertEquals(new Hardlink(TreePath.of("/a/b"), 0, 0), new Hardlink(TreePath.of("a//b"), 0, 0));
        assertEquals(TreePath.of("/a/b"), new Hardlink(TreePath.of("a//b"), 0, 0).target());
        RegularFile f = new RegularFile(EMPTY, 04755, 3, 4);
        assertEquals(EMPTY, f.content());
        assertEquals(04755, f.mode());
        assertEquals(3, f.uid());
        assertEquals(4, f.gid());
    }
}
