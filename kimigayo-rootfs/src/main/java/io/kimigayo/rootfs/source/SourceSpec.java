package io.kimigayo.rootfs.source;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pinned upstream source: the file a component is compiled from, where it lives upstream and its SHA-256.
 *
 * @param component the component's name ({@code musl}, {@code busybox})
 * @param version   its version
 * @param url       the upstream URL; its last path segment is the file name mirrors are searched for
 * @param sha256    the file's SHA-256, 64 lower-case hex digits
 */
public record SourceSpec(String component, String version, String url, String sha256) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public SourceSpec {
        if (sha256 == null || !HEX.matcher(sha256.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException(component + " " + version + ": sha256 '" + sha256
                    + "' is not a SHA-256 (64 hex digits); give the digest of " + url);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (url == null || url.isBlank() || fileNameOf(url).isEmpty()) {
            throw new IllegalArgumentException(component + " " + version + ": url '" + url
                    + "' names no file; give the full URL of the source archive");
        }
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
        return component + " " + version + " (" + fileName() + ", sha256 " + sha256 + ")";
    }
}
