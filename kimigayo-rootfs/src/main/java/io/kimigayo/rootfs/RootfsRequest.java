package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.source.SourceCatalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@link RootfsBuilder} needs.
 *
 * @param variant              minimal or standard
 * @param arch                 the machine to build for ({@code x86_64}); must be the host's for now
 * @param sources              the pinned sources, with the user's overrides
 * @param sourceMirrors        directories or base URLs searched for sources before upstream
 * @param offline              whether the network is forbidden
 * @param cacheDirectory       the source and build cache ({@code ~/.cache/kimigayo})
 * @param users                accounts added to root and nonroot
 * @param files                the user's files, added last
 * @param failOnAudit          whether an executable without PIE, NX stack or full RELRO fails the build
 * @param allowPackageManagers whether package managers in the PATH are tolerated
 * @param timestamp            the build timestamp (SOURCE_DATE_EPOCH of the native builds, every mtime)
 * @param version              the OS version written to os-release
 * @param outputDirectory      where rootfs.tar, initramfs.cpio.gz and rootfs.json go ({@code target/kimigayo/rootfs})
 * @param logDirectory         where the native builds' logs go ({@code target/kimigayo/logs})
 * @param jobs                 parallel make jobs; below 1 for the number of cores
 * @param progress             receives progress lines
 * @see #builder(Variant, String, Instant, Path)
 */
public record RootfsRequest(Variant variant, String arch, SourceCatalog sources, List<String> sourceMirrors,
                            boolean offline, Path cacheDirectory, List<UserAccount> users, List<FileAddition> files,
                            boolean failOnAudit, boolean allowPackageManagers, Instant timestamp, String version,
                            Path outputDirectory, Path logDirectory, int jobs, Consumer<String> progress) {

    public RootfsRequest {
        sourceMirrors = sourceMirrors == null ? List.of() : List.copyOf(sourceMirrors);
        users = users == null ? List.of() : List.copyOf(users);
        files = files == null ? List.of() : List.copyOf(files);
        jobs = jobs < 1 ? Runtime.getRuntime().availableProcessors() : jobs;
        progress = progress == null ? line -> { } : progress;
    }

    /**
     * A request for the {@code variant} rootfs of {@code arch} at {@code timestamp}, written to
     * {@code outputDirectory}. The cache and log directories must be set, and the OS version should be; the rest
     * has its default until set: the pinned sources, no mirrors, the network allowed, no users or files, audit
     * findings fail the build, package managers refused, one make job per core, progress dropped.
     */
    public static Builder builder(Variant variant, String arch, Instant timestamp, Path outputDirectory) {
        return new Builder(variant, arch, timestamp, outputDirectory);
    }

    /**
     * Builds a {@link RootfsRequest}. Lists and the progress left unset are null, and the record's constructor gives
     * them their defaults.
     */
    public static final class Builder {
        private final Variant variant;
        private final String arch;
        private final Instant timestamp;
        private final Path outputDirectory;
        private SourceCatalog sources = SourceCatalog.defaults();
        private List<String> sourceMirrors;
        private boolean offline;
        private Path cacheDirectory;
        private List<UserAccount> users;
        private List<FileAddition> files;
        private boolean failOnAudit = true;
        private boolean allowPackageManagers;
        private String version;
        private Path logDirectory;
        private int jobs;
        private Consumer<String> progress;

        private Builder(Variant variant, String arch, Instant timestamp, Path outputDirectory) {
            this.variant = variant;
            this.arch = arch;
            this.timestamp = timestamp;
            this.outputDirectory = outputDirectory;
        }

        /** See {@link RootfsRequest#sources()}. */
        public Builder sources(SourceCatalog sources) {
            this.sources = sources;
            return this;
        }

        /** See {@link RootfsRequest#sourceMirrors()}. */
        public Builder sourceMirrors(List<String> sourceMirrors) {
            this.sourceMirrors = sourceMirrors;
            return this;
        }

        /** See {@link RootfsRequest#offline()}. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** See {@link RootfsRequest#cacheDirectory()}; required. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** See {@link RootfsRequest#users()}. */
        public Builder users(List<UserAccount> users) {
            this.users = users;
            return this;
        }

        /** See {@link RootfsRequest#files()}. */
        public Builder files(List<FileAddition> files) {
            this.files = files;
            return this;
        }

        /** See {@link RootfsRequest#failOnAudit()}. */
        public Builder failOnAudit(boolean failOnAudit) {
            this.failOnAudit = failOnAudit;
            return this;
        }

        /** See {@link RootfsRequest#allowPackageManagers()}. */
        public Builder allowPackageManagers(boolean allowPackageManagers) {
            this.allowPackageManagers = allowPackageManagers;
            return this;
        }

        /** See {@link RootfsRequest#version()}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** See {@link RootfsRequest#logDirectory()}; required. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = logDirectory;
            return this;
        }

        /** See {@link RootfsRequest#jobs()}; below 1 for one per core. */
        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** See {@link RootfsRequest#progress()}. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** @throws NullPointerException when the cache or the log directory is not set */
        public RootfsRequest build() {
            Objects.requireNonNull(cacheDirectory, "a rootfs request needs a cache directory");
            Objects.requireNonNull(logDirectory, "a rootfs request needs a log directory");
            return new RootfsRequest(variant, arch, sources, sourceMirrors, offline, cacheDirectory, users, files,
                    failOnAudit, allowPackageManagers, timestamp, version, outputDirectory, logDirectory, jobs,
                    progress);
        }
    }
}
