package io.kimigayo.oci.pack;

import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How an image's tags follow from its version, its variant and its platforms.
 *
 * <p>{@link #KIMIGAYO_OS} gives the tags of the Kimigayo OS tag list. For a release version {@code V}:
 * <ul>
 *   <li>{@code standard}: {@code V}, {@code latest} and {@code stable} (an alias of latest) name the image (the index
 *       when there are several platforms), {@code V-amd64} and {@code V-arm64} the platform manifests;</li>
 *   <li>any other variant {@code X} ({@code minimal}, {@code extended}): {@code V-X} and {@code latest-X} name the
 *       image, {@code V-X-amd64} and {@code V-X-arm64} the platform manifests (so that the variants of one version
 *       never share a tag);</li>
 *   <li>a pre-release version ({@code 0.2.0-rc.1}: a {@code -} in it) gets the version and arch tags but no
 *       rolling tag, {@code latest} and {@code stable} being for releases;</li>
 *   <li>a development version ({@code …-SNAPSHOT}) gets {@code edge} (standard) or {@code edge-X} only: no version
 *       tag, since a snapshot's content changes from build to build under the same version.</li>
 * </ul>
 */
public enum TagScheme {
    /** Only the tags given (the image's own and the extra tags). */
    NONE("none"),
    /** The Kimigayo OS tag list. */
    KIMIGAYO_OS("kimigayo-os");

    private static final String SNAPSHOT = "-SNAPSHOT";
    private static final String STANDARD = "standard";

    private final String id;

    TagScheme(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Reads a scheme by its id; null or blank is {@link #NONE}. */
    public static TagScheme parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return NONE;
        }
        return Arrays.stream(values())
                .filter(s -> s.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tag scheme '" + text + "'; choose "
                        + Arrays.stream(values()).map(TagScheme::id).collect(Collectors.joining(" or "))));
    }

    /**
     * The tags of an image of {@code version} and {@code variant} for {@code platforms}.
     *
     * @throws IllegalArgumentException when the version or variant is missing, or a tag made of them is not a valid
     *                                  tag (a {@code +} in the version, say)
     */
    public SchemeTags tags(String version, String variant, List<Platform> platforms) {
        if (this == NONE) {
            return SchemeTags.NONE;
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("tag scheme " + id + ": the image has no version to tag it with");
        }
        if (variant == null || variant.isBlank()) {
            throw new IllegalArgumentException("tag scheme " + id + ": the image has no variant to tag it with");
        }
        String v = version.trim();
        String kind = variant.trim().toLowerCase(Locale.ROOT);
        String suffix = kind.equals(STANDARD) ? "" : "-" + kind;
        List<String> image = new ArrayList<>();
        Map<String, Platform> perPlatform = new LinkedHashMap<>();
        if (v.endsWith(SNAPSHOT)) {
            image.add("edge" + suffix);
        } else {
            image.add(v + suffix);
            for (Platform p : platforms) {
                perPlatform.put(v + suffix + "-" + p.architecture(), p);
            }
            if (!v.contains("-")) {
                image.add("latest" + suffix);
                if (suffix.isEmpty()) {
                    image.add("stable");
                }
            }
        }
        for (String tag : image) {
            check(tag, v, kind);
        }
        for (String tag : perPlatform.keySet()) {
            check(tag, v, kind);
        }
        return new SchemeTags(image, perPlatform);
    }

    private void check(String tag, String version, String variant) {
        try {
            ImageReference.checkTag(tag, "tag scheme " + id + " (version " + version + ", variant " + variant + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; give the image a version made of those characters",
                    e);
        }
    }

    /**
     * The tags a scheme gives.
     *
     * @param image     the tags of the image itself (of its index when it has several platforms), in order
     * @param platforms the tags of each platform's manifest: tag to platform, in order
     */
    public record SchemeTags(List<String> image, Map<String, Platform> platforms) {

        static final SchemeTags NONE = new SchemeTags(List.of(), Map.of());

        public SchemeTags {
            image = List.copyOf(image);
            platforms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
        }
    }
}
