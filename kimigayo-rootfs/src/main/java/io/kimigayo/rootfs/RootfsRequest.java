package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.ServiceLinks;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.prebuilt.PrebuiltOs;
import io.kimigayo.rootfs.source.SourceCatalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param included             the user's choice of optional components ({@link #OPTIONAL_COMPONENTS}): name to in
 *                             ({@code true}) or out; a component not named has its variant's default
 *                             ({@link #includes})
 * @param services             OpenRC services linked into their runlevels, {@code name} or {@code name:runlevel}
 *                             (see {@link ServiceLinks})
 * @param prebuilt             where the prebuilt Kimigayo OS is found and whether it may stand in for compiling
 *                             ({@link io.kimigayo.rootfs.prebuilt.PrebuiltRootfs}); default none: compile
 * @see #builder(Variant, String, Instant, Path)
 */
public record RootfsRequest(Variant variant, String arch, SourceCatalog sources, NativeBuildSettings nativeBuild,
                            List<UserAccount> users, List<FileAddition> files, boolean failOnAudit,
                            boolean allowPackageManagers, Instant timestamp, String version, Path outputDirectory,
                            Map<String, Boolean> included, List<ServiceLinks.Service> services,
                            PrebuiltOs prebuilt) {

    /** The components every rootfs has: they cannot be left out. */
    public static final List<String> BASE_COMPONENTS = List.of("musl", "busybox");

    /** The components a rootfs may go without: in every variant but minimal unless left out, in minimal if asked. */
    public static final List<String> OPTIONAL_COMPONENTS = List.of("ca-certificates", "tzdata");

    public RootfsRequest {
        prebuilt = prebuilt == null ? PrebuiltOs.none() : prebuilt;
        services = services == null ? List.of() : List.copyOf(services);
        arch = arch == null ? null : TargetArch.parse(arch).id();
        users = users == null ? List.of() : List.copyOf(users);
        files = files == null ? List.of() : List.copyOf(files);
        included = included == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(included));
        for (Map.Entry<String, Boolean> choice : included.entrySet()) {
            if (BASE_COMPONENTS.contains(choice.getKey())) {
                if (Boolean.FALSE.equals(choice.getValue())) {
                    throw new IllegalArgumentException("the component " + choice.getKey() + " cannot be left out: "
                            + "every rootfs has " + String.join(" and ", BASE_COMPONENTS) + "; remove its "
                            + "<include>false</include> (only " + String.join(" and ", OPTIONAL_COMPONENTS)
                            + " are optional)");
                }
            } else if (!OPTIONAL_COMPONENTS.contains(choice.getKey())) {
                throw new IllegalArgumentException("unknown component '" + choice.getKey() + "'; the optional "
                        + "components are " + OPTIONAL_COMPONENTS);
            }
        }
    }

    /**
     * Whether the rootfs has a component: musl and BusyBox always; an optional one as the user chose
     * ({@link #included}), else in every variant but minimal.
     */
    public boolean includes(String component) {
        if (BASE_COMPONENTS.contains(component)) {
            return true;
        }
        if (!OPTIONAL_COMPONENTS.contains(component)) {
            throw new IllegalArgumentException("unknown component '" + component + "'");
        }
        Boolean chosen = included.get(component);
        return chosen != null ? chosen : variant != Variant.MINIMAL;
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
        private Map<String, Boolean> included;
        private List<ServiceLinks.Service> services;
        private PrebuiltOs prebuilt;

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

        /** See {@link RootfsRequest#included()}. */
        public Builder included(Map<String, Boolean> included) {
            this.included = included;
            return this;
        }

        /** See {@link RootfsRequest#services()}. */
        public Builder services(List<ServiceLinks.Service> services) {
            this.services = services;
            return this;
        }

        /** @throws NullPointerException when the cache or the log directory is not set */
        /** Where the prebuilt Kimigayo OS is found, and whether it may be used; default none (compile). */
        public Builder prebuilt(PrebuiltOs prebuilt) {
            this.prebuilt = prebuilt;
            return this;
        }

        public RootfsRequest build() {
            return new RootfsRequest(variant, arch, sources, nativeBuild.requireDirectories("a rootfs request"), users,
                    files, failOnAudit, allowPackageManagers, timestamp, version, outputDirectory, included,
                    services, prebuilt);
        }
    }
}
