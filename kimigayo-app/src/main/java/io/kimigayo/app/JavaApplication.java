package io.kimigayo.app;

import io.kimigayo.app.spring.SpringBootPackaging;

import java.nio.file.Path;
import java.util.List;

/**
 * The Java application an image runs: its code, its dependencies and how it is started.
 *
 * @param classes            the compiled classes and resources ({@code target/classes})
 * @param applicationJar     the project's jar (its manifest may name the main class; a Spring Boot jar holds the
 *                           class path order), or null when it was not built
 * @param dependencies       runtime dependencies, in the build's order
 * @param mainClass          the configured main class, or null to find it
 * @param jarManifestMain    the main class configured for the jar's manifest, or null
 * @param jvmFlags           options for the JVM
 * @param args               default program arguments (the image's cmd)
 * @param user               the user the application runs as
 * @param springBoot         what Spring Boot's repackage would leave out (applied to every application: it names
 *                           only Spring Boot's artifacts unless the build configures more)
 */
public record JavaApplication(Path classes, Path applicationJar, List<Dependency> dependencies, String mainClass,
                              String jarManifestMain, List<String> jvmFlags, List<String> args, String user,
                              SpringBootPackaging springBoot) {

    /** The user an application runs as unless told otherwise: nonroot. */
    public static final String DEFAULT_USER = "65532:65532";

    public JavaApplication {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        jvmFlags = entries(jvmFlags, "jvmFlags", "flag");
        args = entries(args, "args", "argument");
        user = user == null || user.isBlank() ? DEFAULT_USER : user.trim();
        springBoot = springBoot == null ? SpringBootPackaging.defaults() : springBoot;
    }

    /** A copy of a list, refusing an empty entry with a message naming the setting and the entry's position. */
    private static List<String> entries(List<String> list, String setting, String kind) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null || (kind.equals("flag") && list.get(i).isBlank())) {
                throw new IllegalArgumentException(setting + ": " + kind + " " + (i + 1) + " of " + list.size()
                        + " is empty; remove it, or give it a value");
            }
        }
        return List.copyOf(list);
    }
}
