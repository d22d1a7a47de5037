package io.kimigayo.maven;

import io.kimigayo.oci.time.BuildTimestamp;
import io.kimigayo.rootfs.RootfsBuilder;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.source.SourceCatalog;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Compiles the Kimigayo OS userland (musl and BusyBox) from pinned sources, cached, assembles the rootfs of a
 * variant and runs the policy gates (no package manager; every executable PIE with an NX stack and full RELRO).
 * Writes {@code target/kimigayo/rootfs/rootfs.tar}, {@code initramfs.cpio.gz} and {@code rootfs.json}.
 */
@Mojo(name = "build-rootfs", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class BuildRootfsMojo extends AbstractMojo {

    /** {@code minimal} or {@code standard}. */
    @Parameter(property = "kimigayo.variant", defaultValue = "standard")
    private String variant;

    /** The machine to build for: {@code x86_64} (cross builds come later); default the host's. */
    @Parameter(property = "kimigayo.arch")
    private String arch;

    /** Overrides of the pinned sources (name, version, url, sha256). */
    @Parameter
    private List<ComponentParameter> components;

    /** Directories or base URLs searched for source archives (by file name) before upstream. */
    @Parameter(property = "kimigayo.sourceMirrors")
    private List<String> sourceMirrors;

    /** Forbids the network: sources must be in the cache or a directory mirror. */
    @Parameter(property = "kimigayo.offline", defaultValue = "${settings.offline}")
    private boolean offline;

    /** The source and build cache. */
    @Parameter(property = "kimigayo.cacheDirectory", defaultValue = "${user.home}/.cache/kimigayo")
    private File cacheDirectory;

    /** Files and directories of the project added to the rootfs (source, target, mode, uid, gid). */
    @Parameter
    private List<FileParameter> files;

    /** Accounts added to root and nonroot (name, uid, gid, home, shell). */
    @Parameter
    private List<UserParameter> users;

    /** Fails the build when an executable lacks PIE, an NX stack or full RELRO. */
    @Parameter(property = "kimigayo.failOnAudit", defaultValue = "true")
    private boolean failOnAudit;

    /** Accepts package managers (apk, apt, dpkg, rpm, ...) in the PATH. */
    @Parameter(property = "kimigayo.allowPackageManagers", defaultValue = "false")
    private boolean allowPackageManagers;

    /** The OS version written to /etc/os-release. */
    @Parameter(property = "kimigayo.osVersion", defaultValue = "${project.version}")
    private String osVersion;

    /** Parallel make jobs; default the number of cores. */
    @Parameter(property = "kimigayo.jobs", defaultValue = "0")
    private int jobs;

    /** Where the outputs go; the rootfs in {@code rootfs/}, logs in {@code logs/}. */
    @Parameter(property = "kimigayo.outputDirectory", defaultValue = "${project.build.directory}/kimigayo")
    private File outputDirectory;

    /** The build timestamp, as for reproducible jars; else SOURCE_DATE_EPOCH; else 1970-01-01T00:00:00Z. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips the goal. */
    @Parameter(property = "kimigayo.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping build-rootfs (kimigayo.skip)");
            return;
        }
        RootfsRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("build-rootfs: " + e.getMessage(), e);
        }
        RootfsResult result;
        try {
            result = new RootfsBuilder().build(request);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("build-rootfs: " + e.getMessage(), e);
        }
        report(result);
    }

    private RootfsRequest request() {
        SourceCatalog catalog = SourceCatalog.defaults();
        if (components != null) {
            for (ComponentParameter c : components) {
                catalog.override(c.name, c.version, c.url, c.sha256);
            }
        }
        List<FileAddition> additions = files == null ? List.of() : files.stream().map(f -> {
            if (f.source == null || f.target == null) {
                throw new IllegalArgumentException("a <file> needs <source> and <target>");
            }
            return new FileAddition(f.source.toPath(), f.target, OctalMode.parse(f.mode, "mode"), f.uid, f.gid);
        }).toList();
        List<UserAccount> accounts = users == null ? List.of() : users.stream()
                .map(u -> new UserAccount(u.name, u.uid, u.gid == null ? u.uid : u.gid, u.home, u.shell)).toList();
        String machine = arch != null && !arch.isBlank() ? arch.trim() : hostArch();
        return new RootfsRequest(Variant.parse(variant), machine, catalog, sourceMirrors, offline,
                cacheDirectory.toPath(), accounts, additions, failOnAudit, allowPackageManagers,
                BuildTimestamp.resolve(outputTimestamp, System.getenv()).instant(), osVersion,
                outputDirectory.toPath().resolve("rootfs"), outputDirectory.toPath().resolve("logs"), jobs,
                line -> getLog().info(line));
    }

    private static String hostArch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a;
        };
    }

    private void report(RootfsResult result) {
        RootfsManifest m = result.manifest();
        getLog().info("Kimigayo OS " + m.version() + " (" + m.variant() + ", " + m.arch() + "): " + m.files()
                + " entries, " + kib(m.sizes().tar()) + " uncompressed, " + kib(m.sizes().gzip()) + " gzip");
        long hardened = m.audit().stream().filter(a -> a.problems().isEmpty()).count();
        getLog().info("ELF audit: " + m.audit().size() + " ELF files, " + hardened + " pass (PIE, NX, full RELRO)");
        getLog().info("Wrote " + result.tar());
        getLog().info("Wrote " + result.initramfs());
        getLog().info("Wrote " + result.json());
    }

    private static String kib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
