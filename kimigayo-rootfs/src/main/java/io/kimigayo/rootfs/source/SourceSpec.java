package io.kimigayo.rootfs.source;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pinned upstream source: the file a component is compiled from, where it lives upstream and its digests.
 *
 * <p>A source is pinned by the SHA-256 of the file's bytes ({@code sha256}), by the SHA-256 of the tar inside a
 * compressed archive ({@code tarSha256}), or by both. The tar digest suits archives that forges generate on demand
 * ({@code git archive} of a tag): their gzip bytes may change while the tree does not.
 *
 * @param component the component's name ({@code musl}, {@code busybox})
 * @param version   its version
 * @param url       the upstream URL; its last path segment is the file name mirrors are searched for
 * @param sha256    the file's SHA-256, 64 lower-case hex digits; {@code null} when only the tar is pinned
 * @param tarSha256 the SHA-256 of the uncompressed tar, 64 lower-case hex digits; {@code null} when only the file
 *                  is pinned
 */
public record SourceSpec(String component, String version, String url, String sha256, String tarSha256) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** A source pinned by the SHA-256 of its file's bytes. */
    public SourceSpec(String component, String version, String url, String sha256) {
        this(component, version, url, checked(component, version, url, "sha256", sha256), null);
    }

    public SourceSpec {
        if (sha256 == null && tarSha256 == null) {
            throw new IllegalArgumentException(component + " " + version + ": no digest; give the SHA-256 of " + url
                    + " (sha256) or of its uncompressed tar (tarSha256)");
        }
        sha256 = sha256 == null ? null : checked(component, version, url, "sha256", sha256);
        tarSha256 = tarSha256 == null ? null : checked(component, version, url, "tarSha256", tarSha256);
        if (url == null || url.isBlank() || fileNameOf(url).isEmpty()) {
            throw new IllegalArgumentException(component + " " + version + ": url '" + url
                    + "' names no file; give the full URL of the source archive");
        }
    }

    private static String checked(String component, String version, String url, String name, String hex) {
        if (hex == null || !HEX.matcher(hex.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException(component + " " + version + ": " + name + " '" + hex
                    + "' is not a SHA-256 (64 hex digits); give the digest of " + url);
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    /**
     * The digest that names this source in the cache and in build keys: {@code sha256} when the file is pinned,
     * otherwise {@code tar:} and the tar's digest.
     */
    public String pin() {
        return sha256 != null ? sha256 : "tar:" + tarSha256;
    }

    /** The archive's file name, such as {@code busybox-1.37.0.tar.bz2}. */
    public String fileName() {
        return fileNameOf(url);
    }

    private static String fileNameOf(String url) {
        String path = url;
        try {
            String p = URI.create(url).getPath();
            if (p != null) {
                path = p;
            }
        } catch (IllegalArgumentException e) {
            // not a URI: take it as a plain path
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return component + " " + version + " (" + fileName() + (sha256 != null ? ", sha256 " + sha256 : "")
                + (tarSha256 != null ? ", tar sha256 " + tarSha256 : "") + ")";
    }
}
