package io.kimigayo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.JlinkRuntime;
import io.kimigayo.app.java.ModuleScanner;
import io.kimigayo.app.java.NativeDependencies;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TreeLayer;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.rootfs.RootfsBuilder;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.rootfs.nativebuild.BuildCache;
import io.kimigayo.rootfs.nativebuild.BuildEnvironment;
import io.kimigayo.rootfs.nativebuild.CommandRunner;
import io.kimigayo.rootfs.output.AtomicFiles;
import io.kimigayo.rootfs.policy.ElfAuditGate;
import io.kimigayo.rootfs.policy.PolicyViolationException;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.signing.ImageSigner;
import io.kimigayo.signing.SignResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Builds a Java application image in one call, the library entry point of the {@code build} goal: the Kimigayo OS
 * rootfs as the base layer, then (each its own layer, Jib-style, so an edit to a class re-uploads only the classes
 * layer) a jlink'd Java runtime with exactly the native libraries it needs, release dependencies, snapshot
 * dependencies, resources, classes and the user's extra layers; entrypoint {@code java -cp ... Main}; signed when a
 * key is given; pushed (with its signatures) when a target is given.
 */
public final class ApplicationImageBuilder {

    static final String APP = "/app";
    static final String CLASSPATH = APP + "/resources:" + APP + "/classes:" + APP + "/libs/*";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final DirectoryImporter importer = new DirectoryImporter();

    public ApplicationResult build(ApplicationRequest request) throws IOException {
        RootfsRequest rootfsRequest = request.rootfs();
        RootfsResult rootfs = new RootfsBuilder().build(rootfsRequest);

        Jdk jdk = Jdk.at(request.jdk());
        CommandRunner run = new CommandRunner(BuildEnvironment.reproducible(rootfsRequest.timestamp()),
                rootfsRequest.logDirectory().resolve("java-runtime.log"), "java runtime");
        List<Path> scanned = new ArrayList<>();
        scanned.add(request.classes());
        request.dependencies().forEach(d -> scanned.add(d.file()));
        List<String> modules = request.modules().isEmpty()
                ? new ModuleScanner().modules(jdk, scanned, run, rootfsRequest.logDirectory(),
                        rootfsRequest.cacheDirectory().resolve("modules"))
                : request.modules();
        BuildCache cache = new BuildCache(rootfsRequest.cacheDirectory());
        JlinkRuntime.Runtime runtime = new JlinkRuntime().build(jdk, modules, rootfsRequest.arch(), cache, run,
                rootfsRequest.progress());

        FileTree runtimeTree = importer.importInto(new FileTree(),
                DirectoryImport.of(runtime.directory(), ApplicationRequest.JAVA_HOME));
        List<NativeLibrary> libraries = new NativeDependencies(Path.of("/")).addTo(runtimeTree, rootfsRequest.arch());
        List<RootfsManifest.FileAudit> audit = new ElfAuditGate().audit(runtimeTree);
        List<String> weak = ElfAuditGate.offences(audit);
        if (!weak.isEmpty() && rootfsRequest.failOnAudit()) {
            throw new PolicyViolationException("executables of the Java runtime without the hardening Kimigayo "
                    + "requires (PIE, NX stack, full RELRO)", weak, "Use a hardened JDK, or set failOnAudit=false");
        }
        String runtimeKey = runtime.cacheKey() + "|" + libraries.stream()
                .map(l -> l.path() + "=" + l.sha256()).collect(Collectors.joining(","));
        rootfsRequest.progress().accept("java runtime: " + modules.size() + " modules, " + libraries.size()
                + " native libraries from the build machine");

        String mainClass = mainClass(request);
        List<TreeLayer> layers = new ArrayList<>();
        layers.add(new TreeLayer(runtimeTree, "kimigayo build: java runtime " + jdk.version() + " "
                + String.join(",", modules), runtimeKey));
        layers.add(new TreeLayer(jars(request.dependencies(), false), "kimigayo build: dependencies", null));
        layers.add(new TreeLayer(jars(request.dependencies(), true), "kimigayo build: snapshot dependencies", null));
        if (Files.isDirectory(request.classes())) {
            layers.add(new TreeLayer(filesOnly(new DirectoryImport(request.classes(), APP + "/resources",
                    List.of(), List.of("**/*.class"), null, null, 0, 0)), "kimigayo build: resources", null));
            layers.add(new TreeLayer(filesOnly(new DirectoryImport(request.classes(), APP + "/classes",
                    List.of("**/*.class"), List.of(), null, null, 0, 0)), "kimigayo build: classes", null));
        }

        PackRequest pack = request.pack();
        ContainerSettings given = pack.settings();
        List<String> entrypoint = new ArrayList<>(List.of(ApplicationRequest.JAVA_HOME + "/bin/java"));
        entrypoint.addAll(request.jvmFlags());
        entrypoint.addAll(List.of("-cp", CLASSPATH, mainClass));
        Map<String, String> environment = new LinkedHashMap<>(ApplicationRequest.javaEnvironment());
        environment.putAll(given.environment());
        ContainerSettings settings = new ContainerSettings(entrypoint, request.args(), environment,
                given.workingDirectory(), request.user(), given.ports(), given.labels(), given.annotations());
        PackResult packed = new ImagePacker().pack(new PackRequest("rootfs", pack.baseDirectory(), pack.layers(),
                settings, pack.image(), pack.extraTags(), pack.formats(), pack.platform(), pack.timestamp(),
                pack.outputDirectory(), layers, rootfsRequest.cacheDirectory().resolve("layers"), pack.registry()));

        recordRuntime(rootfs.json(), jdk, modules, libraries, audit);
        SignResult signature = request.sign() == null ? null : new ImageSigner().sign(request.sign());
        PushResult pushed = request.push() == null ? null : new ImagePusher().push(request.push());
        return new ApplicationResult(rootfs, packed, jdk.version(), modules, libraries, mainClass, signature, pushed);
    }

    /**
     * The files a selection takes from a directory, with the directories above them; directories that hold none
     * of them are left out, so a project without resources gets no resources layer.
     */
    private FileTree filesOnly(DirectoryImport selection) throws IOException {
        FileTree all = importer.importInto(new FileTree(), selection);
        FileTree files = new FileTree();
        all.entries().forEach((path, entry) -> {
            if (!entry.isDirectory()) {
                files.put(path, entry);
            }
        });
        all.entries().forEach((path, entry) -> {
            if (entry.isDirectory() && files.get(path).isPresent()) {
                files.put(path, entry);
            }
        });
        return files;
    }

    /** The configured main class, else the one the application jar's manifest names. */
    private static String mainClass(ApplicationRequest request) throws IOException {
        if (request.mainClass() != null && !request.mainClass().isBlank()) {
            return request.mainClass().trim();
        }
        if (request.applicationJar() != null && Files.isRegularFile(request.applicationJar())) {
            try (JarFile jar = new JarFile(request.applicationJar().toFile())) {
                if (jar.getManifest() != null) {
                    String name = jar.getManifest().getMainAttributes().getValue("Main-Class");
                    if (name != null && !name.isBlank()) {
                        return name.trim();
                    }
                }
            }
        }
        throw new IllegalArgumentException("no main class: set <mainClass>, or build the jar with a Main-Class in "
                + "its manifest (maven-jar-plugin's <archive><manifest><mainClass>)");
    }

    /** The dependency jars of one kind at {@code /app/libs/}; a file name used twice gets its groupId prefixed. */
    private static FileTree jars(List<Dependency> dependencies, boolean snapshots) {
        Set<String> names = new HashSet<>();
        List<String> clashing = dependencies.stream().map(d -> d.file().getFileName().toString())
                .filter(n -> !names.add(n)).toList();
        FileTree tree = new FileTree();
        for (Dependency d : dependencies) {
            if (d.snapshot() != snapshots) {
                continue;
            }
            String name = d.file().getFileName().toString();
            String target = clashing.contains(name) ? d.groupId() + "-" + name : name;
            tree.addFile(APP + "/libs/" + target, Content.of(d.file()), 0644, 0, 0);
        }
        return tree;
    }

    /** Adds what the runtime layer holds to rootfs.json: the JDK, modules, native libraries and their audit. */
    private static void recordRuntime(Path rootfsJson, Jdk jdk, List<String> modules, List<NativeLibrary> libraries,
                                      List<RootfsManifest.FileAudit> audit) throws IOException {
        ObjectNode root;
        try (InputStream in = Files.newInputStream(rootfsJson)) {
            root = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode runtime = root.putObject("javaRuntime");
        runtime.put("path", ApplicationRequest.JAVA_HOME);
        runtime.put("version", jdk.version());
        runtime.putPOJO("modules", modules);
        runtime.putPOJO("nativeLibraries", libraries);
        runtime.putPOJO("audit", audit);
        Path temp = AtomicFiles.createTemp(rootfsJson.getParent(), ".rootfs-json-");
        Files.write(temp, JSON.writeValueAsBytes(root));
        AtomicFiles.moveIntoPlace(temp, rootfsJson);
    }
}
