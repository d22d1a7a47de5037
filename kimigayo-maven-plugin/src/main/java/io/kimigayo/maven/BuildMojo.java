package io.kimigayo.maven;

import io.kimigayo.app.ApplicationBuild;
import io.kimigayo.app.ApplicationImageBuilder;
import io.kimigayo.app.ApplicationRequest;
import io.kimigayo.app.ApplicationResult;
import io.kimigayo.app.JavaApplication;
import io.kimigayo.app.RuntimeSettings;
import io.kimigayo.app.java.ClassDataSharing;
import io.kimigayo.app.java.MainClassResolver;
import io.kimigayo.app.java.MissingJdkException;
import io.kimigayo.app.java.ModuleScanner;
import io.kimigayo.app.startup.StartupCheck;
import io.kimigayo.app.uptodate.UpToDateCheck;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PlatformImage;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.signing.SignRequest;
import io.kimigayo.signing.key.KeyPassword;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole chain for a Java application project, as {@code mvn package kimigayo:build}: the Kimigayo OS rootfs,
 * a jlink'd Java runtime with the modules the application needs and exactly the native libraries it needs,
 * Jib-style layers (dependencies, snapshot dependencies, the build's own modules, class path, resources, classes,
 * extra layers), pack, an optional start of the application from the image, sign when {@code key} is set, and push
 * (with the signatures) when {@code to} is set. In a multi-module build, a module that other modules depend on and
 * that has no main class is skipped: it is a library, packed into its dependents' images.
 */
@Mojo(name = "build", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BuildMojo extends AbstractImageMojo {

    // ---- the rootfs (as build-rootfs; Java has one superclass, so this block is declared here and in
    // AbstractRootfsMojo, and PluginDescriptorTest keeps the two alike) ----
    /** {@code minimal}, {@code standard} or {@code extended} (x86_64 only). */
    @Parameter(property = "kimigayo.variant", defaultValue = "standard")
    private String variant;

    /**
     * The machine to build for: {@code x86_64} (or {@code amd64}) or {@code aarch64} (or {@code arm64}); default
     * the host's. Another machine than the host's is cross-compiled with Debian's cross toolchain.
     */
    @Parameter(property = "kimigayo.arch")
    private String arch;

    /** Overrides of the pinned sources (name, version, url, sha256 and/or tarSha256). */
    @Parameter
    private List<ComponentParameter> components;

    /** Directories or base URLs searched for source archives (by file name) before upstream. */
    @Parameter(property = "kimigayo.sourceMirrors")
    private List<String> sourceMirrors;

    /** Forbids the network: sources must be in the cache or a directory mirror. */
    @Parameter(property = "kimigayo.offline", defaultValue = "${settings.offline}")
    private boolean offline;

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

    /**
     * OpenRC services to start: {@code name} or {@code name:runlevel} (default runlevel {@code default}), for
     * example {@code myapp}. The script /etc/init.d/NAME comes from files or layers (or OpenRC); this adds its
     * runlevel link. Not for the minimal variant (it has no OpenRC).
     */
    @Parameter(property = "kimigayo.services")
    private List<String> services;

    // ---- the Java application ----
    /**
     * The JDKs the runtimes are made from: a directory is the JDK whose jlink links every runtime and whose jmods make
     * the runtime of its own machine (default the JDK running Maven); {@code linux/arm64=DIRECTORY} names the JDK of
     * a platform's machine (its jmods, of the same Java release as the jlink), for a machine other than that JDK's
     * own; default {@code /opt/kimigayo/jdk-<release>-linux-<arch>} when there (dev/install-tools unpacks Debian's
     * arm64 JDK 17 into {@code /opt/kimigayo/jdk-17-linux-arm64}). Several are separated by commas.
     */
    @Parameter(property = "kimigayo.jdk", defaultValue = "${java.home}")
    private List<String> jdk;
    /**
     * Where the libraries that the runtime of a platform needs are taken from, as {@code linux/arm64=DIRECTORY} (a
     * directory with the platform machine's {@code /lib}, {@code /usr/lib}); default {@code /} for the build
     * machine and {@code /opt/kimigayo/sysroot/<machine>} (filled by dev/install-tools) for another.
     */
    @Parameter(property = "kimigayo.sysroot")
    private List<String> sysroot;
    /**
     * JDK modules for the runtime, replacing the module scan's answer; default what the module scan finds in the
     * application and its dependencies (see docs/user/java.md).
     */
    @Parameter(property = "kimigayo.modules")
    private List<String> modules;
    /** JDK modules added to the runtime besides those found (or given in {@code modules}), e.g. jdk.localedata. */
    @Parameter(property = "kimigayo.extraModules")
    private List<String> extraModules;
    /**
     * Whether the runtime gets a class data sharing archive: {@code auto} (JDK 19 and later, whose archives are
     * reproducible), {@code on} or {@code off}.
     */
    @Parameter(property = "kimigayo.classDataSharing", defaultValue = "auto")
    private String classDataSharing;
    /**
     * The main class; default, in this order: Start-Class of a Spring Boot jar, maven-jar-plugin's manifest
     * mainClass, the jar's Main-Class, the one class with a main method in target/classes.
     */
    @Parameter(property = "kimigayo.mainClass")
    private String mainClass;
    /** JVM options in the entrypoint. */
    @Parameter(property = "kimigayo.jvmFlags")
    private List<String> jvmFlags;
    /** Default program arguments (the image's cmd). */
    @Parameter(property = "kimigayo.args")
    private List<String> args;
    /** The user the application runs as; default nonroot. */
    @Parameter(property = "kimigayo.user", defaultValue = "65532:65532")
    private String user;

    // ---- the startup check ----
    /**
     * Starts the application from the image at build time (chrooted, in its own namespaces, with no network) and
     * fails the build when it prints ClassNotFoundException, NoClassDefFoundError or "Module ... not found", or ends
     * with an error before it starts. Skipped with a warning where the machine cannot run it.
     */
    @Parameter(property = "kimigayo.verifyStartup", defaultValue = "false")
    private boolean verifyStartup;
    /** A regular expression: the application has started when a line of its output matches it. */
    @Parameter(property = "kimigayo.verifyStartupLine")
    private String verifyStartupLine;
    /** A TCP port: the application has started when it listens on it; default any port. */
    @Parameter(property = "kimigayo.verifyStartupPort", defaultValue = "0")
    private int verifyStartupPort;
    /** Seconds to wait at most for the application to start. */
    @Parameter(property = "kimigayo.verifyStartupTimeout", defaultValue = "120")
    private int verifyStartupTimeout;

    // ---- up-to-date check ----
    /**
     * Builds even when nothing the build reads has changed since the last successful build (by default such a build
     * reports the existing image and stops; see docs/user/java.md).
     */
    @Parameter(property = "kimigayo.force", defaultValue = "false")
    private boolean force;

    // ---- pushing (as push) ----
    /** Where to push the image (registry/repository[:tag]); when set, the image is pushed with its signatures. */
    @Parameter(property = "kimigayo.to")
    private String to;
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    // ---- signing (as sign) ----
    /** A cosign private key: when set, the image is signed. */
    @Parameter(property = "kimigayo.key")
    private File key;
    /** The identity (docker-reference) the signature claims; default the image's repository. */
    @Parameter(property = "kimigayo.identity")
    private String identity;
    /** Annotations added to the signature payload. */
    @Parameter
    private Map<String, String> signatureAnnotations;
    /**
     * With several {@code platforms} and a {@code key}: sign each platform's manifest too, each under its own
     * {@code sha256-<hex>.sig}, as {@code cosign sign --recursive} does; the index itself is always signed.
     */
    @Parameter(property = "kimigayo.platformSignatures", defaultValue = "false")
    private boolean platformSignatures;
    /** With a {@code key}: attest the image too (CycloneDX SBOM and SLSA provenance), as sign does. */
    @Parameter(property = "kimigayo.attest", defaultValue = "true")
    private boolean attest;
    @Parameter(defaultValue = "${plugin.groupId}", readonly = true)
    private String pluginGroupId;
    @Parameter(defaultValue = "${plugin.artifactId}", readonly = true)
    private String pluginArtifactId;
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected void run() throws IOException, MojoFailureException {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping build: " + project.getArtifactId() + " has pom packaging (no application)");
            return;
        }
        if (isLibraryModule()) {
            getLog().info("Skipping build: " + project.getArtifactId() + " is a module that other modules of this "
                    + "build depend on and has no main class; it goes into their images");
            return;
        }
        ApplicationBuild build;
        try (KeyPassword password = KeyPassword.find(null, System.getenv())
                .orElseGet(() -> KeyPassword.of(new char[0], "none"))) {
            build = new ApplicationImageBuilder().buildIfChanged(request(password), force);
        } catch (MainClassResolver.MainClassException e) {
            throw new MojoFailureException(goal() + ": " + e.getMessage()
                    + " with <mainClass> or -Dkimigayo.mainClass=...", e);
        } catch (MissingJdkException e) {
            String platform = "linux/" + Platform.parse("linux/" + e.machine()).architecture();
            throw new MojoFailureException(goal() + ": " + e.getMessage() + ": <jdk>" + platform
                    + "=DIRECTORY</jdk> or -Dkimigayo.jdk=" + platform + "=DIRECTORY (dev/install-tools unpacks "
                    + "Debian's into the place looked at)", e);
        }
        if (build.skipped()) {
            UpToDateCheck.UpToDate upToDate = build.upToDate();
            getLog().info("kimigayo: up to date (" + upToDate.inputFiles() + " inputs unchanged, "
                    + upToDate.outputFiles() + " outputs intact in " + upToDate.outputDirectory()
                    + "); -Dkimigayo.force=true rebuilds");
            getLog().info((upToDate.index() ? "Index digest: " : "Digest: ") + upToDate.digest());
            return;
        }
        getLog().info("kimigayo: building (" + build.why() + ")");
        report(build.result());
    }

    /** A library of a multi-module build: other modules depend on it, and it names no main class of its own. */
    private boolean isLibraryModule() throws IOException {
        if ((mainClass != null && !mainClass.isBlank()) || !ProjectConventions.isDependedOnInReactor(project,
                session)) {
            return false;
        }
        try {
            new MainClassResolver().resolve(null, applicationJar(), ProjectConventions.jarManifestMainClass(project),
                    Path.of(project.getBuild().getOutputDirectory()));
            return false;
        } catch (MainClassResolver.MainClassException e) {
            return e.candidates().isEmpty();
        }
    }

    private Path applicationJar() {
        Artifact artifact = project.getArtifact();
        return artifact != null && artifact.getFile() != null && artifact.getFile().isFile()
                ? artifact.getFile().toPath() : null;
    }

    /**
     * An OCI registry repository shared as a build cache ({@code registry.example/team/kimigayo-cache}): entries
     * missing here are pulled from it, entries built here are pushed to it. Credentials as for push.
     */
    @Parameter(property = "kimigayo.cacheRepository")
    protected String cacheRepository;

    /** Pulls from {@code cacheRepository} but never pushes (builds of untrusted branches). */
    @Parameter(property = "kimigayo.cacheReadOnly", defaultValue = "false")
    protected boolean cacheReadOnly;

    /**
     * Compiles Kimigayo OS from its sources even when the prebuilt Kimigayo OS released with the plugin
     * ({@code io.kimigayo:kimigayo-os}) would do. Without it, a configuration that matches a prebuilt variant (its
     * components, versions and optional components, no added accounts) downloads that variant through Maven and
     * checks it against the digest recorded in the plugin instead of compiling.
     */
    @Parameter(property = "kimigayo.fromSource", defaultValue = "false")
    protected boolean fromSource;

    private ApplicationRequest request(KeyPassword password) throws IOException {
        BuildTimestamp timestamp = timestamp();
        RootfsParameters rootfsParameters = new RootfsParameters(variant, arch, platforms, components, sourceMirrors,
                offline, cacheDirectory, files, users, failOnAudit, allowPackageManagers, osVersion, jobs,
                outputDirectory, services, prebuiltOs(fromSource));
        List<RootfsRequest> rootfs = rootfsParameters.toRequests(timestamp.instant(), line -> getLog().info(line),
                CacheRepositoryParameters.remoteCache(cacheRepository, cacheReadOnly, registryAccess(null), getLog()));
        // the image's platforms are those of the rootfs: the machine of arch when platforms is not set
        PackRequest pack = packParametersOfOwnProgram("rootfs").toRequest(project, timestamp, registryAccess(null));
        if (arch != null && !arch.isBlank() && (platforms == null || platforms.stream().allMatch(
                p -> p == null || p.isBlank()))) {
            pack = pack.toBuilder().platforms(List.of(Platform.parse("linux/" + arch.trim()))).build();
        }
        Properties properties = new Properties();
        properties.putAll(project.getProperties());
        properties.putAll(session.getUserProperties());
        JavaApplication application = new JavaApplication(Path.of(project.getBuild().getOutputDirectory()),
                applicationJar(), ProjectConventions.dependencies(project, session), mainClass,
                ProjectConventions.jarManifestMainClass(project), jvmFlags, args, user,
                ProjectConventions.springBootPackaging(project, properties));
        PlatformPaths jdks = PlatformPaths.parse("jdk", jdk);
        Path linker = jdks.withoutPlatform().orElse(Path.of(System.getProperty("java.home")));
        RuntimeSettings runtime = new RuntimeSettings(linker, jdks.byMachine(),
                PlatformPaths.parse("sysroot", sysroot).withoutPlain().byMachine(), modules, extraModules,
                ClassDataSharing.parse(classDataSharing));
        StartupCheck startup = !verifyStartup ? null : new StartupCheck(StartupCheck.line(verifyStartupLine),
                verifyStartupPort, null, Duration.ofSeconds(verifyStartupTimeout));
        SignRequest sign = null;
        if (key != null) {
            ImageReference reference = pack.image();
            sign = SignRequest.cosign(outputDirectory.toPath().resolve("image"), reference.tag(),
                    identity != null && !identity.isBlank() ? identity.trim() : reference.name(),
                    key.toPath(), password.chars(), signatureAnnotations).withPlatformSignatures(platformSignatures);
            if (attest) {
                Map<String, String> parameters = new java.util.TreeMap<>();
                parameters.put("image", reference.toString());
                parameters.put("identity", sign.dockerReference());
                parameters.put("platformSignatures", Boolean.toString(platformSignatures));
                sign = sign.withAttestations(AttestationInputs.of(project, outputDirectory, pluginGroupId,
                        pluginArtifactId, pluginVersion, parameters, timestamp().instant()));
            }
        }
        PushRequest push = to == null || to.isBlank() ? null
                : PushRequest.to(to, outputDirectory.toPath().resolve("image"), pack.image().tag(), tags,
                        registryAccess(null));
        return new ApplicationRequest(rootfs, pack, application, runtime, startup, sign, push);
    }

    private void report(ApplicationResult result) {
        if (result.moduleScan() != null) {
            for (ModuleScanner.Unreadable u : result.moduleScan().unreadable()) {
                getLog().warn("Module scan: " + u.target() + " could not be read (" + u.reason() + "); it gets the "
                        + "safe set " + ModuleScanner.SAFE_SET + ". Set <modules> or <extraModules> to choose.");
            }
        }
        result.warnings().forEach(w -> getLog().warn(w));
        if (result.runtimes().size() == 1) {
            getLog().info("Java runtime " + result.javaVersion() + " " + result.modules() + ", "
                    + result.nativeLibraries().size() + " native libraries" + (result.cds() ? ", CDS archive" : "")
                    + "; main class " + result.mainClass().name() + " (" + result.mainClass().reason() + ")"
                    + (result.module() != null ? ", started as module " + result.module() : ""));
        } else {
            for (ApplicationResult.Runtime runtime : result.runtimes()) {
                getLog().info("Java runtime for " + runtime.arch() + ": " + runtime.javaVersion() + " from "
                        + runtime.jdk() + " " + result.modules() + ", " + runtime.nativeLibraries().size()
                        + " native libraries from " + runtime.sysroot() + (runtime.cds() ? ", CDS archive" : ""));
            }
            getLog().info("Main class " + result.mainClass().name() + " (" + result.mainClass().reason() + ")"
                    + (result.module() != null ? ", started as module " + result.module() : ""));
        }
        if (result.image().isIndex()) {
            for (PlatformImage platformImage : result.image().images()) {
                getLog().info("Image " + ProjectImage.of(image, project).name() + " " + result.image().tags() + " "
                        + platformImage.platform() + ": " + platformImage.manifestDigest() + ", "
                        + platformImage.layerCount() + " layers, " + platformImage.compressedSize()
                        + " bytes compressed, " + platformImage.uncompressedSize() + " uncompressed");
            }
            if (result.image().dockerArchivePlatform() != null) {
                getLog().info("image.tar holds " + result.image().dockerArchivePlatform()
                        + " only (a docker-archive has no index)");
            }
        } else {
            getLog().info("Image " + ProjectImage.of(image, project).name() + " " + result.image().tags() + ": "
                    + result.image().layerCount() + " layers, " + result.image().compressedSize()
                    + " bytes compressed, " + result.image().uncompressedSize() + " uncompressed");
        }
        result.image().outputs().forEach(o -> getLog().info("Wrote " + o));
        if (result.startup() != null) {
            if (result.startup().ran()) {
                getLog().info("Startup check passed: the application " + result.startup().summary() + " after "
                        + result.startup().elapsed().toMillis() + " ms (output: " + result.startup().log() + ")");
            } else {
                getLog().warn("Startup check skipped: " + result.startup().summary());
            }
        }
        if (result.signature() != null) {
            getLog().info("Signed: " + result.signature().location());
            result.signature().attestations().forEach(a -> {
                getLog().info("Attested " + a.imageDigest() + " (" + String.join(", ", a.predicateTypes()) + "): "
                        + a.attestationTag());
                if (a.sboms().isEmpty()) {
                    getLog().warn("No SBOM for " + a.imageDigest() + " in " + outputDirectory.toPath().resolve("sbom")
                            + ": it has a SLSA provenance attestation but no CycloneDX one");
                }
            });
        }
        if (result.push() != null) {
            for (String tag : result.push().tags()) {
                getLog().info("Pushed " + result.push().reference().name() + ":" + tag + "@" + result.push().digest());
            }
        }
        getLog().info((result.image().isIndex() ? "Index digest: " : "Digest: ") + result.image().manifestDigest());
    }
}
