package io.kimigayo.core.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void tempFileIsCreatedBesideTheTargetReadableByAll() throws IOException {
        Path nested = dir.resolve("a/b");
        Path t1 = AtomicFiles.createTemp(nested, ".x-");
        Path t2 = AtomicFiles.createTemp(nested, ".x-");
        assertEquals(nested, t1.getParent());
        assertNotEquals(t1, t2);
        assertTrue(t1.getFileName().toString().startsWith(".x-"));
        assertTrue(t1.getFileName().toString().endsWith(".tmp"));
        assertEquals(0, Files.size(t1));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(t1)));
    }

    @Test
    void moveIntoPlaceReplacesTheTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("out"), "old");
        Path temp = AtomicFiles.createTemp(dir, ".out-");
        Files.writeString(temp, "new");
        AtomicFiles.moveIntoPlace(temp, target);
        assertEquals("new", Files.readString(target));
        assertFalse(Files.exists(temp));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void moveIntoPlaceCreatesANewTarget() throws IOException {
        Path temp = AtomicFiles.createTemp(dir, ".out-");
        Files.writeString(temp, "first");
        AtomicFiles.moveIntoPlace(temp, dir.resolve("fresh"));
        assertEquals("first", Files.readString(dir.resolve("fresh")));
    }

    @Test
    void deleteRecursivelyRemovesATreeButNeverFollowsSymlinks() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path keep = Files.writeString(outside.resolve("keep.txt"), "precious");
        Path tree = Files.createDirectories(dir.resolve("tree/sub/deeper"));
        Files.writeString(tree.resolve("f"), "x");
        Files.writeString(dir.resolve("tree/top"), "y");
        Files.createSymbolicLink(dir.resolve("tree/sub/link-to-outside"), outside);
        Files.createSymbolicLink(dir.resolve("tree/file-link"), keep);

        AtomicFiles.deleteRecursively(dir.resolve("tree"));

        assertFalse(Files.exists(dir.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("precious", Files.readString(keep));
        assertEquals(List.of("outside"), names(dir));
    }

    @Test
    void deleteRecursivelyOfASymlinkDeletesOnlyTheLink() throws IOException {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        AtomicFiles.deleteRecursively(link);
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(target.resolve("f")));
    }

    @Test
    void deleteRecursivelyOfAFileAndOfNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        AtomicFiles.deleteRecursively(file);
        assertFalse(Files.exists(file));
        AtomicFiles.deleteRecursively(dir.resolve("never-was"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        AtomicFiles.deleteRecursively(dangling);
        assertFalse(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), names(dir));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
