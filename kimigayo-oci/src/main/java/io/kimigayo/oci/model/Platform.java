package io.kimigayo.oci.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An image's platform in OCI terms ({@code linux/amd64}, {@code linux/arm64/v8}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"architecture", "os", "variant"})
public record Platform(@JsonProperty("architecture") String architecture,
                       @JsonProperty("os") String os,
                       @JsonProperty("variant") String variant) {

    /**
     * Parses {@code os/arch[/variant]}; Kimigayo's and the kernel's names {@code x86_64} and {@code aarch64} are
     * accepted for {@code amd64} and {@code arm64}.
     */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("platform '" + text + "': write os/arch[/variant], e.g. linux/amd64");
        }
        if (!parts[0].equals("linux")) {
            throw new IllegalArgumentException("platform '" + text + "': Kimigayo OS images are linux images");
        }
        String arch = ociArchitecture(parts[1]);
        String variant = parts.length == 3 ? parts[2] : null;
        if (variant == null && arch.equals("arm64")) {
            variant = "v8";
        }
        return new Platform(arch, parts[0], variant);
    }

    /** The platform of the JVM this runs on. */
    public static Platform host() {
        return parse("linux/" + System.getProperty("os.arch"));
    }

    private static String ociArchitecture(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "arm64", "aarch64" -> "arm64";
            default -> throw new IllegalArgumentException("architecture '" + arch
                    + "' is not supported; Kimigayo builds amd64 (x86_64) and arm64 (aarch64)");
        };
    }

    /** Whether an image of {@code other}'s platform runs here; a missing variant matches any. */
    public boolean matches(Platform other) {
        return other != null && architecture.equals(other.architecture) && os.equals(other.os)
                && (variant == null || other.variant == null || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
