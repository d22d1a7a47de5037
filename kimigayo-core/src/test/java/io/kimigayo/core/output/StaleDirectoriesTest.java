package io.kimigayo.core.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Temporary files of killed builds in a shared cache go once they are old; those of live builds stay. */
class StaleDirectoriesTest {

    @TempDir
    Path cache;

    @Test
    void oldTemporaryFilesAreRemovedAndNothingElse() throws Exception {
        Path temp = AtomicFiles.createTemp(cache, ".blob-");
        Path blob = Files.writeString(cache.resolve("0123abcd"), "a cached blob");
        Path other = Files.writeString(cache.resolve(".lock"), "");

        assertEquals(0, StaleDirectories.removeOldTemporaryFiles(cache), "a temporary file just written stays");
        assertTrue(Files.exists(temp));

        Instant later = Instant.now().plus(StaleDirectories.UNLOCKED_AGE).plus(1, ChronoUnit.MINUTES);
        assertEquals(1, StaleDirectories.removeOldTemporaryFiles(cache, later));
        assertFalse(Files.exists(temp));
        assertTrue(Files.exists(blob) && Files.exists(other), "only temporary files are removed");
    }

    @Test
    void aFreshHardLinkToAnOldFileIsNotOld() throws Exception {
        Path blob = Files.writeString(cache.resolve("0123abcd"), "a cached blob");
        Files.setLastModifiedTime(blob, FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS)));
        Path link = Files.createLink(cache.resolve(".blob-1.tmp"), blob); // a build checking the blob right now

        assertEquals(0, StaleDirectories.removeOldTemporaryFiles(cache));
        assertTrue(Files.exists(link), "the link of a live build was removed: its modification time is the blob's");
    }
}
