package io.kimigayo.app.java;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds the class the image runs, the way a user would expect from the build (as Jib infers it, and as Spring Boot
 * records it), trying in this order:
 * <ol>
 *   <li>the configured main class;</li>
 *   <li>{@code Start-Class} in the application jar's manifest: the application's class in a jar that Spring Boot's
 *       {@code repackage} rewrote (its {@code Main-Class} is Spring Boot's launcher, which needs the nested jar
 *       layout);</li>
 *   <li>the main class configured for the jar's manifest (maven-jar-plugin's {@code <archive><manifest><mainClass>}),
 *       given by the caller;</li>
 *   <li>{@code Main-Class} in the application jar's manifest, unless it is Spring Boot's launcher (a shaded jar's
 *       main class, for example);</li>
 *   <li>the main class in the classes directory's {@code module-info} ({@code jar --main-class});</li>
 *   <li>the one class in the classes directory with {@code public static void main(String[])}: none or several
 *       is an error, listing them.</li>
 * </ol>
 */
public final class MainClassResolver {

    /** The package of Spring Boot's launchers ({@code JarLauncher}, {@code WarLauncher}, {@code PropertiesLauncher}). */
    static final String SPRING_BOOT_LOADER = "org.springframework.boot.loader.";

    /**
     * The chosen class and the rule that chose it.
     *
     * @param name   the class, such as {@code com.example.Application}
     * @param reason which rule chose it, for the build log
     */
    public record MainClass(String name, String reason) {
    }

    /** No main class could be chosen: none was found, or several were. */
    public static final class MainClassException extends IllegalArgumentException {
        private final List<String> candidates;

        MainClassException(String message, List<String> candidates) {
            super(message);
            this.candidates = List.copyOf(candidates);
        }

        /** The classes with a main method, when there were several. */
        public List<String> candidates() {
            return candidates;
        }
    }

    /**
     * @param configured         the configured main class, or null
     * @param applicationJar     the project's jar, or null when it was not built
     * @param jarManifestSetting the main class configured for the jar's manifest, or null
     * @param classes            the classes directory (need not exist)
     */
    public MainClass resolve(String configured, Path applicationJar, String jarManifestSetting, Path classes)
            throws IOException {
        if (configured != null && !configured.isBlank()) {
            return new MainClass(checked(configured.trim(), "the configured main class"), "configured");
        }
        Manifest manifest = manifest(applicationJar);
        String jarName = applicationJar == null ? null : applicationJar.getFileName().toString();
        String startClass = attribute(manifest, "Start-Class");
        if (startClass != null) {
            return new MainClass(checked(startClass, "Start-Class in " + jarName), "Start-Class in " + jarName
                    + "'s manifest (Spring Boot)");
        }
        if (jarManifestSetting != null && !jarManifestSetting.isBlank()) {
            return new MainClass(checked(jarManifestSetting.trim(), "the jar manifest's configured main class"),
                    "the main class configured for the jar's manifest");
        }
        String mainClass = attribute(manifest, "Main-Class");
        if (mainClass != null && !mainClass.startsWith(SPRING_BOOT_LOADER)) {
            return new MainClass(checked(mainClass, "Main-Class in " + jarName), "Main-Class in " + jarName
                    + "'s manifest");
        }
        Optional<String> moduleMain = moduleMainClass(classes);
        if (moduleMain.isPresent()) {
            return new MainClass(moduleMain.get(), "the main class of " + classes.getFileName() + "/module-info");
        }
        List<String> found = classesWithMain(classes);
        if (found.size() == 1) {
            return new MainClass(found.get(0), "the only class with public static void main in "
                    + classes.getFileName());
        }
        if (found.isEmpty()) {
            throw new MainClassException("no main class: no class in " + classes + " has public static void "
                    + "main(String[])" + (mainClass != null ? ", and " + jarName + "'s Main-Class " + mainClass
                    + " is Spring Boot's launcher, without a Start-Class" : "") + "; name the class to run", found);
        }
        throw new MainClassException("several classes in " + classes + " have public static void main(String[]): "
                + String.join(", ", found) + "; name the one to run", found);
    }

    /** Fails on a name that cannot be a class name (a path, a file name, spaces), naming where it came from. */
    private static String checked(String name, String where) {
        if (!name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
            throw new MainClassException(where + " '" + name + "' is not a class name such as com.example.Main",
                    List.of());
        }
        return name;
    }

    private static Manifest manifest(Path jar) throws IOException {
        if (jar == null || !Files.isRegularFile(jar)) {
            return null;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    private static String attribute(Manifest manifest, String name) {
        if (manifest == null) {
            return null;
        }
        String value = manifest.getMainAttributes().getValue(new Attributes.Name(name));
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Optional<String> moduleMainClass(Path classes) throws IOException {
        Path info = classes.resolve("module-info.class");
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(info)) {
            return ModuleInfoReader.read(in).mainClass();
        }
    }

    /** The classes of a directory that declare {@code public static void main(String[])}, sorted. */
    static List<String> classesWithMain(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p)).sorted()
                    .toList()) {
                String entry = classes.relativize(file).toString().replace('\\', '/');
                if (entry.startsWith("META-INF/") || entry.endsWith("module-info.class")) {
                    continue;
                }
                ClassFileReader.ClassFile c = ClassFileReader.read(Files.readAllBytes(file), file.toString());
                if (c.mainMethod()) {
                    found.add(c.name().replace('/', '.'));
                }
            }
        }
        return found.stream().sorted().toList();
    }
}
