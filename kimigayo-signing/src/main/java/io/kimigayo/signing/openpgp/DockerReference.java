package io.kimigayo.signing.openpgp;

import io.kimigayo.oci.digest.Digest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A docker reference, normalised the way containers/image (and docker/distribution's {@code reference} package)
 * normalises it: {@code busybox} is {@code docker.io/library/busybox:latest}, {@code 127.0.0.1:5000/app:1} keeps
 * its registry.
 *
 * @param domain the registry host, with its port if any ({@code docker.io}, {@code 127.0.0.1:5000})
 * @param path   the repository path inside the registry, without tag or digest ({@code library/busybox})
 * @param tag    the tag, or {@code null}
 * @param digest the digest, or {@code null}
 */
public record DockerReference(String domain, String path, String tag, Digest digest) {

    /** Docker Hub's canonical name, as containers/image writes it. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_NAME_LENGTH = 255;

    public DockerReference {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("'" + domain + "' is not a registry host[:port]");
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a docker reference needs a repository path");
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("'" + component + "' in '" + path + "' is not a valid repository "
                        + "name component (lower-case letters, digits and single . _ - separators)");
            }
        }
        if ((domain + "/" + path).length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("repository name " + domain + "/" + path + " is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("tag '" + tag + "' is not valid: up to 128 letters, digits, '_', '.' "
                    + "and '-', not starting with '.' or '-'");
        }
        if (tag != null && digest != null) {
            throw new IllegalArgumentException(domain + "/" + path + ":" + tag + "@" + digest + ": give either a tag "
                    + "or a digest, not both (containers/image does not use references with both)");
        }
    }

    /**
     * Parses {@code [host[:port]/]path[:tag][@sha256:hex]} and normalises it: without a registry host it is Docker
     * Hub's, and a one-component Docker Hub name gets {@code library/}.
     */
    public static DockerReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty docker reference; expected e.g. registry.example.com/app:1.0");
        }
        String rest = text.trim();
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
                rest = rest.substring(0, colon);
            }
            String domain;
            String path;
            int slash = rest.indexOf('/');
            String first = slash < 0 ? "" : rest.substring(0, slash);
            if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                    && first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
                domain = DOCKER_HUB;
                path = rest;
            } else {
                domain = first;
                path = rest.substring(slash + 1);
            }
            if (domain.equals("index.docker.io")) {
                domain = DOCKER_HUB;
            }
            if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
                path = "library/" + path;
            }
            return new DockerReference(domain, path, tag, digest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("docker reference '" + text + "': " + e.getMessage(), e);
        }
    }

    /** {@code domain/path}: the repository, the scope registries.d and policy.json use for it. */
    public String repository() {
        return domain + "/" + path;
    }

    public Optional<String> tagIfAny() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digestIfAny() {
        return Optional.ofNullable(digest);
    }

    /**
     * The identity a signature claims: the fully explicit reference, with {@code :latest} when it names neither a
     * tag nor a digest (as containers/image does when it resolves a docker reference).
     */
    public String identity() {
        if (tag == null && digest == null) {
            return repository() + ":latest";
        }
        return toString();
    }

    @Override
    public String toString() {
        return repository() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
