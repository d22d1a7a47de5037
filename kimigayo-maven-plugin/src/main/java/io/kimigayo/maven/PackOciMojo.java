package io.kimigayo.maven;

import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Packs layers onto a base ({@code scratch}, build-rootfs's output, an OCI layout, an OCI archive or an image in
 * a registry) into an OCI image. Writes
 * {@code target/kimigayo/image/} (OCI layout), {@code image.tar} (docker-archive) and {@code image.digest}, and
 * attaches the docker-archive with classifier {@code image}.
 */
@Mojo(name = "pack-oci", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackOciMojo extends AbstractKimigayoMojo {

    @Component
    private MavenProjectHelper projectHelper;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    /**
     * The base image: {@code scratch}, {@code rootfs} (this build's build-rootfs output), {@code oci:PATH[:TAG]},
     * {@code oci-archive:PATH[:TAG]}, or a registry reference ({@code registry.example/team/base:1.0},
     * {@code ...@sha256:...}).
     */
    @Parameter(property = "kimigayo.from", defaultValue = "scratch")
    private String from;

    /** For a registry base: allow plain HTTP and unverified TLS for registries that are not on loopback. */
    @Parameter(property = "kimigayo.allowInsecureRegistries", defaultValue = "false")
    private boolean allowInsecureRegistries;

    /** For a registry base: a PEM file of CA certificates to trust, in addition to the JVM's. */
    @Parameter(property = "kimigayo.caCertificate")
    private File caCertificate;

    /** For a registry base: the settings.xml server with its credentials; default the server whose id is the registry. */
    @Parameter(property = "kimigayo.serverId")
    private String serverId;

    /** The cache; blobs pulled from registries are kept under {@code blobs/}. */
    @Parameter(property = "kimigayo.cacheDirectory", defaultValue = "${user.home}/.cache/kimigayo")
    private File cacheDirectory;

    /** The layers to add, bottom first. */
    @Parameter
    private List<LayerParameter> layers;

    /** The program to run and its first arguments; replaces the base's entrypoint and command. */
    @Parameter(property = "kimigayo.entrypoint")
    private List<String> entrypoint;

    /** Default arguments for the entrypoint. */
    @Parameter(property = "kimigayo.cmd")
    private List<String> cmd;

    /** Environment variables, merged over the base's. (No user property.) */
    @Parameter
    private Map<String, String> environment;

    /** The working directory of the container. */
    @Parameter(property = "kimigayo.workingDirectory")
    private String workingDirectory;

    /** The user (and group) to run as, by name or number, e.g. {@code 65532:65532}. */
    @Parameter(property = "kimigayo.user")
    private String user;

    /** Exposed ports: {@code 8080}, {@code 8080/tcp}, {@code 53/udp}. */
    @Parameter(property = "kimigayo.ports")
    private List<String> ports;

    /** Image config labels. (No user property.) */
    @Parameter
    private Map<String, String> labels;

    /** Manifest annotations. (No user property.) */
    @Parameter
    private Map<String, String> annotations;

    /** The image name and tag; default the artifactId (lower case) and version. */
    @Parameter(property = "kimigayo.image")
    private String image;

    /** More tags for the same image. */
    @Parameter(property = "kimigayo.tags")
    private List<String> tags;

    /** What to write: {@code oci-layout}, {@code oci-archive}, {@code docker-archive}. */
    @Parameter(property = "kimigayo.formats", defaultValue = "oci-layout,docker-archive")
    private List<String> formats;

    /** The platform to build for, {@code linux/amd64} or {@code linux/arm64}; default the host's. One for now. */
    @Parameter(property = "kimigayo.platforms")
    private List<String> platforms;

    @Override
    protected String goal() {
        return "pack-oci";
    }

    @Override
    protected void run() throws IOException {
        PackRequest request = new PackParameters(from, layers, entrypoint, cmd, environment, workingDirectory, user,
                ports, labels, annotations, image, tags, formats, platforms, outputDirectory)
                .toRequest(project, timestamp(), RegistryParameters.access(settings, decrypter, serverId,
                        allowInsecureRegistries, caCertificate, cacheDirectory.toPath().resolve("blobs"), getLog()));
        report(request, new ImagePacker().pack(request));
    }

    private void report(PackRequest request, PackResult result) {
        getLog().info("Image " + request.image().name() + " " + result.tags() + " for " + request.platform()
                + " (timestamp " + request.timestamp().instant() + " from " + request.timestamp().source() + ")");
        getLog().info("Layers: " + result.layerCount() + " (" + result.addedLayers() + " added), "
                + result.compressedSize() + " bytes compressed, " + result.uncompressedSize() + " uncompressed");
        for (Path output : result.outputs()) {
            getLog().info("Wrote " + output);
            if (output.getFileName().toString().equals(OutputFormat.DOCKER_ARCHIVE.fileName())) {
                projectHelper.attachArtifact(project, "tar", "image", output.toFile());
            }
        }
        getLog().info("Digest: " + result.manifestDigest());
    }
}
