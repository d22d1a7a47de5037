package io.kimigayo.rootfs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TreePathTest {

    // ---- normalisation -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "a//b/./c/, /a/b/c",
            "/a//b/./c/, /a/b/c",
            "/usr/bin/env, /usr/bin/env",
            "usr/bin/env, /usr/bin/env",
            "///usr///, /usr",
            "./etc/./passwd, /etc/passwd",
            "/a/b/../c, /a/c",
            "a/b/../../c, /c",
            "/a/./b/.././c/., /a/c",
            "/a/b/c/../.., /a",
            "/..., /...",
            "/a/..b/c.., /a/..b/c..",
    })
    void normalises(String input, String expected) {
        TreePath path = TreePath.of(input);
        assertEquals(expected, path.toString());
        assertEquals(TreePath.of(expected), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "//", "///", ".", "./", "/.", "/./.", "a/..", "/a/b/../..", "a/./.."})
    void pathsThatNormaliseToTheRootGiveTheRootConstant(String input) {
        TreePath path = TreePath.of(input);
        assertSame(TreePath.ROOT, path);
        assertTrue(path.isRoot());
        assertEquals("/", path.toString());
        assertEquals(0, path.depth());
    }

    @Test
    void relativeInputIsTakenFromTheRoot() {
        assertEquals(TreePath.of("/etc/passwd"), TreePath.of("etc/passwd"));
        assertEquals("/etc", TreePath.of("etc").toString());
    }

    @Test
    void nonRootPathIsNotRoot() {
        assertFalse(TreePath.of("/a").isRoot());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "/..", "../etc", "/../etc", "/a/../..", "/a/../../etc/passwd", "a/b/../../..",
            "./..", "/a/./../b/../../c"})
    void climbingAboveTheRootIsRejectedNamingThePath(String input) {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> TreePath.of(input));
        assertEquals(input, e.path());
        assertTrue(e.getMessage().startsWith(input + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
        assertTrue(e.getMessage().contains("above the image root"), e.getMessage());
    }

    @Test
    void invalidPathExceptionIsAnIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> TreePath.of("/../x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\0b", "\0", "/usr/bin/\0", "a/\0/b"})
    void nulIsRejected(String input) {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> TreePath.of(input));
        assertEquals(input, e.path());
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void emptyAndNullAreRejected() {
        InvalidPathException empty = assertThrows(InvalidPathException.class, () -> TreePath.of(""));
        assertTrue(empty.getMessage().contains("must not be empty"), empty.getMessage());
        InvalidPathException nul = assertThrows(InvalidPathException.class, () -> TreePath.of(null));
        assertTrue(nul.getMessage().contains("must not be empty"), nul.getMessage());
    }

    // ---- ordering ------------------------------------------------------------------------------------------------

    @Test
    void directorySortsDirectlyBeforeItsContents() {
        // Plain string order would put "/a-b" and "/a.b" before "/a/b" ('-' and '.' sort before '/').
        List<TreePath> paths = new ArrayList<>(List.of(
                TreePath.of("/a-b"), TreePath.of("/b"), TreePath.of("/a/b/c"), TreePath.of("/a.b"),
                TreePath.of("/a"), TreePath.of("/a/b"), TreePath.ROOT, TreePath.of("/a/b-c"), TreePath.of("/a0")));
        Collections.shuffle(paths, new java.util.Random(42));
        Collections.sort(paths);
        assertEquals(List.of("/", "/a", "/a/b", "/a/b/c", "/a/b-c", "/a-b", "/a.b", "/a0", "/b"),
                paths.stream().map(TreePath::toString).toList());
    }

    @Test
    void exampleFromTheRules() {
        TreeSet<TreePath> set = new TreeSet<>(List.of(TreePath.of("/a-b"), TreePath.of("/a/b"), TreePath.of("/a")));
        assertEquals(List.of(TreePath.of("/a"), TreePath.of("/a/b"), TreePath.of("/a-b")), new ArrayList<>(set));
    }

    @Test
    void compareToIsConsistentWithEquals() {
        TreePath a = TreePath.of("/a/b");
        TreePath b = TreePath.of("a//b/");
        assertEquals(0, a.compareTo(b));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(TreePath.of("/a").compareTo(TreePath.of("/a/b")) < 0);
        assertTrue(TreePath.of("/a/b").compareTo(TreePath.of("/a")) > 0);
        assertTrue(TreePath.of("/a/b").compareTo(TreePath.of("/a-b")) < 0);
        assertTrue(TreePath.of("/a-b").compareTo(TreePath.of("/a/b")) > 0);
        assertTrue(TreePath.ROOT.compareTo(TreePath.of("/a")) < 0);
    }

    @Test
    void equalityAndHashCodeDoNotDependOnHowThePathWasMade() {
        TreePath viaParent = TreePath.of("/a/b/c").parent();
        TreePath viaAncestors = TreePath.of("/a/b/c").ancestors().get(1);
        TreePath parsed = TreePath.of("/a/b");
        assertEquals(parsed, viaParent);
        assertEquals(parsed, viaAncestors);
        assertEquals(parsed.hashCode(), viaParent.hashCode());
        assertEquals(parsed.hashCode(), viaAncestors.hashCode());
        assertNotEquals(TreePath.of("/a/b"), TreePath.of("/a/c"));
        assertNotEquals(TreePath.of("/a/b"), "/a/b");
    }

    // ---- resolve -------------------------------------------------------------------------------------------------

    @Test
    void resolveAppendsARelativePath() {
        assertEquals(TreePath.of("/usr/bin/env"), TreePath.of("/usr").resolve("bin/env"));
        assertEquals(TreePath.of("/etc"), TreePath.ROOT.resolve("etc"));
        assertEquals(TreePath.of("/app/a/b/c"), TreePath.of("/app").resolve("a/./b//c/"));
        assertEquals(TreePath.of("/app/..x"), TreePath.of("/app").resolve("..x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc", "a/../b", "a/..", "a/b/../../..", "./.."})
    void resolveRejectsDotDot(String relative) {
        TreePath base = TreePath.of("/app");
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> base.resolve(relative));
        assertEquals(relative, e.path());
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
        assertTrue(e.getMessage().contains("/app"), e.getMessage());
    }

    @Test
    void resolveRejectsAnAbsolutePath() {
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> TreePath.of("/app").resolve("/etc/passwd"));
        assertEquals("/etc/passwd", e.path());
        assertTrue(e.getMessage().contains("relative to /app"), e.getMessage());
    }

    @Test
    void resolveRejectsNul() {
        assertThrows(InvalidPathException.class, () -> TreePath.of("/app").resolve("a\0b"));
    }

    // ---- ancestors, parent, names --------------------------------------------------------------------------------

    @Test
    void ancestorsRunFromTheTopDownToTheParent() {
        assertEquals(List.of(TreePath.of("/usr"), TreePath.of("/usr/local"), TreePath.of("/usr/local/bin")),
                TreePath.of("/usr/local/bin/tool").ancestors());
        assertEquals(List.of(), TreePath.of("/etc").ancestors());
        assertEquals(List.of(), TreePath.ROOT.ancestors());
    }

    @Test
    void parent() {
        assertEquals(TreePath.of("/usr/bin"), TreePath.of("/usr/bin/env").parent());
        assertSame(TreePath.ROOT, TreePath.of("/usr").parent());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TreePath.ROOT.parent());
        assertTrue(e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void fileNameAndDepth() {
        assertEquals("env", TreePath.of("/usr/bin/env").fileName());
        assertEquals("", TreePath.ROOT.fileName());
        assertEquals(3, TreePath.of("/usr/bin/env").depth());
        assertEquals(1, TreePath.of("/usr").depth());
    }

    @Test
    void relativeNameHasNoLeadingSlash() {
        assertEquals("usr/bin/env", TreePath.of("/usr/bin/env").relativeName());
        assertEquals("etc", TreePath.of("etc").relativeName());
        assertEquals("", TreePath.ROOT.relativeName());
        assertEquals("/usr/bin/env", TreePath.of("usr//bin/env/").toString());
    }

    @Test
    void isAncestorOfIsStrictAndComponentWise() {
        TreePath a = TreePath.of("/a");
        assertTrue(a.isAncestorOf(TreePath.of("/a/b")));
        assertTrue(a.isAncestorOf(TreePath.of("/a/b/c")));
        assertTrue(TreePath.ROOT.isAncestorOf(a));
        assertFalse(a.isAncestorOf(a));
        assertFalse(TreePath.ROOT.isAncestorOf(TreePath.ROOT));
        assertFalse(a.isAncestorOf(TreePath.of("/ab")));
        assertFalse(a.isAncestorOf(TreePath.of("/a-b/c")));
        assertFalse(TreePath.of("/a/b").isAncestorOf(a));
        assertFalse(a.isAncestorOf(TreePath.of("/b/a")));
    }
}
