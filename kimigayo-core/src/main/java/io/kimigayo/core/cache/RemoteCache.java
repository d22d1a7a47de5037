package io.kimigayo.core.cache;

import java.nio.file.Path;

/**
 * A second tier of the {@link BuildCache}, shared between machines (a CI farm): {@link BuildCache#lookup} asks it on
 * a local miss, and {@link BuildCache#commit} hands it each entry built here. Its failures are the remote's concern:
 * an implementation reports a remote it cannot reach, that refuses, or that serves a bad entry as a warning and
 * answers as a miss, so that the build goes on as without it.
 */
public interface RemoteCache {

    /**
     * Writes the entry for {@code name} and {@code key} into the empty directory {@code into}, verified.
     *
     * @return true when {@code into} now holds the whole entry; false on a miss or any failure (then {@code into}
     *         may hold a part, which the caller discards)
     */
    boolean fetch(String name, CacheKey key, Path into);

    /** Offers an entry built here (a read-only remote ignores it); failures are warnings, never thrown. */
    void store(String name, CacheKey key, Path entry);
}
