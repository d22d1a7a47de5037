package io.kimigayo.app;

import io.kimigayo.app.startup.StartupCheck;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.signing.SignRequest;

import java.util.List;
import java.util.Map;

/**
 * Everything {@link ApplicationImageBuilder} needs for a Java application image.
 *
 * @param rootfs       how to build the base Kimigayo OS: one request per platform of {@code pack}, in its order
 * @param pack         the image to write (name, tags, formats, platform, timestamp, output, extra layers and
 *                     container settings); its entrypoint is filled in for the application
 * @param application  the application: classes, dependencies, main class, flags, arguments, user
 * @param runtime      how the Java runtime is made
 * @param startupCheck how to check that the image's application starts, or null to leave it unchecked
 * @param sign         how to sign the image, or null to leave it unsigned
 * @param push         where to push the image (after signing, with its signatures), or null
 */
public record ApplicationRequest(List<RootfsRequest> rootfs, PackRequest pack, JavaApplication application,
                                 RuntimeSettings runtime, StartupCheck startupCheck, SignRequest sign,
                                 PushRequest push) {

    public ApplicationRequest {
        if (rootfs == null || rootfs.isEmpty()) {
            throw new IllegalArgumentException("an application image needs a rootfs to build; none was given");
        }
        rootfs = List.copyOf(rootfs);
    }

    /** A request for one platform. */
    public ApplicationRequest(RootfsRequest rootfs, PackRequest pack, JavaApplication application,
                              RuntimeSettings runtime, StartupCheck startupCheck, SignRequest sign, PushRequest push) {
        this(List.of(rootfs), pack, application, runtime, startupCheck, sign, push);
    }

    /** Where the runtime goes in the image. */
    public static final String JAVA_HOME = "/opt/java";

    static Map<String, String> javaEnvironment() {
        return Map.of("JAVA_HOME", JAVA_HOME,
                "PATH", JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
