package io.kimigayo.app.java;

import io.kimigayo.rootfs.nativebuild.CacheKey;
import io.kimigayo.rootfs.nativebuild.CommandRunner;
import io.kimigayo.rootfs.output.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the JDK modules an application needs, giving the answer {@code jdeps --print-module-deps
 * --ignore-missing-deps --multi-release <feature>} gives over the same inputs (the classes directory and the jars),
 * while starting jdeps only for jars it has not seen before:
 * <ul>
 *   <li>A directory (the classes directory) is scanned in-process: each class file's references are read
 *       ({@link ClassReferences}, the same ones jdeps counts) and each referenced class is looked up in the target
 *       JDK's modules ({@link JdkModules}, from its jmods). Like jdeps, every class file below the directory counts,
 *       {@code META-INF/versions/*} included: jdeps applies {@code --multi-release} to jars only. Also like jdeps,
 *       a JDK class that one of the targets holds too (an old xml-apis jar's {@code org.w3c.dom} classes) is found
 *       in that target, not in the JDK; each jar's such classes are kept with its answer.</li>
 *   <li>A jar (any other file) is given to jdeps once, as a target and never also on the class path, in one
 *       {@code jdeps -s} run over all the jars not seen before, which reports each jar's modules separately.
 *       {@code --add-modules ALL-SYSTEM} makes jdeps resolve every JDK module, as it does whenever a classes
 *       directory is among its targets: without it, a modular jar's use of a module it only {@code requires
 *       static} (Gson's of java.sql) would be "not found", although on the class path the jar can use it. With a
 *       cache directory, each jar's modules are kept under a key of the JDK identity and the jar's path, size and
 *       modification time. Hashing the jars' bytes instead would read every dependency on every build, while a
 *       jar's path, size and time change whenever Maven writes it (a released artifact is never rewritten in place;
 *       a SNAPSHOT or reactor jar is rewritten with a new time).</li>
 *   <li>The union is then reduced like jdeps reduces it: a module that another one implies through
 *       {@code requires transitive} is left out (jlink adds it back), and java.base is always in.</li>
 * </ul>
 * A rebuild after a change to the classes thus starts no process at all. One difference from a single jdeps run
 * over everything, on purpose: of two jars holding the same named module, jdeps analyses only the first, while both
 * count here (on the class path both are read). And one that follows from asking about each jar on its own: a jar's
 * use of a JDK class that another target also holds counts the JDK's module, where jdeps over everything would find
 * the class in the other target (at run time the JDK's module wins over the class path, so the module is used).
 */
public final class ModuleScanner {

    /** How a jar's answer is found; part of its cache key, so that a change here does not reuse older answers. */
    private static final String METHOD = "jdeps -s --ignore-missing-deps --add-modules ALL-SYSTEM, unreduced;"
            + " shadowed JDK classes";
    private static final String SHADOWS = "shadows ";

    /**
     * Like {@link #modules(Jdk, List, CommandRunner, Path)}, keeping each jar's modules and the JDK's module index in
     * {@code cache}, so that only jars never seen before are given to jdeps.
     */
    public List<String> modules(Jdk jdk, List<Path> targets, CommandRunner run, Path workDirectory, Path cache)
            throws IOException {
        return scan(jdk, targets, run, workDirectory, cache);
    }

    /**
     * @param targets the application's classes directory and jars, and its dependencies' jars; paths that do not
     *                exist are skipped
     * @return the module names, sorted ({@code java.base} at least)
     */
    public List<String> modules(Jdk jdk, List<Path> targets, CommandRunner run, Path workDirectory)
            throws IOException {
        return scan(jdk, targets, run, workDirectory, null);
    }

    private List<String> scan(Jdk jdk, List<Path> targets, CommandRunner run, Path workDirectory, Path cache)
            throws IOException {
        List<Path> existing = targets.stream().filter(Files::exists).distinct().toList();
        if (existing.isEmpty()) {
            return List.of("java.base");
        }
        JdkModules jdkModules = JdkModules.of(jdk, cache);
        Set<String> modules = new TreeSet<>();
        // JDK classes that a target also holds: jdeps finds a class in the targets before the JDK
        Set<String> shadowed = new HashSet<>();
        List<Path> directories = new ArrayList<>();
        Map<Path, Path> unseen = new LinkedHashMap<>(); // jar to its cache entry (null without a cache)
        for (Path target : existing) {
            if (Files.isDirectory(target)) {
                directories.add(target);
                continue;
            }
            Path entry = cache == null ? null : jarEntry(cache, jdk, target);
            if (entry != null && Files.isRegularFile(entry)) {
                for (String line : Files.readAllLines(entry)) {
                    if (line.startsWith(SHADOWS)) {
                        shadowed.add(line.substring(SHADOWS.length()));
                    } else if (jdkModules.isModule(line)) {
                        modules.add(line);
                    }
                }
            } else {
                unseen.put(target, entry);
            }
        }
        if (!unseen.isEmpty()) {
            Map<Path, Set<String>> found = jdeps(jdk, new ArrayList<>(unseen.keySet()), jdkModules, run,
                    workDirectory);
            for (Map.Entry<Path, Set<String>> e : found.entrySet()) {
                Set<String> jarShadows = shadowedBy(e.getKey(), jdkModules);
                modules.addAll(e.getValue());
                shadowed.addAll(jarShadows);
                Path entry = unseen.get(e.getKey());
                if (entry != null) {
                    List<String> lines = new ArrayList<>(e.getValue());
                    jarShadows.stream().sorted().forEach(c -> lines.add(SHADOWS + c));
                    Path temp = AtomicFiles.createTemp(entry.getParent(), ".jar-modules-");
                    Files.write(temp, lines);
                    AtomicFiles.moveIntoPlace(temp, entry);
                }
            }
        }
        Map<Path, List<Path>> classFiles = new LinkedHashMap<>();
        for (Path directory : directories) {
            List<Path> files = classFiles(directory);
            classFiles.put(directory, files);
            for (Path file : files) {
                String name = className(directory.relativize(file).toString().replace('\\', '/'));
                if (jdkModules.moduleOf(name) != null) {
                    shadowed.add(name);
                }
            }
        }
        for (Map.Entry<Path, List<Path>> e : classFiles.entrySet()) {
            modules.addAll(scanClassFiles(e.getValue(), jdkModules, shadowed));
        }
        return jdkModules.reduce(modules);
    }

    /** The class an entry ({@code a/B.class}, {@code META-INF/versions/11/a/B.class}) holds: {@code a/B}. */
    private static String className(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length());
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            name = slash < 0 ? name : name.substring(slash + 1);
        }
        return name;
    }

    /** The JDK classes a jar also holds (an old xml-apis jar holds org.w3c.dom classes, for example). */
    private static Set<String> shadowedBy(Path jar, JdkModules jdkModules) {
        Set<String> shadows = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).map(ModuleScanner::className)
                    .filter(n -> jdkModules.moduleOf(n) != null).forEach(shadows::add);
        } catch (IOException | RuntimeException e) {
            // jdeps read it, or said why not
        }
        return shadows;
    }

    private static Path jarEntry(Path cache, Jdk jdk, Path jar) throws IOException {
        CacheKey key = new CacheKey().with("method", METHOD).with("jdk", jdk.identity())
                .with("jar", jar.toAbsolutePath().toString())
                .with("size", Long.toString(Files.size(jar)))
                .with("mtime", Files.getLastModifiedTime(jar).toInstant().toString());
        return cache.resolve("jars").resolve(jar.getFileName() + "-" + key.hex().substring(0, 24) + ".modules");
    }

    private static boolean hasClasses(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(e -> e.getName().endsWith(".class"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code jdeps --print-module-deps} over one jar (its reduced modules, which reduce the same in the union). */
    private static Set<String> printModuleDeps(Jdk jdk, Path jar, JdkModules jdkModules, CommandRunner run,
            Path workDirectory) throws IOException {
        String out = run.capture("jdeps", workDirectory, List.of(jdk.tool("jdeps").toString(),
                "--ignore-missing-deps", "--add-modules", "ALL-SYSTEM", "--print-module-deps", "--multi-release",
                Integer.toString(jdk.feature()), jar.toAbsolutePath().toString()));
        Set<String> modules = new TreeSet<>();
        out.lines().flatMap(l -> Stream.of(l.split(","))).map(String::trim).filter(jdkModules::isModule)
                .forEach(modules::add);
        return modules;
    }

    /**
     * The name jdeps gives an archive in its summary: the module's name for a modular jar (its
     * {@code module-info.class}, or for a multi-release jar the one of the newest version up to {@code feature}),
     * else the file name.
     */
    static String jdepsName(Path jar, int feature) {
        try (JarFile file = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, Runtime.Version.parse(
                Integer.toString(feature)))) {
            JarEntry info = file.getJarEntry("module-info.class");
            if (info != null) {
                try (InputStream in = file.getInputStream(info)) {
                    return ModuleDescriptor.read(in).name();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a jar, or a module-info jdeps cannot read either: jdeps reports it by its file name or fails
        }
        return jar.getFileName().toString();
    }

    private static List<Path> classFiles(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".class")
                    && !p.getFileName().toString().equals("module-info.class") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** The JDK modules class files refer to (unreduced), leaving out the classes a target holds itself. */
    static Set<String> scanClassFiles(List<Path> files, JdkModules jdkModules, Set<String> shadowed)
            throws IOException {
        Set<String> classes = new HashSet<>();
        for (Path file : files) {
            ClassReferences.addTo(classes, Files.readAllBytes(file), file.toString());
        }
        Set<String> modules = new TreeSet<>();
        for (String c : classes) {
            String module = jdkModules.moduleOf(c);
            if (module != null && !shadowed.contains(c)) {
                modules.add(module);
            }
        }
        return modules;
    }

    /**
     * Runs {@code jdeps -s} over jars and returns each jar's JDK modules (unreduced). jdeps names each archive by its
     * file name only (a modular jar by its module name), so jars that share a name (the same artifact name from two
     * groups) go to separate runs.
     */
    private static Map<Path, Set<String>> jdeps(Jdk jdk, List<Path> jars, JdkModules jdkModules, CommandRunner run,
            Path workDirectory) throws IOException {
        Map<Path, Set<String>> found = new LinkedHashMap<>();
        List<Path> left = new ArrayList<>(jars);
        while (!left.isEmpty()) {
            Map<String, Path> batch = new LinkedHashMap<>();
            List<Path> later = new ArrayList<>();
            for (Path jar : left) {
                if (batch.putIfAbsent(jdepsName(jar, jdk.feature()), jar) != null) {
                    later.add(jar);
                }
            }
            List<String> command = new ArrayList<>(List.of(jdk.tool("jdeps").toString(), "-s",
                    "--ignore-missing-deps", "--add-modules", "ALL-SYSTEM", "--multi-release",
                    Integer.toString(jdk.feature())));
            batch.values().forEach(jar -> command.add(jar.toAbsolutePath().toString()));
            String out = run.capture("jdeps", workDirectory, command);
            Map<String, Set<String>> byName = new HashMap<>();
            Set<String> reported = new HashSet<>();
            batch.keySet().forEach(name -> byName.put(name, new TreeSet<>()));
            // lines "<archive file name> -> <module, other archive, or "not found">"
            for (String line : out.lines().toList()) {
                int arrow = line.lastIndexOf(" -> ");
                if (arrow > 0) {
                    reported.add(line.substring(0, arrow));
                    Set<String> modules = byName.get(line.substring(0, arrow));
                    String target = line.substring(arrow + 4).trim();
                    if (modules != null && jdkModules.isModule(target)) {
                        modules.add(target);
                    }
                }
            }
            for (Map.Entry<String, Path> e : batch.entrySet()) {
                // Every class refers to java.lang.Object, so a jar with classes has at least "name -> java.base".
                // Without it, jdeps named the jar otherwise than expected: ask about that jar alone.
                found.put(e.getValue(), reported.contains(e.getKey()) || !hasClasses(e.getValue())
                        ? byName.get(e.getKey()) : printModuleDeps(jdk, e.getValue(), jdkModules, run, workDirectory));
            }
            left = later;
        }
        return found;
    }
}
