package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.source.SourceCatalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
 * @param jobs                 parallel make jobs
 * @param progress             receives progress lines
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
}
