package io.kimigayo.core.cache;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.output.StaleDirectories;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled outputs by cache key: {@code <cache>/builds/<name>-<key>/}. An entry appears whole or not at all: it is
 * built in a work directory beside it and renamed into place, with a {@code .complete} marker written first. The
 * cache is shared by every build of the machine, several at a time: an entry is never replaced or deleted once it is
 * there (the same key means the same inputs, so a second build of it gives the same entry), so another process may
 * read it while this one commits. A work directory holds a lock while its build lives; those of builds that were
 * killed are removed when a new one is made.
 *
 * <p>With a {@link RemoteCache}, a local miss asks the remote before the caller builds, and what the caller builds
 * and commits is offered to the remote. An entry from the remote is committed locally like one built here.
 */
public final class BuildCache {

    /** The marker file of a finished entry; not part of its content. */
    public static final String COMPLETE = ".complete";
    private static final String WORK_PREFIX = ".work-";
    private static final String LOCK = ".lock";
    /** The open lock of each live work directory of this process. */
    private static final Map<Path, FileChannel> LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final RemoteCache remote;

    public BuildCache(Path cacheDirectory) {
        this(cacheDirectory, null);
    }

    /** A cache that asks {@code remote} (null for none) on a local miss and offers it what is built here. */
    public BuildCache(Path cacheDirectory, RemoteCache remote) {
        this.root = cacheDirectory.resolve("builds");
        this.remote = remote;
    }

    /**
     * The finished entry for the key, if there is one here or, on a local miss, in the remote cache (then it is
     * committed here first).
     */
    public Optional<Path> lookup(String name, CacheKey key) {
        Path entry = entry(name, key);
        if (Files.isRegularFile(entry.resolve(COMPLETE))) {
            return Optional.of(entry);
        }
        return remote == null ? Optional.empty() : fetchRemote(name, key);
    }

    private Optional<Path> fetchRemote(String name, CacheKey key) {
        Path work;
        try {
            work = newWorkDirectory(name);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            Path into = Files.createDirectory(work.resolve("entry"));
            if (!remote.fetch(name, key, into)) {
                discard(work);
                return Optional.empty();
            }
            Path entry = commitLocally(into, name, key);
            discard(work);
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            try {
                discard(work);
            } catch (IOException ignored) {
                // a stale work directory is removed by the next build
            }
            return Optional.empty();
        }
    }

    /** A new empty directory to build an entry in; hand it to {@link #commit} when done. */
    public Path newWorkDirectory(String name) throws IOException {
        Files.createDirectories(root);
        StaleDirectories.removeAbandoned(root, WORK_PREFIX, LOCK);
        Path work = Files.createDirectory(root.resolve(WORK_PREFIX + name + "-" + UUID.randomUUID()));
        LOCKS.put(work, StaleDirectories.hold(work.resolve(LOCK)));
        return work;
    }

    /**
     * Turns a finished work directory into the entry for the key and returns the entry. When another build made the
     * entry first, that one stays and this work directory is removed.
     */
    public Path commit(Path work, String name, CacheKey key) throws IOException {
        Path entry = commitLocally(work, name, key);
        if (remote != null) {
            remote.store(name, key, entry);
        }
        return entry;
    }

    private Path commitLocally(Path work, String name, CacheKey key) throws IOException {
        Files.writeString(work.resolve(COMPLETE), key.hex() + "\n");
        // the lock file goes before the move (an entry holds none), the lock itself after it: no clean-up in
        // another process can take the work directory for abandoned meanwhile
        Files.deleteIfExists(work.resolve(LOCK));
        try {
            Path entry = entry(name, key);
            if (!Files.isRegularFile(entry.resolve(COMPLETE)) && Files.isDirectory(entry)) {
                // an entry without its marker (written by an older Kimigayo): nobody uses it, move it out of the way
                Path aside = root.resolve(WORK_PREFIX + "aside-" + UUID.randomUUID());
                try {
                    Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
                    AtomicFiles.deleteRecursively(aside);
                } catch (NoSuchFileException e) {
                    // another build moved it first
                }
            }
            try {
                Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // rename(2) refuses to replace a directory that is not empty: another build committed the same key
                // meanwhile. Keep its entry, which others may be reading.
                if (!Files.isRegularFile(entry.resolve(COMPLETE))) {
                    throw raced;
                }
                AtomicFiles.deleteRecursively(work);
            }
            return entry;
        } finally {
            release(work);
        }
    }

    /** Removes a work directory that will not be committed (the build failed, or it kept only a part of it). */
    public static void discard(Path work) throws IOException {
        release(work);
        AtomicFiles.deleteRecursively(work);
    }

    /** Frees a work directory's lock (the build is done with it, committed or abandoned). */
    public static void release(Path work) throws IOException {
        FileChannel channel = LOCKS.remove(work);
        if (channel != null) {
            StaleDirectories.letGo(work.resolve(LOCK), channel);
        }
        Files.deleteIfExists(work.resolve(LOCK));
    }

    private Path entry(String name, CacheKey key) {
        return root.resolve(name + "-" + key.hex().substring(0, 24));
    }
}
