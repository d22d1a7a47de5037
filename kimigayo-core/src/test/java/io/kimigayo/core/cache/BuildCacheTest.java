package io.kimigayo.core.cache;

import io.kimigayo.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildCacheTest {

    @TempDir
    Path cacheDir;

    private static CacheKey key(String flags) {
        return new CacheKey().with("component", "musl").with("flags", flags);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void lookupMissesWhenNothingWasBuilt() {
        assertEquals(Optional.empty(), new BuildCache(cacheDir).lookup("musl-1.2.5", key("-O2")));
    }

    @Test
    void commitThenLookupHits() throws IOException {
        BuildCache cache = new BuildCache(cacheDir);
        Path work = cache.newWorkDirectory("musl");
        assertTrue(Files.isDirectory(work));
        assertEquals(List.of(".lock"), names(work), "a new work directory holds only the lock of its build");
        Files.createDirectories(work.resolve("dest/usr/lib"));
        Files.writeString(work.resolve("dest/usr/lib/libc.so"), "libc");

        Path entry = cache.commit(work, "musl-1.2.5", key("-O2"));

        assertFalse(Files.exists(work), "the work directory became the entry");
        assertEquals(cacheDir.resolve("builds"), entry.getParent());
        assertTrue(entry.getFileName().toString().startsWith("musl-1.2.5-"), entry.toString());
        assertEquals("libc", Files.readString(entry.resolve("dest/usr/lib/libc.so")));
        assertEquals(Optional.of(entry), cache.lookup("musl-1.2.5", key("-O2")));
        assertEquals(Optional.of(entry), new BuildCache(cacheDir).lookup("musl-1.2.5", key("-O2")),
                "a later build (a new BuildCache on the same directory) finds it");
        assertEquals(key("-O2").hex() + "\n", Files.readString(entry.resolve(".complete")));
    }

    @Test
    void otherKeyOrOtherNameMisses() throws IOException {
        BuildCache cache = new BuildCache(cacheDir);
        cache.commit(cache.newWorkDirectory("musl"), "musl-1.2.5", key("-O2"));
        assertEquals(Optional.empty(), cache.lookup("musl-1.2.5", key("-Os")));
        assertEquals(Optional.empty(), cache.lookup("musl-1.2.4", key("-O2")));
    }

    @Test
    void entryWithoutCompleteMarkerIsNotAHit() throws IOException {
        BuildCache cache = new BuildCache(cacheDir);
        Path entry = cache.commit(cache.newWorkDirectory("musl"), "musl-1.2.5", key("-O2"));
        Files.delete(entry.resolve(".complete"));
        assertEquals(Optional.empty(), cache.lookup("musl-1.2.5", key("-O2")),
                "a half-written entry (an interrupted build) must not be used");
    }

    @Test
    void unfinishedWorkDirectoryIsNeverAHit() throws IOException {
        BuildCache cache = new BuildCache(cacheDir);
        Path work = cache.newWorkDirectory("musl");
        Files.writeString(work.resolve("partial.o"), "half");
        assertEquals(Optional.empty(), cache.lookup("musl-1.2.5", key("-O2")));
        assertNotEquals(work, cache.newWorkDirectory("musl"), "each build gets its own work directory");
    }

    @Test
    void commitReplacesAStaleEntry() throws IOException {
        BuildCache cache = new BuildCache(cacheDir);
        Path first = cache.newWorkDirectory("musl");
        Files.writeString(first.resolve("old-only.txt"), "old");
        Files.writeString(first.resolve("libc.so"), "old libc");
        Path entry = cache.commit(first, "musl-1.2.5", key("-O2"));
        Files.delete(entry.resolve(".complete")); // as if a crash left it half-valid

        Path second = cache.newWorkDirectory("musl");
        Files.writeString(second.resolve("libc.so"), "new libc");
        Path again = cache.commit(second, "musl-1.2.5", key("-O2"));

        assertEquals(entry, again);
        assertEquals("new libc", Files.readString(again.resolve("libc.so")));
        assertFalse(Files.exists(again.resolve("old-only.txt")), "nothing of the stale entry remains");
        assertEquals(Optional.of(again), cache.lookup("musl-1.2.5", key("-O2")));
        assertEquals(List.of(again.getFileName().toString()), names(cacheDir.resolve("builds")),
                "no work directories are left behind");
    }

    @Test
    void processesBuildingTheSameAndOtherKeysAtOnceAllReadWholeEntries() throws Exception {
        List<Process> probes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // two processes on keys a and b, two on b and c: every entry is committed again while others read it
            String[] keys = i % 2 == 0 ? new String[] {"a", "b"} : new String[] {"b", "c"};
            List<String> args = new ArrayList<>(List.of(cacheDir.toString(), "30"));
            args.addAll(List.of(keys));
            probes.add(ChildJvm.start(BuildCacheProbe.class, Map.of(), false, args.toArray(String[]::new)));
        }
        for (Process probe : probes) {
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(120, TimeUnit.SECONDS));
            assertEquals("ok 30\n", out, "a process sharing the cache failed");
        }
        assertEquals(3, names(cacheDir.resolve("builds")).size(), "one entry per key, no work directories left: "
                + names(cacheDir.resolve("builds")));
    }

    @Test
    void theWorkDirectoriesOfKilledBuildsAreRemovedOnceTheirLockIsFree() throws Exception {
        BuildCache cache = new BuildCache(cacheDir);
        Path live = cache.newWorkDirectory("musl");
        Path killed = cache.newWorkDirectory("musl");
        BuildCache.release(killed); // as the operating system does when its process dies
        Files.writeString(killed.resolve(".lock"), "");
        Files.setLastModifiedTime(killed.resolve(".lock"), FileTime.from(Instant.now().minusSeconds(60)));

        cache.newWorkDirectory("busybox");

        assertTrue(Files.isDirectory(live), "the work directory of a live build stays");
        assertFalse(Files.exists(killed), "the work directory of a killed build is removed");
    }

    @Test
    void aLiveBuildsWorkDirectorySurvivesCleanUpsInThisProcessAndThenInAnother() throws Exception {
        BuildCache cache = new BuildCache(cacheDir);
        Path live = cache.newWorkDirectory("linux");
        Files.writeString(live.resolve("sysreg-defs.h"), "generated early in a long build");
        // a lock taken a while ago: past the grace for locks being taken right now. Set from another process:
        // Files.setLastModifiedTime opens the file, and that alone would free this process's lock
        Process touch = new ProcessBuilder("touch", "-m", "-d", "@" + Instant.now().minusSeconds(60).getEpochSecond(),
                live.resolve(".lock").toString()).inheritIO().start();
        assertEquals(0, touch.waitFor());

        // the same build makes another work directory: its clean-up must not touch (and so free) the live lock
        cache.newWorkDirectory("linux-config");
        // another build on the machine cleans up too
        Process other = ChildJvm.start(BuildCacheProbe.class, Map.of(), false, cacheDir.toString(), "1", "x");
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        assertEquals("ok 1\n", out);

        assertTrue(Files.isRegularFile(live.resolve("sysreg-defs.h")),
                "another process removed the work directory of a live build");
    }
}
