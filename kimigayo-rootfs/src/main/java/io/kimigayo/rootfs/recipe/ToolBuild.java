package io.kimigayo.rootfs.recipe;

import java.nio.file.Path;

/**
 * A compiled development tool of the extended variant (GNU make, strace, TinyCC, musl's static libc), cached: the
 * files it puts into the image, below {@code dest/} at their paths in the image ({@code dest/usr/bin/make}).
 *
 * @param entry the cache entry
 */
public record ToolBuild(Path entry) {

    /** The tree to copy into the image's root. */
    public Path destination() {
        return entry.resolve("dest");
    }
}
