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

    /**
     * The SHA-256 of the archive's bytes. An override that changes version or url needs this, {@code tarSha256},
     * or both.
     */
    String sha256;

    /**
     * The SHA-256 of the uncompressed tar inside the archive ({@code gzip -dc file | sha256sum}): the pin for an
     * archive a forge generates from a tag on demand, whose compressed bytes may change while the tree does not.
     */
    String tarSha256;

    /**
     * Whether the rootfs has this optional component ({@code ca-certificates}, {@code tzdata}): unset, every variant
     * but minimal has it; {@code false} for musl or busybox is an error.
     */
    Boolean include;
}
