package io.kimigayo.signing.openpgp;

import io.kimigayo.oci.reference.ImageReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The containers-registries.d(5) configuration that tells skopeo, podman and CRI-O where an image's signatures are:
 * <pre>
 * docker:
 *   registry.example.com/app:
 *     lookaside: file:///srv/lookaside
 * </pre>
 * Saved as any {@code *.yaml} file in {@code /etc/containers/registries.d/} (or the directory given to
 * {@code skopeo --registries.d}). {@code use-sigstore-attachments} is left out: its default, false, is what simple
 * signing needs.
 */
public final class RegistriesD {

    /** A registries.d scope: a registry host[:port], optionally followed by a repository path and a tag or digest. */
    private static final Pattern SCOPE = Pattern.compile(
            "[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[a-z0-9._-]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})?");

    private RegistriesD() {
    }

    /**
     * The YAML for one scope, e.g. {@code snippet("127.0.0.1:5000/kimigayo/app", Path.of("/srv/lookaside"))}.
     *
     * @param scope     a registry ({@code registry.example.com}), a namespace or a repository in it, fully expanded
     *                  ({@code docker.io/library/busybox}, not {@code busybox}); see {@link #scopeOf(String)}
     * @param lookaside the lookaside directory ({@link LookasideStore#root()})
     */
    public static String snippet(String scope, Path lookaside) {
        return snippet(scope, URI.create(lookasideUrl(lookaside)));
    }

    /** The YAML for one scope whose signatures are served at {@code lookaside} (a file, http or https URL). */
    public static String snippet(String scope, URI lookaside) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("'" + scope + "' is not a registries.d scope: expected a registry "
                    + "host[:port], optionally with a repository path, e.g. registry.example.com/app");
        }
        String scheme = lookaside.getScheme();
        if (!"file".equals(scheme) && !"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("lookaside URL " + lookaside + " must be file://, http:// or https://");
        }
        return "docker:\n"
                + "  " + scope + ":\n"
                + "    lookaside: " + lookaside.toASCIIString() + "\n";
    }

    /** The scope of the repository a reference names: {@code busybox:1} gives {@code docker.io/library/busybox}. */
    public static String scopeOf(String dockerReference) {
        return ImageReference.parse(dockerReference, "docker reference").repository();
    }

    /**
     * A {@code file:///} URL for a directory, absolute, without a trailing slash, each path segment percent-encoded
     * where it must be (containers/image decodes it back to the path).
     */
    public static String lookasideUrl(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        StringBuilder url = new StringBuilder("file://");
        if (absolute.getNameCount() == 0) {
            return url.append('/').toString();
        }
        for (Path segment : absolute) {
            url.append('/');
            for (byte b : segment.toString().getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                    url.append((char) c);
                } else {
                    url.append('%').append(String.format("%02X", c));
                }
            }
        }
        return url.toString();
    }
}
