package io.kimigayo.oci.pack;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.rootfs.tree.DirectoryImport;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything {@link ImagePacker} needs to pack an image.
 *
 * @param from            the base: {@code scratch}, {@code rootfs} (build-rootfs's output in the output
 *                        directory), {@code oci:PATH[:TAG]}, {@code oci-archive:PATH[:TAG]} or a registry reference
 * @param baseDirectory   relative paths in {@code from} are resolved against it (the project directory)
 * @param layers          the layers to add, bottom first; each becomes one layer unless it selects nothing
 * @param settings        entrypoint, environment and the rest of the container defaults
 * @param image           the image's name and main tag
 * @param extraTags       more tags for the same image
 * @param formats         what to write
 * @param platform        the image's platform
 * @param timestamp       the build timestamp, for every mtime and for {@code created}
 * @param outputDirectory where the outputs go ({@code target/kimigayo})
 * @param treeLayers      layers given as trees, added after the base and before {@code layers}
 * @param layerCache      where compressed tree layers with a cache key are kept between builds, or null
 * @param registry        how to reach the registry of a base named by a registry reference
 */
public record PackRequest(String from, Path baseDirectory, List<DirectoryImport> layers, ContainerSettings settings,
                          ImageReference image, List<String> extraTags, Set<OutputFormat> formats,
                          Platform platform, BuildTimestamp timestamp, Path outputDirectory,
                          List<TreeLayer> treeLayers, Path layerCache, RegistryAccess registry) {

    /**
     * A request with directory layers only, whose registry base (if any) is reached with the docker config of this
     * process's environment.
     */
    public PackRequest(String from, Path baseDirectory, List<DirectoryImport> layers, ContainerSettings settings,
                       ImageReference image, List<String> extraTags, Set<OutputFormat> formats, Platform platform,
                       BuildTimestamp timestamp, Path outputDirectory) {
        this(from, baseDirectory, layers, settings, image, extraTags, formats, platform, timestamp, outputDirectory,
                List.of(), null, null);
    }

    public PackRequest {
        treeLayers = treeLayers == null ? List.of() : List.copyOf(treeLayers);
        from = from == null || from.isBlank() ? "scratch" : from.trim();
        layers = layers == null ? List.of() : List.copyOf(layers);
        settings = settings == null ? ContainerSettings.NONE : settings;
        if (extraTags != null) {
            for (int i = 0; i < extraTags.size(); i++) {
                if (extraTags.get(i) == null || extraTags.get(i).isBlank()) {
                    throw new IllegalArgumentException("tags: tag " + (i + 1) + " of " + extraTags.size()
                            + " is empty; remove it, or give it a value");
                }
            }
        }
        extraTags = extraTags == null ? List.of() : List.copyOf(extraTags);
        formats = formats == null || formats.isEmpty()
                ? EnumSet.of(OutputFormat.OCI_LAYOUT, OutputFormat.DOCKER_ARCHIVE) : EnumSet.copyOf(formats);
        registry = registry == null ? RegistryAccess.of(System.getenv()) : registry;
    }

    /** The main tag followed by the extra tags, without repeats. */
    public List<String> allTags() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(image.tag()), extraTags.stream())
                .distinct()
                .peek(t -> ImageReference.checkTag(t, "tags"))
                .toList();
    }
}
