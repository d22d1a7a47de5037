package io.kimigayo.kernel;

import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@link KernelBuilder} needs.
 *
 * @param arch            the machine to build for ({@code x86_64}, {@code aarch64}; {@code amd64}, {@code arm64});
 *                        another than the host's is cross-compiled
 * @param kernelSource    an archive path or URL, or a source directory; blank for Debian's linux-source-6.1
 * @param kernelSha256    the archive's SHA-256: required for a URL, checked for a path when given
 * @param kernelConfig    the base: {@code tinyconfig} (blank), {@code defconfig}, ... or a {@code .config} file
 * @param configFragments the user's fragments, applied after Kimigayo's in this order
 * @param hardening       whether Kimigayo's hardening fragment is applied (and enforced)
 * @param nativeBuild     how and where the build runs: mirrors searched for a URL source before upstream, network,
 *                        the cache and log ({@code kernel.log} goes there) directories, make jobs, progress
 * @param timestamp       the build timestamp (KBUILD_BUILD_TIMESTAMP, SOURCE_DATE_EPOCH)
 * @param baseDirectory   where relative paths are resolved and fragment names are relative to (the project)
 * @param outputDirectory {@code target/kimigayo}; the kernel goes to {@code kernel/<arch>/} below it
 * @param warnings        receives warnings (options of the baseline or the user's fragments that did not stick)
 * @see #builder(String, Instant, Path)
 */
public record KernelRequest(String arch, String kernelSource, String kernelSha256, String kernelConfig,
                            List<Path> configFragments, boolean hardening, NativeBuildSettings nativeBuild,
                            Instant timestamp, Path baseDirectory, Path outputDirectory, Consumer<String> warnings) {

    public KernelRequest {
        configFragments = configFragments == null ? List.of() : List.copyOf(configFragments);
        warnings = warnings == null ? nativeBuild.progress() : warnings;
    }

    /**
     * A request for a kernel for {@code arch} at {@code timestamp}, written below {@code outputDirectory}. The base
     * directory and the native build settings with their cache and log directories must be set; the rest has its
     * default until set: Debian's kernel source on tinyconfig, no fragments of the user's, hardening applied, and
     * warnings sent to the progress.
     */
    public static Builder builder(String arch, Instant timestamp, Path outputDirectory) {
        return new Builder(arch, timestamp, outputDirectory);
    }

    /**
     * Builds a {@link KernelRequest}. Values left unset are null, and the record's constructor gives them their
     * defaults.
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
        private NativeBuildSettings nativeBuild = NativeBuildSettings.builder().build();
        private Path baseDirectory;
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

        /** See {@link KernelRequest#nativeBuild()}; required, with its cache and log directories. */
        public Builder nativeBuild(NativeBuildSettings nativeBuild) {
            this.nativeBuild = nativeBuild;
            return this;
        }

        /** See {@link KernelRequest#baseDirectory()}; required. */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /** See {@link KernelRequest#warnings()}; unset for the native build's progress. */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /** @throws NullPointerException when the cache, base or log directory is not set */
        public KernelRequest build() {
            nativeBuild.requireDirectories("a kernel request");
            Objects.requireNonNull(baseDirectory, "a kernel request needs a base directory");
            return new KernelRequest(arch, kernelSource, kernelSha256, kernelConfig, configFragments, hardening,
                    nativeBuild, timestamp, baseDirectory, outputDirectory, warnings);
        }
    }
}
