package io.kimigayo.kernel;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What {@code kernel.json} says about a kernel: its version, image, source, configuration, and what became of every
 * option the fragments asked for.
 */
@JsonPropertyOrder({"name", "version", "arch", "image", "source", "config", "options", "toolchain", "built",
        "buildKey"})
public record KernelManifest(String name, String version, String arch, Image image, Source source, Config config,
                             Options options, String toolchain, String built, String buildKey) {

    /** The boot image: its file name in the output directory, size in bytes, SHA-256. */
    @JsonPropertyOrder({"file", "size", "sha256"})
    public record Image(String file, long size, String sha256) {
    }

    /** Where the source came from and its digest. */
    @JsonPropertyOrder({"location", "kind", "sha256", "version"})
    public record Source(String location, String kind, String sha256, String version) {
    }

    /** The base configuration, the fragments in the order applied, and whether the hardening fragment was one. */
    @JsonPropertyOrder({"base", "fragments", "hardening"})
    public record Config(String base, List<Fragment> fragments, boolean hardening) {
    }

    /** A fragment: its name (a path for the user's), kind, number of options. */
    @JsonPropertyOrder({"name", "kind", "options"})
    public record Fragment(String name, String kind, int options) {
    }

    /**
     * The options: every winning request, those that stuck ({@code CONFIG_X=value}), those that did not with
     * Kconfig's reason, and the requests later fragments overrode.
     */
    @JsonPropertyOrder({"asked", "applied", "missing", "overridden", "explained"})
    public record Options(List<Asked> asked, List<String> applied, List<Missing> missing, List<String> overridden,
                          boolean explained) {
    }

    /** An option asked for: {@code CONFIG_NET}, {@code y}, from {@code hardening:14}. */
    @JsonPropertyOrder({"option", "value", "kind", "from"})
    public record Asked(String option, String value, String kind, String from) {
    }

    /** An option that did not stick: what was asked, what it is, and why. */
    @JsonPropertyOrder({"option", "asked", "got", "kind", "from", "reason"})
    public record Missing(String option, String asked, String got, String kind, String from, String reason) {
    }
}
