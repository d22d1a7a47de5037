package io.kimigayo.app;

import io.kimigayo.oci.pack.TreeLayer;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.io.InputStream;
import io.kimigayo.app.java.ModuleInfoReader;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an application's files go in the image, and the command that starts it. Each part that changes at its own
 * pace is its own layer, as Jib lays them out, so that a change to a class re-uploads only the classes layer:
 * <pre>
 * /app/libs/          release dependencies, then SNAPSHOT dependencies, then the build's own modules (3 layers)
 * /app/classpath      the class path, in order (its own small layer)
 * /app/resources/     the resources
 * /app/classes/       the classes
 * </pre>
 * A class path application starts as {@code java -cp @/app/classpath Main}: the class path is listed jar by jar in
 * the build's order (or the order of Spring Boot's class path index), not as {@code /app/libs/*}, whose order the
 * JVM leaves to the directory. An application with a {@code module-info} starts as a module:
 * {@code java --module-path /app/classes:/app/libs -m module/Main}, its resources in {@code /app/classes} beside its
 * classes (a module's resources must be inside the module), still in their own layer.
 */
final class ApplicationLayout {

    static final String APP = "/app";
    static final String LIBS = APP + "/libs";
    static final String CLASSPATH_FILE = APP + "/classpath";
    static final String RESOURCES = APP + "/resources";
    static final String CLASSES = APP + "/classes";

    private final DirectoryImporter importer = new DirectoryImporter();

    /**
     * The layers and the start command.
     *
     * @param layers  in order; empty ones are dropped by the packer
     * @param command the JVM's arguments after the {@code java} executable and the JVM flags
     * @param module  the application's module, or null for a class path application
     */
    record Laid(List<TreeLayer> layers, List<String> command, String module) {
    }

    Laid lay(Path classes, List<Dependency> dependencies, String mainClass) throws IOException {
        String module = moduleName(classes);
        Map<Dependency, String> names = libraryNames(dependencies);
        List<TreeLayer> layers = new ArrayList<>();
        layers.add(new TreeLayer(libraries(dependencies, names, Dependency.Kind.RELEASE),
                "kimigayo build: dependencies", null));
        layers.add(new TreeLayer(libraries(dependencies, names, Dependency.Kind.SNAPSHOT),
                "kimigayo build: snapshot dependencies", null));
        layers.add(new TreeLayer(libraries(dependencies, names, Dependency.Kind.PROJECT),
                "kimigayo build: project dependencies", null));
        List<String> command;
        if (module == null) {
            List<String> path = new ArrayList<>(List.of(RESOURCES, CLASSES));
            dependencies.forEach(d -> path.add(LIBS + "/" + names.get(d)));
            FileTree classpath = new FileTree().addFile(CLASSPATH_FILE,
                    Content.of((String.join(":", path) + "\n").getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
            layers.add(new TreeLayer(classpath, "kimigayo build: class path", null));
            command = List.of("-cp", "@" + CLASSPATH_FILE, mainClass);
        } else {
            command = List.of("--module-path", CLASSES + ":" + LIBS, "-m", module + "/" + mainClass);
        }
        if (Files.isDirectory(classes)) {
            String resourceTarget = module == null ? RESOURCES : CLASSES;
            layers.add(new TreeLayer(filesOnly(DirectoryImport.of(classes, resourceTarget, List.of(),
                    List.of("**/*.class"))), "kimigayo build: resources", null));
            layers.add(new TreeLayer(filesOnly(DirectoryImport.of(classes, CLASSES, List.of("**/*.class"),
                    List.of())), "kimigayo build: classes", null));
        }
        return new Laid(layers, command, module);
    }

    /** The module a classes directory declares ({@code module-info.class}), or null. */
    static String moduleName(Path classes) throws IOException {
        Path info = classes.resolve("module-info.class");
        if (!Files.isRegularFile(info)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(info)) {
            return ModuleInfoReader.read(in).name();
        }
    }

    /**
     * The name of each dependency in {@code /app/libs}: its file name, prefixed with its groupId when two
     * dependencies share a file name; a classes directory (a module of the build that was not packaged) as
     * {@code artifactId-version}.
     */
    private static Map<Dependency, String> libraryNames(List<Dependency> dependencies) {
        Set<String> seen = new HashSet<>();
        Set<String> clashing = new HashSet<>();
        for (Dependency d : dependencies) {
            String name = plainName(d);
            if (!seen.add(name)) {
                clashing.add(name);
            }
        }
        Map<Dependency, String> names = new LinkedHashMap<>();
        for (Dependency d : dependencies) {
            String name = plainName(d);
            names.put(d, clashing.contains(name) ? d.groupId() + "-" + name : name);
        }
        return names;
    }

    private static String plainName(Dependency d) {
        return d.isDirectory() ? d.artifactId() + "-" + d.version() : d.file().getFileName().toString();
    }

    private FileTree libraries(List<Dependency> dependencies, Map<Dependency, String> names, Dependency.Kind kind)
            throws IOException {
        FileTree tree = new FileTree();
        for (Dependency d : dependencies) {
            if (d.kind() != kind) {
                continue;
            }
            String target = LIBS + "/" + names.get(d);
            if (d.isDirectory()) {
                importer.importInto(tree, new DirectoryImport(d.file(), target, List.of(), List.of(), 0644, 0755, 0,
                        0));
            } else {
                tree.addFile(target, Content.of(d.file()), 0644, 0, 0);
            }
        }
        return tree;
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
}
