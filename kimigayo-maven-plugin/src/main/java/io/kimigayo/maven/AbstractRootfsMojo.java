package io.kimigayo.maven;

import io.kimigayo.core.cache.RemoteCache;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.List;

/** The parameters of the goals that build a Kimigayo OS rootfs (build-rootfs, build). */
abstract class AbstractRootfsMojo extends AbstractKimigayoMojo {

    /** {@code minimal}, {@code standard} or {@code extended} (x86_64 only). */
    @Parameter(property = "kimigayo.variant", defaultValue = "standard")
    protected String variant;

    /**
     * The machine to build for: {@code x86_64} (or {@code amd64}) or {@code aarch64} (or {@code arm64}); default
     * the host's. Another machine than the host's is cross-compiled with Debian's cross toolchain.
     */
    @Parameter(property = "kimigayo.arch")
    protected String arch;

    /**
     * The platforms to build for, {@code linux/amd64} and/or {@code linux/arm64}; default the host's (build-rootfs:
     * the machine of {@code arch}). Several give one rootfs per machine ({@code rootfs/<arch>/}) and one OCI image
     * index of one image per platform.
     */
    @Parameter(property = "kimigayo.platforms")
    protected List<String> platforms;

    /** Overrides of the pinned sources (name, version, url, sha256 and/or tarSha256). */
    @Parameter
    protected List<ComponentParameter> components;

    /** Directories or base URLs searched for source archives (by file name) before upstream. */
    @Parameter(property = "kimigayo.sourceMirrors")
    protected List<String> sourceMirrors;

    /** Forbids the network: sources must be in the cache or a directory mirror. */
    @Parameter(property = "kimigayo.offline", defaultValue = "${settings.offline}")
    protected boolean offline;

    /** The source and build cache. */
    @Parameter(property = "kimigayo.cacheDirectory", defaultValue = "${user.home}/.cache/kimigayo")
    protected File cacheDirectory;

    /**
     * An OCI registry repository shared as a build cache ({@code registry.example/team/kimigayo-cache}): entries
     * missing here are pulled from it, entries built here are pushed to it. Credentials as for push.
     */
    @Parameter(property = "kimigayo.cacheRepository")
    protected String cacheRepository;

    /** Pulls from {@code cacheRepository} but never pushes (builds of untrusted branches). */
    @Parameter(property = "kimigayo.cacheReadOnly", defaultValue = "false")
    protected boolean cacheReadOnly;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    protected Settings settings;

    @Component
    protected SettingsDecrypter decrypter;

    /** The shared build cache of {@code cacheRepository}, or null. */
    protected RemoteCache remoteCache() {
        return CacheRepositoryParameters.remoteCache(cacheRepository, cacheReadOnly,
                RegistryParameters.access(settings, decrypter, null, false, null, null, getLog()), getLog());
    }

    /** Files and directories of the project added to the rootfs (source, target, mode, uid, gid). */
    @Parameter
    protected List<FileParameter> files;

    /** Accounts added to root and nonroot (name, uid, gid, home, shell). */
    @Parameter
    protected List<UserParameter> users;

    /** Fails the build when an executable lacks PIE, an NX stack or full RELRO. */
    @Parameter(property = "kimigayo.failOnAudit", defaultValue = "true")
    protected boolean failOnAudit;

    /** Accepts package managers (apk, apt, dpkg, rpm, ...) in the PATH. */
    @Parameter(property = "kimigayo.allowPackageManagers", defaultValue = "false")
    protected boolean allowPackageManagers;

    /** The OS version written to /etc/os-release. */
    @Parameter(property = "kimigayo.osVersion", defaultValue = "${project.version}")
    protected String osVersion;

    /** Parallel make jobs; default the number of cores. */
    @Parameter(property = "kimigayo.jobs", defaultValue = "0")
    protected int jobs;

    /**
     * OpenRC services to start: {@code name} or {@code name:runlevel} (default runlevel {@code default}), for
     * example {@code myapp}. The script /etc/init.d/NAME comes from files or layers (or OpenRC); this adds its
     * runlevel link. Not for the minimal variant (it has no OpenRC).
     */
    @Parameter(property = "kimigayo.services")
    protected List<String> services;

    /**
     * Compiles Kimigayo OS from its sources even when the prebuilt Kimigayo OS released with the plugin
     * ({@code io.kimigayo:kimigayo-os}) would do. Without it, a configuration that matches a prebuilt variant (its
     * components, versions and optional components, no added accounts) downloads that variant through Maven and
     * checks it against the digest recorded in the plugin instead of compiling.
     */
    @Parameter(property = "kimigayo.fromSource", defaultValue = "false")
    protected boolean fromSource;

    protected RootfsParameters rootfsParameters() throws IOException {
        return new RootfsParameters(variant, arch, platforms, components, sourceMirrors, offline, cacheDirectory,
                files, users, failOnAudit, allowPackageManagers, osVersion, jobs, outputDirectory, services,
                prebuiltOs(fromSource));
    }
}
