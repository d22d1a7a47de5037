package io.kimigayo.oci.pack;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.sbom.SbomContent;
import io.kimigayo.rootfs.tree.DirectoryImport;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param platforms       the image's platforms, at least one: one gives an image manifest; several give an image
 *                        index with one image per platform, in this order
 * @param timestamp       the build timestamp, for every mtime and for {@code created}
 * @param outputDirectory where the outputs go ({@code target/kimigayo})
 * @param treeLayers      layers given as trees, added after the base and before {@code layers}
 * @param platformLayers  layers given as trees for one platform only (a Java runtime of that machine), by platform;
 *                        added after the base and before {@code treeLayers}
 * @param layerCache      where compressed tree layers with a cache key are kept between builds, or null
 * @param registry        how to reach the registry of a base named by a registry reference
 * @param tagScheme       the tags the image gets from its version, variant and platforms besides {@code image}'s
 *                        and {@code extraTags} (a scheme other than {@link TagScheme#NONE} needs {@code from=rootfs},
 *                        whose {@code rootfs.json} gives the version and variant)
 * @param sbomContent     what the SBOM of each platform's image says about the added layers beyond their files (a
 *                        Java runtime, Maven dependencies), by platform; an image on {@code from=rootfs} always gets
 *                        SBOMs ({@link io.kimigayo.oci.sbom.ImageSbom}), other bases none
 * @see #builder(ImageReference, Platform, BuildTimestamp, Path)
 */
public record PackRequest(String from, Path baseDirectory, List<DirectoryImport> layers, ContainerSettings settings,
                          ImageReference image, List<String> extraTags, Set<OutputFormat> formats,
                          List<Platform> platforms, BuildTimestamp timestamp, Path outputDirectory,
                          List<TreeLayer> treeLayers, Map<Platform, List<TreeLayer>> platformLayers,
                          Path layerCache, RegistryAccess registry, TagScheme tagScheme,
                          Map<Platform, SbomContent> sbomContent) {

    public PackRequest {
        if (platforms == null || platforms.isEmpty()) {
            throw new IllegalArgumentException("an image needs a platform; none was given");
        }
        platforms = List.copyOf(platforms);
        for (int i = 0; i < platforms.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (platforms.get(j).matches(platforms.get(i))) {
                    throw new IllegalArgumentException("platforms: " + platforms.get(j) + " and " + platforms.get(i)
                            + " are the same platform; name each platform once");
                }
            }
        }
        treeLayers = treeLayers == null ? List.of() : List.copyOf(treeLayers);
        Map<Platform, List<TreeLayer>> perPlatform = new LinkedHashMap<>();
        if (platformLayers != null) {
            for (Map.Entry<Platform, List<TreeLayer>> e : platformLayers.entrySet()) {
                if (!platforms.contains(e.getKey())) {
                    throw new IllegalArgumentException("layers are given for " + e.getKey() + ", which is not one of "
                            + "the platforms " + platforms);
                }
                perPlatform.put(e.getKey(), List.copyOf(e.getValue()));
            }
        }
        platformLayers = Collections.unmodifiableMap(perPlatform);
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
        tagScheme = tagScheme == null ? TagScheme.NONE : tagScheme;
        sbomContent = sbomContent == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sbomContent));
    }

    /** What the SBOM of {@code platform}'s image says about the added layers, {@link SbomContent#NONE} if nothing. */
    public SbomContent sbomContentOf(Platform platform) {
        return sbomContent.getOrDefault(platform, SbomContent.NONE);
    }

    /**
     * A request for {@code image} on {@code platform}, written to {@code outputDirectory}; everything else has its
     * default until set: a {@code scratch} base, no layers, no container settings, no extra tags, an OCI layout and
     * a docker archive, no layer cache, and the docker config of this process's environment for a registry base.
     */
    public static Builder builder(ImageReference image, Platform platform, BuildTimestamp timestamp,
                                  Path outputDirectory) {
        return new Builder(image, platform, timestamp, outputDirectory);
    }

    /** A builder holding this request's values, to build a changed copy. */
    public Builder toBuilder() {
        return new Builder(image, platforms.get(0), timestamp, outputDirectory).platforms(platforms).from(from)
                .baseDirectory(baseDirectory).layers(layers).settings(settings).extraTags(extraTags).formats(formats)
                .treeLayers(treeLayers).platformLayers(platformLayers).layerCache(layerCache).registry(registry)
                .tagScheme(tagScheme).sbomContent(sbomContent);
    }

    /**
     * The platform of a single-platform request.
     *
     * @throws IllegalStateException when the request is for several platforms
     */
    public Platform platform() {
        if (platforms.size() != 1) {
            throw new IllegalStateException("the request is for " + platforms.size() + " platforms " + platforms
                    + ", not one");
        }
        return platforms.get(0);
    }

    /** The layers of one platform only ({@link #platformLayers()}), empty when it has none. */
    public List<TreeLayer> layersOf(Platform platform) {
        return platformLayers.getOrDefault(platform, List.of());
    }

    /** Whether the request is for several platforms, and so for an image index. */
    public boolean isMultiPlatform() {
        return platforms.size() > 1;
    }

    /** The main tag followed by the extra tags, without repeats. */
    public List<String> allTags() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(image.tag()), extraTags.stream())
                .distinct()
                .peek(t -> ImageReference.checkTag(t, "tags"))
                .toList();
    }

    /**
     * Builds a {@link PackRequest}. Values left unset are null, and the record's constructor gives them their
     * defaults.
     */
    public static final class Builder {
        private final ImageReference image;
        private List<Platform> platforms;
        private final BuildTimestamp timestamp;
        private final Path outputDirectory;
        private String from;
        private Path baseDirectory;
        private List<DirectoryImport> layers;
        private ContainerSettings settings;
        private List<String> extraTags;
        private Set<OutputFormat> formats;
        private List<TreeLayer> treeLayers;
        private Map<Platform, List<TreeLayer>> platformLayers;
        private Path layerCache;
        private RegistryAccess registry;
        private TagScheme tagScheme;
        private Map<Platform, SbomContent> sbomContent;

        private Builder(ImageReference image, Platform platform, BuildTimestamp timestamp, Path outputDirectory) {
            this.image = image;
            this.platforms = platform == null ? null : List.of(platform);
            this.timestamp = timestamp;
            this.outputDirectory = outputDirectory;
        }

        /** See {@link PackRequest#platforms()}; replaces the platform the builder was made with. */
        public Builder platforms(List<Platform> platforms) {
            this.platforms = platforms;
            return this;
        }

        /** See {@link PackRequest#from()}; blank for {@code scratch}. */
        public Builder from(String from) {
            this.from = from;
            return this;
        }

        /** See {@link PackRequest#baseDirectory()}. */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /** See {@link PackRequest#layers()}. */
        public Builder layers(List<DirectoryImport> layers) {
            this.layers = layers;
            return this;
        }

        /** See {@link PackRequest#settings()}. */
        public Builder settings(ContainerSettings settings) {
            this.settings = settings;
            return this;
        }

        /** See {@link PackRequest#extraTags()}. */
        public Builder extraTags(List<String> extraTags) {
            this.extraTags = extraTags;
            return this;
        }

        /** See {@link PackRequest#formats()}; empty for an OCI layout and a docker archive. */
        public Builder formats(Set<OutputFormat> formats) {
            this.formats = formats;
            return this;
        }

        /** See {@link PackRequest#treeLayers()}. */
        public Builder treeLayers(List<TreeLayer> treeLayers) {
            this.treeLayers = treeLayers;
            return this;
        }

        /** See {@link PackRequest#platformLayers()}. */
        public Builder platformLayers(Map<Platform, List<TreeLayer>> platformLayers) {
            this.platformLayers = platformLayers;
            return this;
        }

        /** See {@link PackRequest#layerCache()}. */
        public Builder layerCache(Path layerCache) {
            this.layerCache = layerCache;
            return this;
        }

        /** See {@link PackRequest#registry()}. */
        public Builder registry(RegistryAccess registry) {
            this.registry = registry;
            return this;
        }

        /** See {@link PackRequest#tagScheme()}; null for {@link TagScheme#NONE}. */
        public Builder tagScheme(TagScheme tagScheme) {
            this.tagScheme = tagScheme;
            return this;
        }

        /** See {@link PackRequest#sbomContent()}. */
        public Builder sbomContent(Map<Platform, SbomContent> sbomContent) {
            this.sbomContent = sbomContent;
            return this;
        }

        public PackRequest build() {
            return new PackRequest(from, baseDirectory, layers, settings, image, extraTags, formats, platforms,
                    timestamp, outputDirectory, treeLayers, platformLayers, layerCache, registry, tagScheme,
                    sbomContent);
        }
    }
}
