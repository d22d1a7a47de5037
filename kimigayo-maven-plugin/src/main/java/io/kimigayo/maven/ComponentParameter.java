package io.kimigayo.maven;

/**
 * One {@code <component>} of build-rootfs: overrides the pinned source of musl, busybox, ca-certificates or tzdata,
 * and takes an optional component (ca-certificates, tzdata) in or out.
 */
public class ComponentParameter {

    /** {@code musl}, {@code busybox}, {@code ca-certificates} or {@code tzdata}. */
    String name;

    /** The version; the URL follows the default's pattern unless given. */
    String version;

    /** The source archive's URL (its file name is what mirrors are searched for). */
    String url;

    /** The archive's SHA-256; required when version or url change. */
    String sha256;

    /**
     * Whether the rootfs has this optional component ({@code ca-certificates}, {@code tzdata}): unset, every variant
     * but minimal has it; {@code false} for musl or busybox is an error.
     */
    Boolean include;
}
