package io.kimigayo.maven;

import io.kimigayo.core.cache.RemoteCache;
import io.kimigayo.kernel.KernelBuilder;
import io.kimigayo.kernel.KernelManifest;
import io.kimigayo.kernel.KernelRequest;
import io.kimigayo.kernel.KernelResult;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Configures and builds a hardened Linux kernel, cached: the base configuration ({@code tinyconfig}), Kimigayo's
 * boot baseline and hardening fragments and your {@code configFragments}, merged and checked (an option that did not
 * stick is reported with Kconfig's reason; a hardening option that did not stick fails the build). Another machine's
 * kernel is cross-compiled ({@code arch=aarch64} on x86_64 with Debian's gcc-aarch64-linux-gnu). Writes
 * {@code target/kimigayo/kernel/<arch>/bzImage} (x86_64) or {@code Image} (aarch64), {@code config} and
 * {@code kernel.json}, and attaches them with
 * classifier {@code kernel-<arch>}. The kernel goes to {@code kernel/<arch>/} under {@code outputDirectory}, the build
 * log to {@code logs/kernel.log}; {@code outputTimestamp} is KBUILD_BUILD_TIMESTAMP.
 */
@Mojo(name = "compile-kernel", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class CompileKernelMojo extends AbstractKimigayoMojo {

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * The kernel source: an archive (path or URL; .tar.xz, .tar.gz, .tar.bz2, .tar) or an unpacked source directory.
     * Default: Debian's linux-source-6.1 package, /usr/src/linux-source-6.1.tar.xz.
     */
    @Parameter(property = "kimigayo.kernelSource")
    private String kernelSource;

    /** The archive's SHA-256: required for a URL, checked for a local archive when given. */
    @Parameter(property = "kimigayo.kernelSha256")
    private String kernelSha256;

    /** The base configuration: tinyconfig, defconfig, allnoconfig, an *_defconfig target, or a .config file. */
    @Parameter(property = "kimigayo.kernelConfig", defaultValue = "tinyconfig")
    private String kernelConfig;

    /** Your configuration fragments (CONFIG_X=y lines), applied after Kimigayo's, in order. */
    @Parameter(property = "kimigayo.configFragments")
    private List<File> configFragments;

    /** Applies and enforces Kimigayo's hardening fragment. false builds without it (and says so loudly). */
    @Parameter(property = "kimigayo.hardening", defaultValue = "true")
    private boolean hardening;

    /**
     * The machine to build for: x86_64 (amd64) or aarch64 (arm64); default the host's. Another machine's kernel is
     * cross-compiled with Debian's cross toolchain (gcc-aarch64-linux-gnu on x86_64, gcc-x86-64-linux-gnu on arm64).
     */
    @Parameter(property = "kimigayo.arch")
    private String arch;

    /** Parallel make jobs; default the number of cores. */
    @Parameter(property = "kimigayo.jobs", defaultValue = "0")
    private int jobs;

    /** Directories or base URLs searched for a URL kernelSource (by file name) before the URL itself. */
    @Parameter(property = "kimigayo.sourceMirrors")
    private List<String> sourceMirrors;

    /** Forbids the network: a URL source must be in the cache or a directory mirror. */
    @Parameter(property = "kimigayo.offline", defaultValue = "${settings.offline}")
    private boolean offline;

    /** The source and build cache (unpacked kernel sources and built kernels live here). */
    @Parameter(property = "kimigayo.cacheDirectory", defaultValue = "${user.home}/.cache/kimigayo")
    private File cacheDirectory;

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

    @Override
    protected String goal() {
        return "compile-kernel";
    }

    @Override
    protected void run() throws IOException {
        KernelRequest request = KernelRequest.builder(arch != null && !arch.isBlank() ? arch.trim() : HostArch.id(),
                        timestamp().instant(), outputDirectory.toPath())
                .kernelSource(kernelSource)
                .kernelSha256(kernelSha256)
                .kernelConfig(kernelConfig)
                .configFragments(configFragments == null ? List.of()
                        : configFragments.stream().map(File::toPath).toList())
                .hardening(hardening)
                .nativeBuild(NativeBuildSettings.builder()
                        .jobs(jobs)
                        .sourceMirrors(sourceMirrors)
                        .offline(offline)
                        .cacheDirectory(cacheDirectory.toPath())
                        .logDirectory(outputDirectory.toPath().resolve("logs"))
                        .progress(line -> getLog().info(line))
                        .remoteCache(remoteCache())
                        .build())
                .baseDirectory(project.getBasedir().toPath())
                .warnings(line -> getLog().warn(line))
                .build();
        KernelResult result = new KernelBuilder().build(request);
        report(result);
        String classifier = "kernel-" + result.manifest().arch();
        projectHelper.attachArtifact(project, "bin", classifier, result.image().toFile());
        projectHelper.attachArtifact(project, "config", classifier, result.config().toFile());
        projectHelper.attachArtifact(project, "json", classifier, result.json().toFile());
    }

    private void report(KernelResult result) {
        KernelManifest m = result.manifest();
        getLog().info("Linux " + m.version() + " (" + m.arch() + "): " + m.image().file() + " "
                + String.format(java.util.Locale.ROOT, "%.1f KiB", m.image().size() / 1024.0)
                + (result.compiled() ? "" : " (from the cache)") + ", base " + m.config().base()
                + (m.config().hardening() ? ", hardening baseline met" : ", WITHOUT the hardening baseline"));
        getLog().info("Options: " + m.options().asked().size() + " asked, " + m.options().applied().size()
                + " applied, " + m.options().missing().size() + " did not stick");
        getLog().info("Wrote " + result.image());
        getLog().info("Wrote " + result.config());
        getLog().info("Wrote " + result.json());
    }
}
