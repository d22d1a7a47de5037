package io.kimigayo.app;

import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.signing.SignRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link ApplicationImageBuilder} needs for a Java application image.
 *
 * @param rootfs           how to build the base Kimigayo OS
 * @param pack             the image to write (name, tags, formats, platform, timestamp, output, extra layers and
 *                         container settings); its entrypoint is filled in for the application
 * @param jdk              the JDK the runtime is made from
 * @param modules          JDK modules for the runtime, or empty to find them with jdeps
 * @param classes          the compiled classes and resources ({@code target/classes})
 * @param applicationJar   the project's jar (for the main class in its manifest), or null
 * @param dependencies     runtime dependencies
 * @param mainClass        the main class, or null for the jar manifest's
 * @param jvmFlags         options for the JVM
 * @param args             default program arguments (the image's cmd)
 * @param user             the user the application runs as
 * @param sign             how to sign the image, or null to leave it unsigned
 * @param push             where to push the image (after signing, with its signatures), or null
 */
public record ApplicationRequest(RootfsRequest rootfs, PackRequest pack, Path jdk, List<String> modules,
                                 Path classes, Path applicationJar, List<Dependency> dependencies, String mainClass,
                                 List<String> jvmFlags, List<String> args, String user, SignRequest sign,
                                 PushRequest push) {

    /** Where the runtime goes in the image. */
    public static final String JAVA_HOME = "/opt/java";

    public ApplicationRequest {
        modules = modules == null ? List.of() : List.copyOf(modules);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        jvmFlags = jvmFlags == null ? List.of() : List.copyOf(jvmFlags);
        args = args == null ? List.of() : List.copyOf(args);
        user = user == null || user.isBlank() ? "65532:65532" : user;
    }

    static Map<String, String> javaEnvironment() {
        return Map.of("JAVA_HOME", JAVA_HOME,
                "PATH", JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
