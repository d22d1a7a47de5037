package io.kimigayo.kernel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@link KernelBuilder} needs.
 *
 * @param arch            the machine to build for ({@code x86_64}); must be the host's for now
 * @param kernelSource    an archive path or URL, or a source directory; blank for Debian's linux-source-6.1
 * @param kernelSha256    the archive's SHA-256: required for a URL, checked for a path when given
 * @param kernelConfig    the base: {@code tinyconfig} (blank), {@code defconfig}, ... or a {@code .config} file
 * @param configFragments the user's fragments, applied after Kimigayo's in this order
 * @param hardening       whether Kimigayo's hardening fragment is applied (and enforced)
 * @param jobs            parallel make jobs; below 1 for the number of cores
 * @param sourceMirrors   directories or base URLs searched for a URL source before upstream
 * @param offline         whether the network is forbidden
 * @param cacheDirectory  the source and build cache ({@code ~/.cache/kimigayo})
 * @param timestamp       the build timestamp (KBUILD_BUILD_TIMESTAMP, SOURCE_DATE_EPOCH)
 * @param baseDirectory   where relative paths are resolved and fragment names are relative to (the project)
 * @param outputDirectory {@code target/kimigayo}; the kernel goes to {@code kernel/<arch>/} below it
 * @param logDirectory    where {@code kernel.log} goes
 * @param progress        receives progress lines
 * @param warnings        receives warnings (options of the baseline or the user's fragments that did not stick)
 * @see #builder(String, Instant, Path)
 */
public record KernelRequest(String arch, String kernelSource, String kernelSha256, String kernelConfig,
                            List<Path> configFragments, boolean hardening, int jobs, List<String> sourceMirrors,
                            boolean offline, Path cacheDirectory, Instant timestamp, Path baseDirectory,
                            Path outputDirectory, Path logDirectory, Consumer<String> progress,
                            Consumer<String> warnings) {

    public KernelRequest {
        configFragments = configFragments == null ? List.of() : List.copyOf(configFragments);
        sourceMirrors = sourceMirrors == null ? List.of() : List.copyOf(sourceMirrors);
        jobs = jobs < 1 ? Runtime.getRuntime().availableProcessors() : jobs;
        progress = progress == null ? line -> { } : progress;
        warnings = warnings == null ? progress : warnings;
    }

    /**
     * A request for a kernel for {@code arch} at {@code timestamp}, written below {@code outputDirectory}. The base,
     * cache and log directories must be set; the rest has its default until set: Debian's kernel source on
     * tinyconfig, no fragments of the user's, hardening applied, one make job per core, no mirrors, the network
     * allowed, progress dropped, and warnings sent to the progress.
     */
    public static Builder builder(String arch, Instant timestamp, Path outputDirectory) {
        return new Builder(arch, timestamp, outputDirectory);
    }

    /**
     * Builds a {@link KernelRequest}. Values left unset are null (or 0 jobs), and the record's constructor gives
     * them their defaults.
     */
    public static final class Builder {
        private final String arch;
        private final Instant timestamp;
        private final Path outputDirectory;
        private String kernelSource;
        private String kernelSha256;
        private String kernelConfig;
        private List<Path> configFragments;
        private boolean hardening = true;
        private int jobs;
        private List<String> sourceMirrors;
        private boolean offline;
        private Path cacheDirectory;
        private Path baseDirectory;
        private Path logDirectory;
        private Consumer<String> progress;
        private Consumer<String> warnings;

        private Builder(String arch, Instant timestamp, Path outputDirectory) {
            this.arch = arch;
            this.timestamp = timestamp;
            this.outputDirectory = outputDirectory;
        }

        /** See {@link KernelRequest#kernelSource()}. */
        public Builder kernelSource(String kernelSource) {
            this.kernelSource = kernelSource;
            return this;
        }

        /** See {@link KernelRequest#kernelSha256()}. */
        public Builder kernelSha256(String kernelSha256) {
            this.kernelSha256 = kernelSha256;
            return this;
        }

        /** See {@link KernelRequest#kernelConfig()}. */
        public Builder kernelConfig(String kernelConfig) {
            this.kernelConfig = kernelConfig;
            return this;
        }

        /** See {@link KernelRequest#configFragments()}. */
        public Builder configFragments(List<Path> configFragments) {
            this.configFragments = configFragments;
            return this;
        }

        /** See {@link KernelRequest#hardening()}. */
        public Builder hardening(boolean hardening) {
            this.hardening = hardening;
            return this;
        }

        /** See {@link KernelRequest#jobs()}. */
        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** See {@link KernelRequest#sourceMirrors()}. */
        public Builder sourceMirrors(List<String> sourceMirrors) {
            this.sourceMirrors = sourceMirrors;
            return this;
        }

        /** See {@link KernelRequest#offline()}. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** See {@link KernelRequest#cacheDirectory()}; required. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** See {@link KernelRequest#baseDirectory()}; required. */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /** See {@link KernelRequest#logDirectory()}; required. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = logDirectory;
            return this;
        }

        /** See {@link KernelRequest#progress()}. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** See {@link KernelRequest#warnings()}; unset for the progress. */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /** @throws NullPointerException when the cache, base or log directory is not set */
        public KernelRequest build() {
            Objects.requireNonNull(cacheDirectory, "a kernel request needs a cache directory");
            Objects.requireNonNull(baseDirectory, "a kernel request needs a base directory");
            Objects.requireNonNull(logDirectory, "a kernel request needs a log directory");
            return new KernelRequest(arch, kernelSource, kernelSha256, kernelConfig, configFragments, hardening, jobs,
                    sourceMirrors, offline, cacheDirectory, timestamp, baseDirectory, outputDirectory, logDirectory,
                    progress, warnings);
        }
    }
}
