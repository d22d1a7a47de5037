package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;

import java.util.regex.Pattern;

/**
 * An image in a registry: {@code [registry/]repository[:tag][@sha256:<hex>]}, such as
 * {@code 127.0.0.1:5000/team/app:1.0} or {@code registry.example/base@sha256:...}. A name without a registry part
 * (its first component has no '.', no ':' and is not {@code localhost}) is on Docker Hub, as docker reads it:
 * {@code busybox} is {@code docker.io/library/busybox:latest}.
 *
 * @param registry   the registry host and port as written ({@code docker.io} for Docker Hub)
 * @param repository the repository path inside the registry
 * @param tag        the tag, or null when the reference names a digest only
 * @param digest     the manifest digest, or null
 */
public record RegistryReference(String registry, String repository, String tag, Digest digest) {

    /** The name Docker Hub goes by in references and credential stores. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY = Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /**
     * Parses a reference; a bad one fails saying what is allowed.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static RegistryReference parse(String text) {
        String rest = text == null ? "" : text.trim();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("an empty image reference; write registry/repository:tag, e.g. "
                    + "registry.example/team/app:1.0");
        }
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("image reference '" + text + "': " + e.getMessage(), e);
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("image reference '" + text + "': tag '" + tag + "' is not valid "
                        + "(up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')");
            }
        }
        String registry;
        String repository;
        int first = rest.indexOf('/');
        String head = first < 0 ? "" : rest.substring(0, first);
        if (first > 0 && (head.contains(".") || head.contains(":") || head.equals("localhost")
                || head.startsWith("["))) {
            registry = head;
            repository = rest.substring(first + 1);
        } else {
            registry = DOCKER_HUB;
            repository = rest.contains("/") ? rest : "library/" + rest;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (!REGISTRY.matcher(registry).matches()) {
            throw new IllegalArgumentException("image reference '" + text + "': '" + registry + "' is not a valid "
                    + "registry host[:port]");
        }
        for (String part : repository.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new IllegalArgumentException("image reference '" + text + "': '" + part + "' is not a valid "
                        + "repository name component (lower-case letters, digits and single . _ - separators)");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new RegistryReference(registry, repository, tag, digest);
    }

    /** Whether a reference names its registry explicitly (its first component is a host). */
    public static boolean namesRegistry(String text) {
        int first = text.indexOf('/');
        if (first <= 0) {
            return false;
        }
        String head = text.substring(0, first);
        return head.contains(".") || head.contains(":") || head.equals("localhost") || head.startsWith("[");
    }

    /** The host the distribution API is served from ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** What to ask the registry for: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    public RegistryReference withTag(String other) {
        return new RegistryReference(registry, repository, other, null);
    }

    public RegistryReference withDigest(Digest other) {
        return new RegistryReference(registry, repository, null, other);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
