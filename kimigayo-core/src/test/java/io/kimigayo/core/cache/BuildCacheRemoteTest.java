package io.kimigayo.core.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@link BuildCache} uses a {@link RemoteCache}: asked on a local miss only, handed what is built here, never
 * what came from it; a failed fetch leaves nothing behind. (The registry's implementation is tested against a real
 * registry in kimigayo-oci.)
 */
class BuildCacheRemoteTest {

    @TempDir
    Path dir;

    /** A remote that serves one file per entry from a directory and records what it is asked. */
    private static final class DirectoryRemote implements RemoteCache {
        final Path store;
        final List<String> calls = new ArrayList<>();
        boolean failHalfway;

        DirectoryRemote(Path store) {
            this.store = store;
        }

        @Override
        public boolean fetch(String name, CacheKey key, Path into) {
            calls.add("fetch " + name);
            Path file = store.resolve(name + "-" + key.hex());
            try {
                if (failHalfway) {
                    Files.writeString(into.resolve("part"), "half");
                    return false;
                }
                if (!Files.isRegularFile(file)) {
                    return false;
                }
                Files.copy(file, into.resolve("file"));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void store(String name, CacheKey key, Path entry) {
            calls.add("store " + name);
            try {
                Files.createDirectories(store);
                Files.copy(entry.resolve("file"), store.resolve(name + "-" + key.hex()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void build(BuildCache cache, String name, CacheKey key) throws IOException {
        Path work = cache.newWorkDirectory(name);
        Files.writeString(work.resolve("file"), "built " + key.hex());
        cache.commit(work, name, key);
    }

    @Test
    void aLocalMissIsFetchedCommittedAndNotStoredAgain() throws IOException {
        DirectoryRemote remote = new DirectoryRemote(dir.resolve("remote"));
        CacheKey key = new CacheKey().with("source", "a");
        BuildCache one = new BuildCache(dir.resolve("one"), remote);
        assertTrue(one.lookup("tool", key).isEmpty());
        build(one, "tool", key);
        assertEquals(List.of("fetch tool", "store tool"), remote.calls);

        BuildCache two = new BuildCache(dir.resolve("two"), remote);
        Path entry = two.lookup("tool", key).orElseThrow();
        assertEquals("built " + key.hex(), Files.readString(entry.resolve("file")));
        assertTrue(Files.isRegularFile(entry.resolve(BuildCache.COMPLETE)), "committed like a local build");
        assertEquals(entry, two.lookup("tool", key).orElseThrow());
        assertEquals(List.of("fetch tool", "store tool", "fetch tool"), remote.calls, "asked once, not stored back");
    }

    @Test
    void aFailedFetchLeavesNothing() throws IOException {
        DirectoryRemote remote = new DirectoryRemote(dir.resolve("remote"));
        remote.failHalfway = true;
        BuildCache cache = new BuildCache(dir.resolve("c"), remote);
        assertTrue(cache.lookup("tool", new CacheKey().with("source", "b")).isEmpty());
        try (Stream<Path> builds = Files.list(dir.resolve("c/builds"))) {
            assertEquals(List.of(), builds.toList());
        }
    }
}
