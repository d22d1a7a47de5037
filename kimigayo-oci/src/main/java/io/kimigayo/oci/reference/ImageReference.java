package io.kimigayo.oci.reference;

import io.kimigayo.oci.digest.Digest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference, {@code [host[:port]/]path[:tag][@sha256:<hex>]}, read by docker/distribution's reference
 * grammar: {@code example/hello:1.0}, {@code 127.0.0.1:5000/team/app@sha256:...}, {@code [::1]:5000/app:1}.
 *
 * <p>It keeps the reference as written ({@link #name()}, {@link #toString()}: what local image stores and the
 * {@code org.opencontainers.image.ref.name} annotation call the image) and answers the normalised forms the way
 * distribution's {@code ParseNormalizedNamed} does: no host means Docker Hub ({@link #domain()} {@code docker.io}),
 * {@code index.docker.io} is {@code docker.io}, and a one-component Docker Hub path gets {@code library/}. The first
 * component is a host when it holds a '.' or a ':', starts with '[' or is {@code localhost}; unlike distribution, an
 * upper-case first component is not taken for a host (distribution marks that case FIXME).
 *
 * <p>The tag is {@code latest} when the reference names neither a tag nor a digest.
 */
public final class ImageReference {

    /** The name Docker Hub goes by in references, credential stores and signatures. */
    public static final String DOCKER_HUB = "docker.io";

    private static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final String DOCKER_HUB_LEGACY = "index.docker.io";
    private static final String DEFAULT_TAG = "latest";
    private static final int MAX_NAME_LENGTH = 255;
    private static final String TAG_RULE = "up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final String host;
    private final String remoteName;
    private final String tag;
    private final Digest digest;

    private ImageReference(String host, String remoteName, String tag, Digest digest) {
        this.host = host;
        this.remoteName = remoteName;
        this.tag = tag == null && digest == null ? DEFAULT_TAG : tag;
        this.digest = digest;
    }

    /**
     * Parses a reference; a bad one fails naming the input and the part that is wrong.
     *
     * @throws IllegalArgumentException starting {@code image reference '<text>': }
     */
    public static ImageReference parse(String text) {
        return parse(text, "image reference");
    }

    /**
     * Parses a reference, calling it {@code what} in the message of a bad one ({@code image name},
     * {@code docker reference}, ...).
     *
     * @throws IllegalArgumentException starting {@code <what> '<text>': }
     */
    public static ImageReference parse(String text, String what) {
        String rest = text == null ? "" : text.trim();
        try {
            Digest digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = Digest.parse(rest.substring(at + 1));
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                if (!isTag(tag)) {
                    throw new IllegalArgumentException("tag '" + tag + "' is not valid: " + TAG_RULE);
                }
                rest = rest.substring(0, colon);
            }
            String host = null;
            String path = rest;
            if (namesRegistry(rest)) {
                int slash = rest.indexOf('/');
                host = rest.substring(0, slash);
                path = rest.substring(slash + 1);
                if (!DOMAIN.matcher(host).matches()) {
                    throw new IllegalArgumentException("'" + host + "' is not a registry host[:port] (e.g. "
                            + "registry.example:5000 or [::1]:5000) nor a lower-case name component");
                }
            }
            for (String component : path.split("/", -1)) {
                if (!PATH_COMPONENT.matcher(component).matches()) {
                    throw new IllegalArgumentException("'" + component + "' is not a valid name component (lower-case "
                            + "letters, digits and single . _ - separators, e.g. example/hello:1.0)");
                }
            }
            if (rest.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("the name is longer than " + MAX_NAME_LENGTH + " characters");
            }
            return new ImageReference(host, path, tag, digest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * Parses the name an image is packed under: a reference with a tag (or none: {@code latest}), not a digest.
     *
     * @throws IllegalArgumentException starting {@code image name '<text>': }
     */
    public static ImageReference parseImageName(String text) {
        if (text != null && text.contains("@")) {
            throw new IllegalArgumentException("image name '" + text + "': names a digest; an image name is "
                    + "lower-case name components and a tag, e.g. example/hello:1.0");
        }
        return parse(text, "image name");
    }

    /** Whether a reference names its registry explicitly (its first component is a host). */
    public static boolean namesRegistry(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String head = text.substring(0, slash);
        return head.contains(".") || head.contains(":") || head.equals("localhost") || head.startsWith("[");
    }

    /**
     * Checks a tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.
     *
     * @param context where the tag was written, for the message ({@code tags}, {@code example/hello:x})
     */
    public static void checkTag(String tag, String context) {
        if (!isTag(tag)) {
            throw new IllegalArgumentException("tag '" + tag + "' in " + context + " is not valid: " + TAG_RULE);
        }
    }

    private static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** The name as written, without tag or digest: {@code example/hello}, {@code localhost:5000/a/b}. */
    public String name() {
        return host == null ? remoteName : host + "/" + remoteName;
    }

    /** The registry host and port as distribution normalises it: {@code docker.io} when none was written. */
    public String domain() {
        return host == null || host.equals(DOCKER_HUB_LEGACY) ? DOCKER_HUB : host;
    }

    /** The repository path inside the registry: {@code library/busybox} for {@code busybox}. */
    public String path() {
        return domain().equals(DOCKER_HUB) && !remoteName.contains("/") ? "library/" + remoteName : remoteName;
    }

    /**
     * {@code domain/path}, the normalised repository: {@code docker.io/library/busybox} for {@code busybox}; the
     * scope registries.d and policy.json use for it.
     */
    public String repository() {
        return domain() + "/" + path();
    }

    /** The registry whose credentials apply: {@link #domain()}, with {@code registry-1.docker.io} as Docker Hub. */
    public String registry() {
        return DOCKER_HUB_API.equals(host) ? DOCKER_HUB : domain();
    }

    /** The host the distribution API is served from ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return apiHostOf(registry());
    }

    /** The host the distribution API of a {@link #registry()} is served from. */
    public static String apiHostOf(String registry) {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** The tag: as written, {@code latest} when neither a tag nor a digest was, null for a digest only. */
    public String tag() {
        return tag;
    }

    /** The manifest digest, or null. */
    public Digest digest() {
        return digest;
    }

    /** What to ask the registry for: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    /**
     * The identity a containers/image signature claims: the normalised reference with its tag ({@code :latest} when
     * none was written) or digest, e.g. {@code docker.io/library/busybox:latest}.
     *
     * @throws IllegalArgumentException when the reference names both a tag and a digest
     */
    public String identity() {
        if (tag != null && digest != null) {
            throw new IllegalArgumentException("docker reference '" + this + "': give either a tag or a digest, not "
                    + "both (containers/image does not use references with both)");
        }
        return repository() + suffix();
    }

    /** This name with another tag (and no digest); the tag is checked. */
    public ImageReference withTag(String other) {
        checkTag(other, name() + ":" + other);
        return new ImageReference(host, remoteName, other, null);
    }

    /** This name with a digest (and no tag). */
    public ImageReference withDigest(Digest other) {
        return new ImageReference(host, remoteName, null, Objects.requireNonNull(other, "digest"));
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference r && Objects.equals(host, r.host) && remoteName.equals(r.remoteName)
                && Objects.equals(tag, r.tag) && Objects.equals(digest, r.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, remoteName, tag, digest);
    }

    /** The reference as written, with its tag: {@code example/hello:1.0}, {@code busybox:latest}. */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
