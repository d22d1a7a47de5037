package io.kimigayo.rootfs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            // ** matches zero or more directories
            "**/*.txt, a.txt, true",
            "**/*.txt, x/a.txt, true",
            "**/*.txt, x/y/a.txt, true",
            "**/*.txt, x/y/a.txt.bak, false",
            "**/*.txt, x/y/a.md, false",
            "**/*.txt, x/y/txt, false",
            "a/**/b, a/b, true",
            "a/**/b, a/x/b, true",
            "a/**/b, a/x/y/b, true",
            "a/**/b, a/xb, false",
            "a/**/b, ab, false",
            "a/**/b, a/b/c, false",
            "a/**/b, x/a/b, false",
            "**, a, true",
            "**, a/b/c, true",
            "**/test/**, test, true",
            "**/test/**, a/test/b, true",
            "**/test/**, a/test, true",
            "**/test/**, a/tests/b, false",
            "lib/**, lib/a.so, true",
            "lib/**, lib/x/a.so, true",
            "lib/**, libx/a.so, false",
            // * stays within one component
            "*.txt, a.txt, true",
            "*.txt, .txt, true",
            "*.txt, x/a.txt, false",
            "src/*.java, src/A.java, true",
            "src/*.java, src/x/A.java, false",
            "*, a, true",
            "*, a/b, false",
            "a*b, ab, true",
            "a*b, axxb, true",
            "a*b, ax/xb, false",
            "*/bin, usr/bin, true",
            "*/bin, usr/local/bin, false",
            // ? is exactly one character, never a slash
            "file?.log, file1.log, true",
            "file?.log, file.log, false",
            "file?.log, file12.log, false",
            "file?.log, file/.log, false",
            "??, ab, true",
            "??, a, false",
            // trailing / means everything below
            "build/, build/x, true",
            "build/, build/x/y, true",
            "build/, buildx/y, false",
            "build/, other/build/x, false",
            "build/, x/build, false",
            "a/b/, a/b/c, true",
            "a/b/, a/bc, false",
            // leading / is ignored
            "/etc/*.conf, etc/a.conf, true",
            "/etc/*.conf, etc/x/a.conf, false",
            "//etc/*.conf, etc/a.conf, true",
            "/build/, build/x, true",
            // everything else is literal
            "a.b, a.b, true",
            "a.b, axb, false",
            "(x)+, (x)+, true",
            "(x)+, xx, false",
            "a[1], a[1], true",
            "a[1], a1, false",
            "$x^, $x^, true",
            "x, x, true",
            "x, y, false",
            "x, xx, false",
            "x, a/x, false",
            "x/y, x/y, true",
    })
    void matches(String pattern, String path, boolean expected) {
        assertEquals(expected, PathPattern.of(pattern).matches(path),
                () -> "'" + pattern + "' against '" + path + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build/", "build/**", "/build/"})
    void aDirectoryPatternCoversTheDirectoryItself(String pattern) {
        // Ant: ** matches zero or more components, so "build/**" (and "build/") also covers "build".
        assertTrue(PathPattern.of(pattern).matches("build"));
        assertFalse(PathPattern.of(pattern).matches("buil"));
        assertFalse(PathPattern.of(pattern).matches("builds"));
    }

    @Test
    void backslashesInPatternsAreSeparators() {
        PathPattern p = PathPattern.of("dir\\*.txt");
        assertTrue(p.matches("dir/a.txt"));
        assertFalse(p.matches("dir/x/a.txt"));
        assertTrue(PathPattern.of("build\\").matches("build/a/b"));
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertTrue(PathPattern.of("  *.txt \n").matches("a.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/", "//", " / "})
    void emptyPatternsAreRejected(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathPattern.of(pattern));
        assertTrue(e.getMessage().contains("**"), e.getMessage());
    }

    @Test
    void toStringIsThePatternAsWritten() {
        assertEquals("/etc/*.conf", PathPattern.of("/etc/*.conf").toString());
        assertEquals("build/", PathPattern.of("build/").toString());
    }
}
