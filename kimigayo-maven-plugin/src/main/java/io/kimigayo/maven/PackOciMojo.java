package io.kimigayo.maven;

import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.PlatformImage;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Packs layers onto a base ({@code scratch}, build-rootfs's output, an OCI layout, an OCI archive or an image in
 * a registry) into an OCI image. Writes
 * {@code target/kimigayo/image/} (OCI layout), {@code image.tar} (docker-archive) and {@code image.digest}, and
 * attaches the docker-archive with classifier {@code image}.
 */
@Mojo(name = "pack-oci", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackOciMojo extends AbstractImageMojo {

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * The base image: {@code scratch}, {@code rootfs} (this build's build-rootfs output), {@code oci:PATH[:TAG]},
     * {@code oci-archive:PATH[:TAG]}, or a registry reference ({@code registry.example/team/base:1.0},
     * {@code ...@sha256:...}).
     */
    @Parameter(property = "kimigayo.from", defaultValue = "scratch")
    private String from;

    /** The program to run and its first arguments; replaces the base's entrypoint and command. */
    @Parameter(property = "kimigayo.entrypoint")
    private List<String> entrypoint;

    /** Default arguments for the entrypoint. */
    @Parameter(property = "kimigayo.cmd")
    private List<String> cmd;

    /** The user (and group) to run as, by name or number, e.g. {@code 65532:65532}. */
    @Parameter(property = "kimigayo.user")
    private String user;

    @Override
    protected String goal() {
        return "pack-oci";
    }

    @Override
    protected void run() throws IOException {
        PackRequest request = packParameters(from, entrypoint, cmd, user).toRequest(project, timestamp(),
                registryAccess(cacheDirectory.toPath().resolve("blobs")));
        report(request, new ImagePacker().pack(request));
    }

    private void report(PackRequest request, PackResult result) {
        getLog().info("Image " + request.image().name() + " " + result.tags() + " for "
                + String.join(", ", request.platforms().stream().map(Object::toString).toList())
                + " (timestamp " + request.timestamp().instant() + " from " + request.timestamp().source() + ")");
        for (PlatformImage image : result.images()) {
            getLog().info((result.isIndex() ? image.platform() + ": " + image.manifestDigest() + ", " : "")
                    + "Layers: " + image.layerCount() + " (" + result.addedLayers() + " added), "
                    + image.compressedSize() + " bytes compressed, " + image.uncompressedSize() + " uncompressed");
        }
        for (Path output : result.outputs()) {
            getLog().info("Wrote " + output);
            if (output.getFileName().toString().equals(OutputFormat.DOCKER_ARCHIVE.fileName())) {
                projectHelper.attachArtifact(project, "tar", "image", output.toFile());
            }
        }
        if (result.isIndex() && result.dockerArchivePlatform() != null) {
            getLog().info(OutputFormat.DOCKER_ARCHIVE.fileName() + " holds " + result.dockerArchivePlatform()
                    + " only (a docker-archive has no index)");
        }
        result.platformTags().forEach((tag, digest) -> getLog().info("Tag " + tag + ": " + digest
                + " (one platform's manifest)"));
        getLog().info((result.isIndex() ? "Index digest: " : "Digest: ") + result.manifestDigest());
    }
}
