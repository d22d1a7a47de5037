package io.kimigayo.maven;

import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * The image parameters of the goals that pack an image (pack-oci, build): its layers, its container settings other
 * than what runs, and its names and formats. What runs (entrypoint, cmd, user) differs: pack-oci takes it as given,
 * build derives it from the application.
 */
abstract class AbstractImageMojo extends AbstractRegistryMojo {

    /**
     * The cache: blobs pulled from registries are kept under {@code blobs/}; build also keeps its sources, compiled
     * components and Java runtimes there.
     */
    @Parameter(property = "kimigayo.cacheDirectory", defaultValue = "${user.home}/.cache/kimigayo")
    protected File cacheDirectory;

    /** Layers added on top, bottom first (directory, target, includes, excludes, modes, owner). */
    @Parameter
    protected List<LayerParameter> layers;

    /** Environment variables, merged over the base's. (No user property.) */
    @Parameter
    protected Map<String, String> environment;

    /** The working directory of the container. */
    @Parameter(property = "kimigayo.workingDirectory")
    protected String workingDirectory;

    /** Exposed ports: {@code 8080}, {@code 8080/tcp}, {@code 53/udp}. */
    @Parameter(property = "kimigayo.ports")
    protected List<String> ports;

    /** Image config labels, merged over the base's. (No user property.) */
    @Parameter
    protected Map<String, String> labels;

    /** Manifest annotations. (No user property.) */
    @Parameter
    protected Map<String, String> annotations;

    /** The image name and tag; default the artifactId (lower case) and version. */
    @Parameter(property = "kimigayo.image")
    protected String image;

    /** More tags for the same image. */
    @Parameter(property = "kimigayo.tags")
    protected List<String> tags;

    /** What to write: {@code oci-layout}, {@code oci-archive}, {@code docker-archive}. */
    @Parameter(property = "kimigayo.formats", defaultValue = "oci-layout,docker-archive")
    protected List<String> formats;

    /**
     * The platforms to build for, {@code linux/amd64} and/or {@code linux/arm64}; default the host's (build-rootfs:
     * the machine of {@code arch}). Several give one rootfs per machine ({@code rootfs/<arch>/}) and one OCI image
     * index of one image per platform.
     */
    @Parameter(property = "kimigayo.platforms")
    protected List<String> platforms;

    /**
     * {@code kimigayo-os} gives the image the Kimigayo OS tags besides {@code image} and {@code tags}, from the
     * version and variant of the rootfs it is built on (build-rootfs's {@code osVersion} and {@code variant}):
     * {@code <version>}, {@code latest} and {@code stable} (standard), {@code <version>-<variant>} and
     * {@code latest-<variant>} (other variants) name the image (the index when there are several platforms);
     * {@code <version>[-<variant>]-amd64} and {@code -arm64} name each platform's manifest; a {@code -SNAPSHOT}
     * version gets only {@code edge} ({@code edge-<variant>}). push pushes them all. Default {@code none}.
     */
    @Parameter(property = "kimigayo.tagScheme", defaultValue = "none")
    protected String tagScheme;

    /**
     * The pack parameters of an image whose program (entrypoint, cmd, user) the library sets itself, as for an
     * application.
     */
    protected PackParameters packParametersOfOwnProgram(String from) {
        return packParameters(from, null, null, null);
    }

    /** The pack parameters with what runs as the goal decides it. */
    protected PackParameters packParameters(String from, List<String> entrypoint, List<String> cmd, String user) {
        return new PackParameters(from, layers, entrypoint, cmd, environment, workingDirectory, user, ports, labels,
                annotations, image, tags, formats, platforms, tagScheme, outputDirectory);
    }
}
