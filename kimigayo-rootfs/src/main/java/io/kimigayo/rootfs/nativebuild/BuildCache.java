package io.kimigayo.rootfs.nativebuild;

import io.kimigayo.rootfs.output.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Compiled outputs by cache key: {@code <cache>/builds/<name>-<key>/}. An entry appears whole or not at all: it is
 * built in a temporary directory beside it and renamed into place, with a {@code .complete} marker written last.
 */
public final class BuildCache {

    private static final String COMPLETE = ".complete";

    private final Path root;

    public BuildCache(Path cacheDirectory) {
        this.root = cacheDirectory.resolve("builds");
    }

    /** The finished entry for the key, if there is one. */
    public Optional<Path> lookup(String name, CacheKey key) {
        Path entry = entry(name, key);
        return Files.isRegularFile(entry.resolve(COMPLETE)) ? Optional.of(entry) : Optional.empty();
    }

    /** A new empty directory to build an entry in; hand it to {@link #commit} when done. */
    public Path newWorkDirectory(String name) throws IOException {
        Files.createDirectories(root);
        return Files.createDirectory(root.resolve(".work-" + name + "-" + UUID.randomUUID()));
    }

    /** Turns a finished work directory into the entry for the key and returns the entry. */
    public Path commit(Path work, String name, CacheKey key) throws IOException {
        Files.writeString(work.resolve(COMPLETE), key.hex() + "\n");
        Path entry = entry(name, key);
        if (Files.exists(entry)) {
            AtomicFiles.deleteRecursively(entry);
        }
        Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
        return entry;
    }

    private Path entry(String name, CacheKey key) {
        return root.resolve(name + "-" + key.hex().substring(0, 24));
    }
}
