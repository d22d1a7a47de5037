package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.ServiceLinks;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.source.SourceCatalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@link RootfsBuilder} needs.
 *
 * @param variant              minimal or standard
 * @param arch                 the machine to build for, {@code x86_64} or {@code aarch64} ({@code amd64} and
 *                             {@code arm64} name the same machines and are stored as the former)
 * @param sources              the pinned sources, with the user's overrides
 * @param nativeBuild          how and where the native builds run: source mirrors, network, the cache and log
 *                             ({@code target/kimigayo/logs}) directories, make jobs, progress
 * @param users                accounts added to root and nonroot
 * @param files                the user's files, added last
 * @param failOnAudit          whether an executable without PIE, NX stack or full RELRO fails the build
 * @param allowPackageManagers whether package managers in the PATH are tolerated
 * @param timestamp            the build timestamp (SOURCE_DATE_EPOCH of the native builds, every mtime)
 * @param version              the OS version written to os-release
 * @param outputDirectory      where rootfs.tar, initramfs.cpio.gz and rootfs.json go ({@code target/kimigayo/rootfs})
 * @param services             OpenRC services linked into their runlevels, {@code name} or {@code name:runlevel}
 *                             (see {@link ServiceLinks})
 * @see #builder(Variant, String, Instant, Path)
 */
public record RootfsRequest(Variant variant, String arch, SourceCatalog sources, NativeBuildSettings nativeBuild,
                            List<UserAccount> users, List<FileAddition> files, boolean failOnAudit,
                            boolean allowPackageManagers, Instant timestamp, String version, Path outputDirectory,
                            List<ServiceLinks.Service> services) {

    public RootfsRequest {
        services = services == null ? List.of() : List.copyOf(services);
        arch = arch == null ? null : TargetArch.parse(arch).id();
        users = users == null ? List.of() : List.copyOf(users);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * A request for the {@code variant} rootfs of {@code arch} at {@code timestamp}, written to
     * {@code outputDirectory}. The native build settings must be set with their cache and log directories, and the OS
     * version should be; the rest has its default until set: the pinned sources, no users or files, audit findings
     * fail the build, package managers refused.
     */
    public static Builder builder(Variant variant, String arch, Instant timestamp, Path outputDirectory) {
        return new Builder(variant, arch, timestamp, outputDirectory);
    }

    /**
     * Builds a {@link RootfsRequest}. Lists left unset are null, and the record's constructor gives them their
     * defaults.
     */
    public static final class Builder {
        private final Variant variant;
        private final String arch;
        private final Instant timestamp;
        private final Path outputDirectory;
        private SourceCatalog sources = SourceCatalog.defaults();
        private NativeBuildSettings nativeBuild = NativeBuildSettings.builder().build();
        private List<UserAccount> users;
        private List<FileAddition> files;
        private boolean failOnAudit = true;
        private boolean allowPackageManagers;
        private String version;
        private List<ServiceLinks.Service> services;

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

        /** See {@link RootfsRequest#nativeBuild()}; required, with its cache and log directories. */
        public Builder nativeBuild(NativeBuildSettings nativeBuild) {
            this.nativeBuild = nativeBuild;
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

        /** See {@link RootfsRequest#services()}. */
        public Builder services(List<ServiceLinks.Service> services) {
            this.services = services;
            return this;
        }

        /** @throws NullPointerException when the cache or the log directory is not set */
        public RootfsRequest build() {
            return new RootfsRequest(variant, arch, sources, nativeBuild.requireDirectories("a rootfs request"), users,
                    files, failOnAudit, allowPackageManagers, timestamp, version, outputDirectory, services);
        }
    }
}
