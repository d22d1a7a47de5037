package io.kimigayo.app;

import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.JdkModules;
import io.kimigayo.app.java.JlinkRuntime;
import io.kimigayo.app.java.MainClassResolver;
import io.kimigayo.app.java.ModuleScanner;
import io.kimigayo.app.java.NativeCodeJars;
import io.kimigayo.app.java.NativeDependencies;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.app.spring.SpringBootPackaging;
import io.kimigayo.app.startup.StartupChecker;
import io.kimigayo.app.startup.StartupResult;
import io.kimigayo.app.uptodate.UpToDateCheck;
import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.core.process.BuildEnvironment;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TreeLayer;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.oci.sbom.SbomContent;
import io.kimigayo.rootfs.RootfsBuilder;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.policy.ElfAuditGate;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.signing.ImageSigner;
import io.kimigayo.signing.SignResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds a Java application image in one call, the library entry point of the {@code build} goal: the Kimigayo OS
 * rootfs as the base layer; a jlink'd Java runtime with the modules the application needs (found by the
 * {@link ModuleScanner}) and exactly the native libraries it needs; then the application as {@link ApplicationLayout}
 * lays it out; entrypoint {@code java ... Main} with the main class {@link MainClassResolver} finds. Dependencies
 * that Spring Boot's repackage leaves out are left out here too. The application is started once from the image when
 * a startup check is asked for; the image is signed when a key is given and pushed (with its signatures) when a
 * target is given.
 */
public final class ApplicationImageBuilder {

    private final DirectoryImporter importer = new DirectoryImporter();

    /**
     * Builds the image unless the last successful build read exactly the same inputs and its outputs are intact
     * ({@link UpToDateCheck}); {@code force} builds in any case. The record of a build is deleted before it does any
     * work and written again only when it succeeds.
     */
    public ApplicationBuild buildIfChanged(ApplicationRequest request, boolean force) throws IOException {
        UpToDateCheck check = UpToDateCheck.prepare(request);
        String why;
        if (force) {
            why = "a rebuild was asked for";
        } else {
            Optional<UpToDateCheck.UpToDate> upToDate = check.upToDate();
            if (upToDate.isPresent()) {
                return new ApplicationBuild(null, upToDate.get(), null);
            }
            why = check.reason();
        }
        check.invalidate();
        ApplicationResult result = build(request);
        try {
            check.record(result);
        } catch (IOException e) {
            // the image is built; without a record the next build builds again
            request.rootfs().get(0).nativeBuild().progress().accept("up-to-date record not written (" + e
                    + "); the next build will build again");
        }
        return new ApplicationBuild(result, null, why);
    }

    public ApplicationResult build(ApplicationRequest request) throws IOException {
        List<RootfsRequest> rootfsRequests = request.rootfs();
        List<Platform> platforms = request.pack().platforms();
        checkPlatforms(rootfsRequests, platforms);
        RootfsRequest rootfsRequest = rootfsRequests.get(0);
        NativeBuildSettings nativeBuild = rootfsRequest.nativeBuild();
        JavaApplication app = request.application();
        RuntimeSettings runtimeSettings = request.runtime();
        Consumer<String> progress = nativeBuild.progress();
        if (request.startupCheck() != null && !request.pack().formats().contains(OutputFormat.OCI_LAYOUT)) {
            throw new IllegalArgumentException("the startup check runs the image from its OCI layout, and the "
                    + "formats " + request.pack().formats() + " leave it out; add oci-layout");
        }
        if (request.startupCheck() != null && platforms.size() > 1) {
            throw new IllegalArgumentException("the startup check runs one image, and platforms " + platforms
                    + " make an index of several; check the startup in a build for one platform");
        }
        List<RootfsResult> rootfsResults = new RootfsBuilder().build(rootfsRequests);

        MainClassResolver.MainClass mainClass = new MainClassResolver().resolve(app.mainClass(),
                app.applicationJar(), app.jarManifestMain(), app.classes());
        progress.accept("main class " + mainClass.name() + " (" + mainClass.reason() + ")");
        SpringBootPackaging.Selection selection = app.springBoot().select(app.dependencies(), app.applicationJar());
        selection.leftOut().forEach(l -> progress.accept("left out " + l.dependency().file().getFileName() + ": "
                + l.reason()));
        List<Dependency> dependencies = selection.kept();
        List<String> machines = rootfsRequests.stream().map(RootfsRequest::arch).toList();
        List<String> warnings = new NativeCodeJars().find(dependencies.stream().map(Dependency::file).toList(),
                machines).stream().map(NativeCodeJars.OneSided::message).toList();

        Jdk linker = Jdk.at(runtimeSettings.jdk());
        Jdk jdk = runtimeSettings.jdkFor(machines.get(0), linker);
        Path moduleCache = nativeBuild.cacheDirectory().resolve("modules");
        boolean modular = ApplicationLayout.moduleName(app.classes()) != null;
        ModuleScanner.Result scan = null;
        List<String> modules;
        if (runtimeSettings.modules().isEmpty()) {
            List<Path> scanned = new ArrayList<>();
            scanned.add(app.classes());
            dependencies.forEach(d -> scanned.add(d.file()));
            scan = new ModuleScanner().scan(jdk, scanned, modular, moduleCache);
            scan.rules().forEach(r -> progress.accept("module scan: " + String.join(",", r.rule().modules())
                    + " for " + r.target() + " (" + r.rule().id() + ": " + r.rule().why() + ")"));
            modules = scan.modules();
        } else {
            modules = runtimeSettings.modules();
        }
        modules = withExtraModules(jdk, modules, runtimeSettings.extraModules(), moduleCache);

        List<MachineRuntime> runtimes = new ArrayList<>();
        Map<Platform, List<TreeLayer>> runtimeLayers = new LinkedHashMap<>();
        for (int i = 0; i < rootfsRequests.size(); i++) {
            RootfsRequest machineRequest = rootfsRequests.get(i);
            Jdk machineJdk = i == 0 ? jdk : runtimeSettings.jdkFor(machineRequest.arch(), linker);
            MachineRuntime runtime = runtime(linker, machineJdk, modules, machineRequest, runtimeSettings,
                    i == 0 && rootfsRequests.size() == 1, progress);
            runtimes.add(runtime);
            runtimeLayers.put(platforms.get(i), List.of(runtime.layer()));
        }

        ApplicationLayout.Laid laid = new ApplicationLayout().lay(app.classes(), dependencies, mainClass.name());

        PackRequest pack = request.pack();
        ContainerSettings given = pack.settings();
        List<String> entrypoint = new ArrayList<>(List.of(ApplicationRequest.JAVA_HOME + "/bin/java"));
        entrypoint.addAll(app.jvmFlags());
        entrypoint.addAll(laid.command());
        Map<String, String> environment = new LinkedHashMap<>(ApplicationRequest.javaEnvironment());
        environment.putAll(given.environment());
        ContainerSettings settings = new ContainerSettings(entrypoint, app.args(), environment,
                given.workingDirectory(), app.user(), given.ports(), given.labels(), given.annotations());
        Map<Platform, SbomContent> sbom = new LinkedHashMap<>();
        for (int i = 0; i < runtimes.size(); i++) {
            MachineRuntime runtime = runtimes.get(i);
            sbom.put(platforms.get(i), ApplicationSbom.of(pack.image().name(), pack.image().tag(), mainClass.name(),
                    laid.module(), dependencies, runtime.jdk(), modules, runtime.libraries(), runtime.sysroot()));
        }
        PackResult packed = new ImagePacker().pack(pack.toBuilder().from("rootfs").settings(settings)
                .platformLayers(runtimeLayers).treeLayers(laid.layers()).sbomContent(sbom)
                .layerCache(nativeBuild.cacheDirectory().resolve("layers")).build());

        for (int i = 0; i < rootfsResults.size(); i++) {
            MachineRuntime runtime = runtimes.get(i);
            recordRuntime(rootfsResults.get(i), runtime.jdk(), modules, runtime.cds(), mainClass,
                    runtime.libraries(), runtime.audit());
        }
        StartupResult startup = null;
        if (request.startupCheck() != null) {
            Path layout = pack.outputDirectory().resolve(OutputFormat.OCI_LAYOUT.fileName());
            startup = new StartupChecker().check(layout, pack.image().tag(), request.startupCheck(),
                    pack.outputDirectory().resolve("startup-check"),
                    nativeBuild.logDirectory().resolve("startup-check.log"));
        }
        SignResult signature = request.sign() == null ? null : new ImageSigner().sign(request.sign());
        PushResult pushed = request.push() == null ? null : new ImagePusher().push(request.push());
        MachineRuntime first = runtimes.get(0);
        return new ApplicationResult(rootfsResults.get(0), packed, first.jdk().version(), modules, scan, first.cds(),
                first.libraries(), mainClass, laid.module(), selection.leftOut(), startup, signature, pushed,
                rootfsResults, runtimes.stream().map(MachineRuntime::describe).toList(), warnings);
    }

    /** One machine's runtime: the jlink'd JDK, the native libraries it needs, their audit and its layer. */
    private record MachineRuntime(String arch, Jdk jdk, boolean cds, List<NativeLibrary> libraries,
                                  List<RootfsManifest.FileAudit> audit, Path sysroot, TreeLayer layer) {
        ApplicationResult.Runtime describe() {
            return new ApplicationResult.Runtime(arch, jdk.home(), jdk.version(), cds, libraries, sysroot);
        }
    }

    /**
     * The runtime layer of one machine; jlink logs to {@code java-runtime.log} in the machine's log directory.
     * The libraries its programs need come from the machine's sysroot ({@code /} for the build machine's own).
     */
    private MachineRuntime runtime(Jdk linker, Jdk jdk, List<String> modules, RootfsRequest rootfsRequest,
                                   RuntimeSettings settings, boolean only, Consumer<String> progress)
            throws IOException {
        NativeBuildSettings nativeBuild = rootfsRequest.nativeBuild();
        String arch = rootfsRequest.arch();
        CommandRunner run = new CommandRunner(BuildEnvironment.reproducible(rootfsRequest.timestamp()),
                nativeBuild.logDirectory().resolve("java-runtime.log"), "java runtime");
        BuildCache cache = nativeBuild.buildCache();
        JlinkRuntime.Runtime runtime = new JlinkRuntime().build(linker, jdk, modules, arch, settings.cds(), cache,
                run, progress);

        FileTree runtimeTree = importer.importInto(new FileTree(),
                DirectoryImport.of(runtime.directory(), ApplicationRequest.JAVA_HOME));
        Path sysroot = settings.sysrootFor(arch, TargetArch.host().id());
        List<NativeLibrary> libraries = new NativeDependencies(sysroot).addTo(runtimeTree, arch);
        List<RootfsManifest.FileAudit> audit = new ElfAuditGate().audit(runtimeTree);
        List<String> foreign = ElfAuditGate.foreign(audit, TargetArch.parse(arch));
        if (!foreign.isEmpty()) {
            throw new PolicyViolationException("the Java runtime for " + arch + " holds ELF files of another machine "
                    + "(from the JDK at " + jdk.home() + " or the libraries in " + sysroot + ")", foreign,
                    "Use a JDK and libraries built for " + arch);
        }
        ElfAuditGate.enforce(audit, rootfsRequest.failOnAudit(), "executables of the Java runtime",
                "Use a hardened JDK, or set failOnAudit=false");
        String runtimeKey = runtime.cacheKey() + "|" + libraries.stream()
                .map(l -> l.path() + "=" + l.sha256()).collect(Collectors.joining(","));
        boolean buildMachine = sysroot.equals(Path.of("/"));
        progress.accept("java runtime" + (only ? "" : " for " + arch) + ": " + modules.size() + " modules, "
                + libraries.size() + " native libraries from " + (buildMachine ? "the build machine" : sysroot)
                + (runtime.cds() ? ", class data sharing archive" : ", no class data sharing archive"));
        TreeLayer layer = new TreeLayer(runtimeTree, "kimigayo build: java runtime " + jdk.version() + " "
                + String.join(",", modules), runtimeKey);
        return new MachineRuntime(arch, jdk, runtime.cds(), libraries, audit, sysroot, layer);
    }

    /** Each rootfs request is the machine of the pack's platform at the same place. */
    static void checkPlatforms(List<RootfsRequest> rootfs, List<Platform> platforms) {
        if (rootfs.size() != platforms.size()) {
            throw new IllegalArgumentException("the image is for the platforms " + platforms + ", and there are "
                    + rootfs.size() + " rootfs builds; give one per platform, in the same order");
        }
        for (int i = 0; i < rootfs.size(); i++) {
            String machine = TargetArch.parse(platforms.get(i).architecture()).id();
            if (!machine.equals(TargetArch.parse(rootfs.get(i).arch()).id())) {
                throw new IllegalArgumentException("platform " + platforms.get(i) + " is for " + machine
                        + ", and its rootfs is built for " + rootfs.get(i).arch() + "; build the rootfs of each "
                        + "platform's machine, in the order of the platforms");
            }
        }
    }

    /** The modules with the extra ones added, each checked against the JDK (a typo fails here, not in jlink). */
    private static List<String> withExtraModules(Jdk jdk, List<String> modules, List<String> extra, Path cache)
            throws IOException {
        List<String> all = new ArrayList<>(modules);
        extra.stream().filter(m -> !all.contains(m)).forEach(all::add);
        JdkModules known = JdkModules.of(jdk, cache);
        List<String> unknown = all.stream().filter(m -> !known.isModule(m)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("modules " + unknown + " are not modules of the JDK at " + jdk.home()
                    + " (Java " + jdk.version() + "); its modules are " + known.names());
        }
        return all.stream().sorted().toList();
    }

    /** Adds what the runtime layer holds to rootfs.json: the JDK, modules, native libraries and their audit. */
    private static void recordRuntime(RootfsResult rootfs, Jdk jdk, List<String> modules, boolean cds,
                                      MainClassResolver.MainClass mainClass, List<NativeLibrary> libraries,
                                      List<RootfsManifest.FileAudit> audit) throws IOException {
        RootfsManifest manifest = withJavaRuntime(rootfs.manifest(), jdk, modules, cds, mainClass, libraries, audit);
        Path temp = AtomicFiles.createTemp(rootfs.json().getParent(), ".rootfs-json-");
        Files.write(temp, manifest.toJson());
        AtomicFiles.moveIntoPlace(temp, rootfs.json());
    }

    /** The rootfs with what the runtime layer holds: the JDK, modules, native libraries and their audit. */
    static RootfsManifest withJavaRuntime(RootfsManifest rootfs, Jdk jdk, List<String> modules, boolean cds,
                                          MainClassResolver.MainClass mainClass, List<NativeLibrary> libraries,
                                          List<RootfsManifest.FileAudit> audit) {
        return rootfs.withJavaRuntime(new RootfsManifest.JavaRuntime(ApplicationRequest.JAVA_HOME, jdk.version(),
                modules, cds, mainClass.name(), libraries.stream().map(l -> new RootfsManifest.NativeLibrary(
                        l.path(), l.origin(), l.sha256(), l.neededBy())).toList(), audit));
    }
}
