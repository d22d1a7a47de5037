package io.kimigayo.app.java;

import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.output.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Finds the JDK modules an application needs, in-process and without starting a tool, so that no input can make it
 * fail:
 * <ul>
 *   <li>Every jar is read as the class path reads it, never as a module: its {@code module-info} does not take part,
 *       so a modular jar whose {@code requires} are not among the dependencies (jakarta.transaction-api's of
 *       jakarta.cdi) is no error, and a module it only {@code requires static} counts when its classes use it. A
 *       multi-release jar is read at the release of the target JDK.</li>
 *   <li>Each class file's references are read ({@link ClassFileReader}, the ones jdeps counts; jdeps is the judge in
 *       the tests) and each referenced class is looked up in the target JDK's modules ({@link JdkModules}). A JDK
 *       class that a jar holds itself (an old xml-apis jar's {@code org.w3c.dom} classes) is that jar's, as jdeps
 *       finds it; for the classes directory, any target's copy counts.</li>
 *   <li>The {@linkplain ModuleRules rule table} adds the modules that code reaches only by reflection or
 *       {@code ServiceLoader}.</li>
 *   <li>For an application launched as a module ({@code modulePath}), the JDK modules that its module and every
 *       explicit module among the jars {@code requires} (not {@code static}) are added: the module system resolves
 *       them at start-up, used or not.</li>
 *   <li>A jar or class file that cannot be read does not stop the build: that target gets {@link #SAFE_SET} and the
 *       result names it, so that the build can warn.</li>
 *   <li>The union is reduced like jdeps' {@code --print-module-deps} reduces it: a module that another one implies
 *       through {@code requires transitive} is left out (jlink adds it back), and java.base is always in.</li>
 * </ul>
 * With a cache directory, each jar's answer is kept under a key of the method, the rule table, the JDK identity and
 * the jar's path, size and modification time, so a rebuild reads only the classes directory. Hashing the jars' bytes
 * instead would read every dependency on every build, while a jar's path, size and time change whenever Maven writes
 * it (a released artifact is never rewritten in place; a SNAPSHOT or reactor jar is rewritten with a new time).
 */
public final class ModuleScanner {

    /**
     * The modules a jar that cannot be read gets instead of its own answer: every Java SE module, and the JDK
     * modules most often reached by reflection.
     */
    public static final List<String> SAFE_SET = List.of("java.se", "jdk.crypto.ec", "jdk.management",
            "jdk.naming.dns", "jdk.unsupported", "jdk.zipfs");

    /** How a jar's answer is found; part of its cache key, so that a change here does not reuse older answers. */
    private static final String METHOD = "in-process class path scan 2";

    /**
     * A rule that fired, and where.
     *
     * @param rule   the rule
     * @param target the jar or directory that showed its trigger (file name)
     */
    public record RuleMatch(ModuleRules.Rule rule, String target) {
    }

    /**
     * A target that could not be read, and so got {@link #SAFE_SET}.
     *
     * @param target the jar or directory
     * @param reason what could not be read
     */
    public record Unreadable(Path target, String reason) {
    }

    /**
     * The answer.
     *
     * @param modules    the reduced module list, sorted ({@code java.base} at least)
     * @param rules      the rules that added modules, one entry per rule (the first target that fired it)
     * @param unreadable the targets that got the safe set
     */
    public record Result(List<String> modules, List<RuleMatch> rules, List<Unreadable> unreadable) {
        public Result {
            modules = List.copyOf(modules);
            rules = List.copyOf(rules);
            unreadable = List.copyOf(unreadable);
        }
    }

    private final ModuleRules rules;

    public ModuleScanner() {
        this(ModuleRules.defaults());
    }

    ModuleScanner(ModuleRules rules) {
        this.rules = rules;
    }

    /**
     * Scans for an application on the class path.
     *
     * @param targets the application's classes directory and jars, and its dependencies' jars; paths that do not
     *                exist are skipped
     * @param cache   where jars' answers and the JDK's module index are kept, or null
     */
    public Result scan(Jdk jdk, List<Path> targets, Path cache) throws IOException {
        return scan(jdk, targets, false, cache);
    }

    /**
     * Scans for an application on the class path, or ({@code modulePath}) launched as a module.
     *
     * @param targets the application's classes directory and jars, and its dependencies' jars; paths that do not
     *                exist are skipped
     * @param cache   where jars' answers and the JDK's module index are kept, or null
     */
    public Result scan(Jdk jdk, List<Path> targets, boolean modulePath, Path cache) throws IOException {
        List<Path> existing = targets.stream().filter(Files::exists).distinct().toList();
        if (existing.isEmpty()) {
            return new Result(List.of("java.base"), List.of(), List.of());
        }
        JdkModules jdkModules = JdkModules.of(jdk, cache);
        Map<Path, TargetScan> jars = new LinkedHashMap<>();
        Map<Path, DirectoryScan> directories = new LinkedHashMap<>();
        Set<String> shadowed = new HashSet<>();
        for (Path target : existing) {
            if (Files.isDirectory(target)) {
                DirectoryScan scan = scanDirectory(target, jdkModules);
                directories.put(target, scan);
                shadowed.addAll(scan.shadows());
            } else {
                TargetScan scan = scanJar(jdk, target, jdkModules, cache);
                jars.put(target, scan);
                shadowed.addAll(scan.shadows());
            }
        }
        Map<Path, TargetScan> all = new LinkedHashMap<>();
        for (Path target : existing) {
            DirectoryScan directory = directories.get(target);
            all.put(target, directory != null ? directory.resolve(jdkModules, shadowed) : jars.get(target));
        }

        Set<String> modules = new TreeSet<>();
        Map<String, RuleMatch> fired = new LinkedHashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (Map.Entry<Path, TargetScan> e : all.entrySet()) {
            TargetScan scan = e.getValue();
            if (scan.unreadable() != null) {
                unreadable.add(new Unreadable(e.getKey(), scan.unreadable()));
                SAFE_SET.stream().filter(jdkModules::isModule).forEach(modules::add);
                continue;
            }
            modules.addAll(scan.modules());
            if (modulePath) {
                modules.addAll(scan.requires());
            }
            for (String id : scan.rules()) {
                ModuleRules.Rule rule = rules.byId(id);
                if (rule == null) {
                    continue;
                }
                rule.modules().stream().filter(jdkModules::isModule).forEach(modules::add);
                fired.putIfAbsent(id, new RuleMatch(rule, e.getKey().getFileName().toString()));
            }
        }
        return new Result(jdkModules.reduce(modules), List.copyOf(fired.values()), unreadable);
    }

    /**
     * What one target shows.
     *
     * @param modules    the JDK modules its classes refer to (unreduced), leaving out the JDK classes it holds
     * @param shadows    the JDK classes it holds itself
     * @param rules      the ids of the rules it fires
     * @param requires   the JDK modules its module-info requires (not static), if it is an explicit module
     * @param unreadable why it could not be read, or null
     */
    record TargetScan(Set<String> modules, Set<String> shadows, Set<String> rules, Set<String> requires,
                      String unreadable) {

        static TargetScan unreadable(String reason) {
            return new TargetScan(Set.of(), Set.of(), Set.of(), Set.of(), reason);
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (unreadable != null) {
                lines.add("unreadable " + unreadable.replace('\n', ' '));
            }
            modules.stream().sorted().forEach(m -> lines.add("module " + m));
            shadows.stream().sorted().forEach(c -> lines.add("shadows " + c));
            rules.stream().sorted().forEach(r -> lines.add("rule " + r));
            requires.stream().sorted().forEach(m -> lines.add("requires " + m));
            return lines;
        }

        static TargetScan of(List<String> lines) {
            Set<String> modules = new TreeSet<>();
            Set<String> shadows = new TreeSet<>();
            Set<String> rules = new TreeSet<>();
            Set<String> requires = new TreeSet<>();
            String unreadable = null;
            for (String line : lines) {
                int space = line.indexOf(' ');
                String value = space < 0 ? "" : line.substring(space + 1);
                switch (space < 0 ? line : line.substring(0, space)) {
                    case "module" -> modules.add(value);
                    case "shadows" -> shadows.add(value);
                    case "rule" -> rules.add(value);
                    case "requires" -> requires.add(value);
                    case "unreadable" -> unreadable = value;
                    default -> {
                        return null;
                    }
                }
            }
            return new TargetScan(modules, shadows, rules, requires, unreadable);
        }
    }

    /** A directory's raw findings: its references are looked up once every target's JDK copies are known. */
    private record DirectoryScan(Set<String> references, Set<String> shadows, Set<String> rules,
                                 Set<String> requires, String unreadable) {

        TargetScan resolve(JdkModules jdkModules, Set<String> shadowed) {
            if (unreadable != null) {
                return TargetScan.unreadable(unreadable);
            }
            Set<String> modules = new TreeSet<>();
            for (String c : references) {
                String module = jdkModules.moduleOf(c);
                if (module != null && !shadowed.contains(c)) {
                    modules.add(module);
                }
            }
            return new TargetScan(modules, shadows, rules, requires, null);
        }
    }

    /** Collects what the classes and files of one target show. */
    private final class Findings {
        final Set<String> classes = new HashSet<>();
        final Set<String> resources = new HashSet<>();
        final Set<String> references = new HashSet<>();
        final Set<String> strings = new HashSet<>();
        final Set<String> requires = new TreeSet<>();

        void addClass(String entry, byte[] bytes, String source) throws ClassFileReader.UnreadableClassException {
            ClassFileReader.ClassFile file = ClassFileReader.read(bytes, source);
            classes.add(className(entry));
            references.addAll(file.references());
            strings.addAll(file.strings());
        }

        void addModuleInfo(InputStream in, JdkModules jdkModules) throws IOException {
            ModuleDescriptor descriptor = ModuleInfoReader.read(in);
            for (ModuleDescriptor.Requires r : descriptor.requires()) {
                if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                        && jdkModules.isModule(r.name())) {
                    requires.add(r.name());
                }
            }
        }

        Set<String> shadows(JdkModules jdkModules) {
            Set<String> shadows = new TreeSet<>();
            classes.stream().filter(c -> jdkModules.moduleOf(c) != null).forEach(shadows::add);
            return shadows;
        }

        Set<String> rules() {
            Set<String> fired = new TreeSet<>();
            rules.firing(classes, resources, references, strings).forEach(r -> fired.add(r.id()));
            return fired;
        }
    }

    private DirectoryScan scanDirectory(Path directory, JdkModules jdkModules) throws IOException {
        Findings findings = new Findings();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String entry = directory.relativize(file).toString().replace('\\', '/');
                if (entry.equals("module-info.class")) {
                    try (InputStream in = Files.newInputStream(file)) {
                        findings.addModuleInfo(in, jdkModules);
                    }
                } else if (entry.endsWith(".class") && !entry.endsWith("/module-info.class")) {
                    findings.addClass(entry, Files.readAllBytes(file), file.toString());
                } else {
                    findings.resources.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new DirectoryScan(Set.of(), Set.of(), Set.of(), Set.of(), String.valueOf(e.getMessage()));
        }
        return new DirectoryScan(findings.references, findings.shadows(jdkModules), findings.rules(),
                findings.requires, null);
    }

    private TargetScan scanJar(Jdk jdk, Path jar, JdkModules jdkModules, Path cache) throws IOException {
        Path entry = cache == null ? null : jarEntry(cache, jdk, jar);
        if (entry != null && Files.isRegularFile(entry)) {
            TargetScan cached = TargetScan.of(Files.readAllLines(entry));
            if (cached != null) {
                return cached;
            }
        }
        TargetScan scan = readJar(jdk, jar, jdkModules);
        if (entry != null) {
            Files.createDirectories(entry.getParent());
            Path temp = AtomicFiles.createTemp(entry.getParent(), ".jar-modules-");
            Files.write(temp, scan.lines());
            AtomicFiles.moveIntoPlace(temp, entry);
        }
        return scan;
    }

    /** Reads a jar as the class path of the target JDK's release reads it. */
    private TargetScan readJar(Jdk jdk, Path jar, JdkModules jdkModules) {
        Findings findings = new Findings();
        try (JarFile file = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ,
                Runtime.Version.parse(Integer.toString(jdk.feature())))) {
            for (JarEntry e : file.versionedStream().toList()) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (name.equals("module-info.class")) {
                    try (InputStream in = file.getInputStream(e)) {
                        findings.addModuleInfo(in, jdkModules);
                    }
                } else if (name.endsWith(".class") && !name.endsWith("/module-info.class")) {
                    byte[] bytes;
                    try (InputStream in = file.getInputStream(e)) {
                        bytes = in.readAllBytes();
                    }
                    findings.addClass(name, bytes, jar.getFileName() + "!/" + e.getRealName());
                } else {
                    findings.resources.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return TargetScan.unreadable(String.valueOf(e.getMessage()));
        }
        Set<String> shadows = findings.shadows(jdkModules);
        Set<String> modules = new TreeSet<>();
        for (String c : findings.references) {
            String module = jdkModules.moduleOf(c);
            if (module != null && !shadows.contains(c)) {
                modules.add(module);
            }
        }
        return new TargetScan(modules, shadows, findings.rules(), findings.requires, null);
    }

    /** The class an entry ({@code a/B.class}, {@code META-INF/versions/11/a/B.class}) holds: {@code a/B}. */
    static String className(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length());
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            name = slash < 0 ? name : name.substring(slash + 1);
        }
        return name;
    }

    private Path jarEntry(Path cache, Jdk jdk, Path jar) throws IOException {
        CacheKey key = new CacheKey().with("method", METHOD).with("rules", rules.digest())
                .with("jdk", jdk.identity())
                .with("jar", jar.toAbsolutePath().toString())
                .with("size", Long.toString(Files.size(jar)))
                .with("mtime", Files.getLastModifiedTime(jar).toInstant().toString());
        return cache.resolve("jars").resolve(jar.getFileName() + "-" + key.hex().substring(0, 24) + ".scan");
    }
}
