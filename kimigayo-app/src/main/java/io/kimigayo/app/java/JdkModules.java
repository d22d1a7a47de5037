package io.kimigayo.app.java;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.NativeBuildException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The modules of a target JDK, read from its {@code jmods} (which jlink needs anyway, so they are there), or for a JDK
 * that links from its own run-time image (JEP 493) from that image, with its {@code jimage} tool; the JDK is not
 * necessarily the one running this code, and may be newer: which module holds each class, and each module's
 * {@code requires transitive}. Reading the 70 jmods takes a noticeable fraction of a second, so the index is kept in
 * memory per JDK identity and, with a cache directory, in a file {@code jdk-<identity>.index}.
 */
public final class JdkModules {

    private static final String FORMAT = "kimigayo jdk module index 1";
    private static final Map<String, JdkModules> LOADED = new ConcurrentHashMap<>();

    private final Map<String, String> moduleOfClass;
    private final Map<String, List<String>> requiresTransitive;

    private JdkModules(Map<String, String> moduleOfClass, Map<String, List<String>> requiresTransitive) {
        this.moduleOfClass = moduleOfClass;
        this.requiresTransitive = requiresTransitive;
    }

    /** The index of {@code jdk}, from memory, from {@code cache} (may be null) or from its jmods. */
    public static JdkModules of(Jdk jdk, Path cache) throws IOException {
        Path file = cache == null ? null : cache.resolve("jdk-" + jdk.identity() + ".index");
        JdkModules index = LOADED.get(jdk.identity());
        if (index == null && file != null && Files.isRegularFile(file)) {
            index = read(file);
        }
        if (index == null) {
            index = fromJmods(jdk);
        }
        if (file != null && !Files.isRegularFile(file)) {
            index.write(file);
        }
        LOADED.put(jdk.identity(), index);
        return index;
    }

    /** The module holding a class ({@code java/sql/Connection}), or null when no module of the JDK has it. */
    String moduleOf(String internalName) {
        return moduleOfClass.get(internalName);
    }

    public boolean isModule(String name) {
        return requiresTransitive.containsKey(name);
    }

    /** The names of the JDK's modules, sorted. */
    public List<String> names() {
        return List.copyOf(requiresTransitive.keySet());
    }

    /**
     * jdeps' {@code --print-module-deps} reduction: drops every module that another module of the set implies
     * through a chain of {@code requires transitive} (java.sql implies java.logging and java.xml; a plain
     * {@code requires}, such as java.desktop's on java.prefs, implies nothing), and always keeps java.base.
     *
     * @return the reduced modules, sorted
     */
    List<String> reduce(Collection<String> modules) {
        Set<String> implied = new HashSet<>();
        for (String module : new TreeSet<>(modules)) {
            Deque<String> todo = new ArrayDeque<>(requiresTransitive.getOrDefault(module, List.of()));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (seen.add(next)) {
                    implied.add(next);
                    todo.addAll(requiresTransitive.getOrDefault(next, List.of()));
                }
            }
        }
        TreeSet<String> reduced = new TreeSet<>(modules);
        reduced.removeAll(implied);
        reduced.add("java.base");
        return List.copyOf(reduced);
    }

    private static JdkModules fromJmods(Jdk jdk) throws IOException {
        Path jmods = jdk.home().resolve("jmods");
        Map<String, String> classes = new HashMap<>();
        Map<String, List<String>> transitive = new TreeMap<>();
        if (Files.isDirectory(jmods)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(jmods, "*.jmod")) {
                for (Path jmod : files) {
                    readJmod(jmod, classes, transitive);
                }
            }
        } else if (Files.isRegularFile(jdk.home().resolve("lib/modules"))) {
            // a JDK without jmods that links from its own run-time image (JEP 493): read that image
            readRuntimeImage(jdk, classes, transitive);
        }
        if (!transitive.containsKey("java.base")) {
            throw new NativeBuildException(jdk.home() + " has no jmods (no " + jmods.resolve("java.base.jmod")
                    + ") and no readable run-time image (lib/modules), which the module scan and jlink need; install"
                    + " the jmods (e.g. apt-get install openjdk-" + jdk.feature() + "-jmods) or use a JDK"
                    + " that has them");
        }
        return new JdkModules(classes, transitive);
    }

    /**
     * Reads the modules of a JDK's run-time image ({@code lib/modules}) with that JDK's own {@code jimage} tool: its
     * listing gives each module's classes, and its {@code module-info.class} files, extracted, the requires. The
     * running JDK cannot read a newer JDK's image itself (its jrt file system is compiled for that newer release).
     */
    private static void readRuntimeImage(Jdk jdk, Map<String, String> classes,
                                         Map<String, List<String>> transitive) throws IOException {
        Path jimage = jdk.tool("jimage");
        Path image = jdk.home().resolve("lib/modules");
        if (!Files.isExecutable(jimage)) {
            return; // reported by the caller as a JDK without modules
        }
        String listing = jimage(List.of(jimage.toString(), "list", image.toString()));
        String module = null;
        for (String line : listing.lines().toList()) {
            if (line.startsWith("Module: ")) {
                module = line.substring("Module: ".length()).trim();
            } else if (module != null && line.startsWith(" ")) {
                String name = line.trim();
                if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                    classes.put(name.substring(0, name.length() - ".class".length()), module);
                }
            }
        }
        Path infos = Files.createTempDirectory("kimigayo-jimage-");
        try {
            jimage(List.of(jimage.toString(), "extract", "--include", "regex:.*/module-info\\.class", "--dir",
                    infos.toString(), image.toString()));
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(infos)) {
                for (Path dir : dirs) {
                    Path info = dir.resolve("module-info.class");
                    if (Files.isRegularFile(info)) {
                        ModuleDescriptor descriptor;
                        try (InputStream in = Files.newInputStream(info)) {
                            descriptor = ModuleInfoReader.read(in);
                        }
                        transitive.put(descriptor.name(), transitiveOf(descriptor));
                    }
                }
            }
        } finally {
            AtomicFiles.deleteRecursively(infos);
        }
    }

    private static String jimage(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new NativeBuildException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        return out;
    }

    private static List<String> transitiveOf(ModuleDescriptor descriptor) {
        return descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).sorted().toList();
    }

    private static void readJmod(Path jmod, Map<String, String> classes, Map<String, List<String>> transitive)
            throws IOException {
        try (ZipFile zip = new ZipFile(jmod.toFile())) {
            ZipEntry info = zip.getEntry("classes/module-info.class");
            if (info == null) {
                throw new NativeBuildException(jmod + " has no classes/module-info.class; is the JDK's jmods "
                        + "directory damaged? Reinstall the JDK");
            }
            ModuleDescriptor descriptor;
            try (InputStream in = zip.getInputStream(info)) {
                descriptor = ModuleInfoReader.read(in);
            }
            transitive.put(descriptor.name(), transitiveOf(descriptor));
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith("classes/") && name.endsWith(".class") && !name.endsWith("module-info.class")
                        && !name.startsWith("classes/META-INF/")) {
                    classes.put(name.substring("classes/".length(), name.length() - ".class".length()),
                            descriptor.name());
                }
            }
        }
    }

    /**
     * The file: the format line, then per module a line {@code module <name> <transitive,...>} followed by one line
     * per class it holds.
     */
    private void write(Path file) throws IOException {
        Map<String, List<String>> byModule = new TreeMap<>();
        requiresTransitive.keySet().forEach(m -> byModule.put(m, new java.util.ArrayList<>()));
        moduleOfClass.forEach((c, m) -> byModule.get(m).add(c));
        Path temp = AtomicFiles.createTemp(file.getParent(), ".jdk-index-");
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write(FORMAT + "\n");
            for (Map.Entry<String, List<String>> e : byModule.entrySet()) {
                out.write("module " + e.getKey() + " " + String.join(",", requiresTransitive.get(e.getKey()))
                        + "\n");
                for (String c : e.getValue()) {
                    out.write(c);
                    out.write('\n');
                }
            }
        }
        AtomicFiles.moveIntoPlace(temp, file);
    }

    /** Reads an index file; null when it is not one (another format), so that it is rebuilt. */
    private static JdkModules read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            return null;
        }
        Map<String, String> classes = new HashMap<>(lines.size() * 2);
        Map<String, List<String>> transitive = new TreeMap<>();
        String module = null;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("module ")) {
                String[] parts = line.split(" ", -1);
                module = parts[1];
                transitive.put(module, parts[2].isEmpty() ? List.of() : List.of(parts[2].split(",")));
            } else if (module != null && !line.isEmpty()) {
                classes.put(line, module);
            }
        }
        return transitive.containsKey("java.base") ? new JdkModules(classes, transitive) : null;
    }
}
