package io.kimigayo.maven;

/** One {@code <component>} of build-rootfs: overrides the pinned source of musl or busybox. */
public class ComponentParameter {

    /** {@code musl} or {@code busybox}. */
    String name;

    /** The version; the URL follows the default's pattern unless given. */
    String version;

    /** The source archive's URL (its file name is what mirrors are searched for). */
    String url;

    /** The archive's SHA-256; required when version or url change. */
    String sha256;
}
