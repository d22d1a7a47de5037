package io.kimigayo.kernel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
}
