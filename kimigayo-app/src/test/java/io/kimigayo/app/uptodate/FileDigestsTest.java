package io.kimigayo.app.uptodate;

import io.kimigayo.core.hash.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A recorded digest is trusted only while the file's whole status is unchanged, and never when it was fresh. */
class FileDigestsTest {

    @TempDir
    Path dir;

    @Test
    void aFileRewrittenWithTheSameSizeAndModificationTimeIsReadAgain() throws Exception {
        Path file = dir.resolve("Main.class");
        Files.writeString(file, "one");
        FileTime old = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, old);
        // its change time (which no call can set back) must be older than the racy window to be trusted
        Thread.sleep(FileDigests.RACY_NANOS / 1_000_000 + 200);
        FileDigests first = new FileDigests(Map.of());
        assertEquals(Sha256.hex("one"), first.sha256(file));
        assertEquals(1, first.filesRead());

        FileDigests second = new FileDigests(first.used());
        assertEquals(Sha256.hex("one"), second.sha256(file));
        assertEquals(0, second.filesRead(), "an unchanged status is trusted");

        // same size, modification time set back: only the change time tells
        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, old);
        FileDigests third = new FileDigests(first.used());
        assertEquals(Sha256.hex("two"), third.sha256(file));
        assertEquals(1, third.filesRead());
    }

    @Test
    void aFileChangedJustBeforeItWasReadIsReadAgainNextTime() throws Exception {
        Path file = dir.resolve("fresh.txt");
        Files.writeString(file, "fresh");
        FileDigests first = new FileDigests(Map.of());
        first.sha256(file);
        assertEquals("-", first.used().get(file.toAbsolutePath().normalize()).status());
        FileDigests second = new FileDigests(first.used());
        second.sha256(file);
        assertEquals(1, second.filesRead());
    }
}
