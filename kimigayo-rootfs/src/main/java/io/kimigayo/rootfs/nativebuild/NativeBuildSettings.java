package io.kimigayo.rootfs.nativebuild;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.RemoteCache;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How and where native builds (the userland's, the kernel's) run: where sources come from, which cache and log
 * directories they use, how many make jobs, and who hears of their progress.
 *
 * @param sourceMirrors  directories or base URLs searched for sources before upstream
 * @param offline        whether the network is forbidden
 * @param cacheDirectory the source and build cache ({@code ~/.cache/kimigayo})
 * @param logDirectory   where the native builds' logs go ({@code target/kimigayo/logs})
 * @param jobs           parallel make jobs; below 1 for the number of cores
 * @param progress       receives progress lines
 * @param remoteCache    the build cache shared through a registry, asked on a local miss; null for none
 * @see #builder()
 */
public record NativeBuildSettings(List<String> sourceMirrors, boolean offline, Path cacheDirectory,
                                  Path logDirectory, int jobs, Consumer<String> progress,
                                  RemoteCache remoteCache) {

    public NativeBuildSettings {
        sourceMirrors = sourceMirrors == null ? List.of() : List.copyOf(sourceMirrors);
        jobs = jobs < 1 ? Runtime.getRuntime().availableProcessors() : jobs;
        progress = progress == null ? line -> { } : progress;
    }

    /** The build cache of {@link #cacheDirectory()}, backed by {@link #remoteCache()} when there is one. */
    public BuildCache buildCache() {
        return new BuildCache(cacheDirectory, remoteCache);
    }

    /**
     * Settings with their defaults until set: no mirrors, the network allowed, no cache or log directory, one make
     * job per core, progress dropped.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * These settings, once their cache and log directories are known to be set.
     *
     * @param request what needs them, as the messages name it ({@code "a rootfs request"})
     * @throws NullPointerException "{@code <request>} needs a cache directory" (or "a log directory")
     */
    public NativeBuildSettings requireDirectories(String request) {
        Objects.requireNonNull(cacheDirectory, request + " needs a cache directory");
        Objects.requireNonNull(logDirectory, request + " needs a log directory");
        return this;
    }

    /**
     * Builds {@link NativeBuildSettings}. Values left unset are null (or 0 jobs), and the record's constructor gives
     * them their defaults.
     */
    public static final class Builder {
        private List<String> sourceMirrors;
        private boolean offline;
        private Path cacheDirectory;
        private Path logDirectory;
        private int jobs;
        private Consumer<String> progress;
        private RemoteCache remoteCache;

        private Builder() {
        }

        /** See {@link NativeBuildSettings#sourceMirrors()}. */
        public Builder sourceMirrors(List<String> sourceMirrors) {
            this.sourceMirrors = sourceMirrors;
            return this;
        }

        /** See {@link NativeBuildSettings#offline()}. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** See {@link NativeBuildSettings#cacheDirectory()}; a build needs it. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** See {@link NativeBuildSettings#logDirectory()}; a build needs it. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = logDirectory;
            return this;
        }

        /** See {@link NativeBuildSettings#jobs()}; below 1 for one per core. */
        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** See {@link NativeBuildSettings#progress()}. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** See {@link NativeBuildSettings#remoteCache()}; null for none. */
        public Builder remoteCache(RemoteCache remoteCache) {
            this.remoteCache = remoteCache;
            return this;
        }

        /** The settings; the directories are checked by the request that takes them. */
        public NativeBuildSettings build() {
            return new NativeBuildSettings(sourceMirrors, offline, cacheDirectory, logDirectory, jobs, progress,
                    remoteCache);
        }
    }
}
