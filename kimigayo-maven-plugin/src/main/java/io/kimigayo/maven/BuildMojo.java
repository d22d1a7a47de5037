package io.kimigayo.maven;

import io.kimigayo.app.ApplicationImageBuilder;
import io.kimigayo.app.ApplicationRequest;
import io.kimigayo.app.ApplicationResult;
import io.kimigayo.app.Dependency;
import io.kimigayo.oci.pack.ImageReference;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.oci.time.BuildTimestamp;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.signing.SignRequest;
import io.kimigayo.signing.SignatureFormat;
import io.kimigayo.signing.key.KeyPassword;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole chain for a Java application project, as {@code mvn package kimigayo:build}: the Kimigayo OS rootfs,
 * a jlink'd Java runtime with exactly the native libraries it needs, Jib-style layers (dependencies, snapshot
 * dependencies, resources, classes, extra layers), pack, sign when {@code key} is set, and push (with the
 * signatures) when {@code to} is set.
 */
@Mojo(name = "build", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BuildMojo extends AbstractRootfsMojo {

    // ---- the Java application ----
    /** The JDK the runtime is made from; default the JDK running Maven. */
    @Parameter(property = "kimigayo.jdk", defaultValue = "${java.home}")
    private File jdk;
    /** JDK modules for the runtime; default what jdeps finds in the application and its dependencies. */
    @Parameter(property = "kimigayo.modules")
    private List<String> modules;
    /** The main class; default the Main-Class of the project jar's manifest. */
    @Parameter(property = "kimigayo.mainClass")
    private String mainClass;
    /** JVM options in the entrypoint. */
    @Parameter(property = "kimigayo.jvmFlags")
    private List<String> jvmFlags;
    /** Default program arguments (the image's cmd). */
    @Parameter(property = "kimigayo.args")
    private List<String> args;
    /** The user the application runs as; default nonroot. */
    @Parameter(property = "kimigayo.user", defaultValue = "65532:65532")
    private String user;

    // ---- the image (as pack-oci) ----
    @Parameter
    private List<LayerParameter> layers;
    @Parameter
    private Map<String, String> environment;
    @Parameter(property = "kimigayo.workingDirectory")
    private String workingDirectory;
    @Parameter(property = "kimigayo.ports")
    private List<String> ports;
    @Parameter
    private Map<String, String> labels;
    @Parameter
    private Map<String, String> annotations;
    @Parameter(property = "kimigayo.image")
    private String image;
    @Parameter(property = "kimigayo.tags")
    private List<String> tags;
    @Parameter(property = "kimigayo.formats", defaultValue = "oci-layout,docker-archive")
    private List<String> formats;
    @Parameter(property = "kimigayo.platforms")
    private List<String> platforms;

    // ---- pushing (as push) ----
    /** Where to push the image (registry/repository[:tag]); when set, the image is pushed with its signatures. */
    @Parameter(property = "kimigayo.to")
    private String to;
    /** Allow plain HTTP and unverified TLS for registries that are not on loopback. */
    @Parameter(property = "kimigayo.allowInsecureRegistries", defaultValue = "false")
    private boolean allowInsecureRegistries;
    /** A PEM file of CA certificates to trust for the registry, in addition to the JVM's. */
    @Parameter(property = "kimigayo.caCertificate")
    private File caCertificate;
    /** The settings.xml server holding the registry's credentials; default the server whose id is the registry. */
    @Parameter(property = "kimigayo.serverId")
    private String serverId;
    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;
    @Component
    private SettingsDecrypter decrypter;

    // ---- signing (as sign) ----
    /** A cosign private key: when set, the image is signed. */
    @Parameter(property = "kimigayo.key")
    private File key;
    @Parameter(property = "kimigayo.identity")
    private String identity;
    @Parameter
    private Map<String, String> signatureAnnotations;

    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected void run() throws IOException {
        ApplicationResult result;
        try (KeyPassword password = KeyPassword.find(null, System.getenv())
                .orElseGet(() -> KeyPassword.of(new char[0], "none"))) {
            result = new ApplicationImageBuilder().build(request(password));
        }
        report(result);
    }

    private ApplicationRequest request(KeyPassword password) {
        BuildTimestamp timestamp = timestamp();
        RootfsRequest rootfs = rootfsParameters().toRequest(timestamp.instant(), line -> getLog().info(line));
        PackRequest pack = new PackParameters("rootfs", layers, null, null, environment, workingDirectory, null,
                ports, labels, annotations, image, tags, formats, platforms, outputDirectory)
                .toRequest(project, timestamp, null);
        List<Dependency> dependencies = project.getArtifacts().stream()
                .filter(a -> a.getFile() != null && a.getFile().getName().endsWith(".jar"))
                .map(a -> new Dependency(a.getFile().toPath(), a.getGroupId(), a.isSnapshot()))
                .toList();
        Artifact artifact = project.getArtifact();
        Path jar = artifact != null && artifact.getFile() != null ? artifact.getFile().toPath() : null;
        SignRequest sign = null;
        if (key != null) {
            ImageReference reference = pack.image();
            sign = new SignRequest(outputDirectory.toPath().resolve("image"), reference.tag(),
                    identity != null && !identity.isBlank() ? identity.trim() : reference.repository(),
                    SignatureFormat.COSIGN, key.toPath(), password.chars(), null, null, timestamp.instant(),
                    signatureAnnotations);
        }
        PushRequest push = to == null || to.isBlank() ? null
                : PushRequest.to(to, outputDirectory.toPath().resolve("image"), pack.image().tag(), tags,
                        RegistryParameters.access(settings, decrypter, serverId, allowInsecureRegistries,
                                caCertificate, null, getLog()));
        return new ApplicationRequest(rootfs, pack, jdk.toPath(), modules,
                Path.of(project.getBuild().getOutputDirectory()), jar, dependencies, mainClass, jvmFlags, args, user,
                sign, push);
    }

    private void report(ApplicationResult result) {
        getLog().info("Java runtime " + result.javaVersion() + " " + result.modules() + ", "
                + result.nativeLibraries().size() + " native libraries; main class " + result.mainClass());
        getLog().info("Image " + ProjectImage.of(image, project).repository() + " " + result.image().tags() + ": "
                + result.image().layerCount() + " layers, " + result.image().compressedSize() + " bytes compressed, "
                + result.image().uncompressedSize() + " uncompressed");
        result.image().outputs().forEach(o -> getLog().info("Wrote " + o));
        if (result.signature() != null) {
            getLog().info("Signed: " + result.signature().location());
        }
        if (result.push() != null) {
            for (String tag : result.push().tags()) {
                getLog().info("Pushed " + result.push().reference().name() + ":" + tag + "@" + result.push().digest());
            }
        }
        getLog().info("Digest: " + result.image().manifestDigest());
    }
}
