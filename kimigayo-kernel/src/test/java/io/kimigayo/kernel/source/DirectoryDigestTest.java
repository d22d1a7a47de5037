package io.kimigayo.kernel.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DirectoryDigestTest {

    @TempDir
    Path work;

    private Path tree(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("Makefile"), "VERSION = 6\n");
        Files.writeString(dir.resolve("scripts/config"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dir.resolve("scripts/config"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("Makefile"));
        return dir;
    }

    @Test
    void sameContentsSameDigestWhateverTheTimes() throws IOException {
        Path a = tree("a");
        Path b = tree("b");
        Files.setLastModifiedTime(b.resolve("Makefile"), FileTime.fromMillis(0));
        assertEquals(DirectoryDigest.of(a), DirectoryDigest.of(b));
    }

    @Test
    void contentModeAndLinksCount() throws IOException {
        Path a = tree("a");
        String digest = DirectoryDigest.of(a);
        Files.writeString(a.resolve("Makefile"), "VERSION = 7\n");
        assertNotEquals(digest, DirectoryDigest.of(a));

        Path b = tree("b");
        Files.setPosixFilePermissions(b.resolve("scripts/config"), PosixFilePermissions.fromString("rw-r--r--"));
        assertNotEquals(DirectoryDigest.of(tree("c")), DirectoryDigest.of(b));

        Path d = tree("d");
        Files.delete(d.resolve("link"));
        Files.createSymbolicLink(d.resolve("link"), Path.of("scripts"));
        assertNotEquals(DirectoryDigest.of(tree("e")), DirectoryDigest.of(d));
    }
}
