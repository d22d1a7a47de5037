package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}), in docker's order: a per-registry {@code credHelpers} entry, else the
 * {@code credsStore}, else the {@code auths} entry (base64 {@code auth}, or {@code username}/{@code password}).
 * Helpers run as {@code docker-credential-<name> get}.
 */
public final class DockerConfigCredentials implements CredentialSource {

    private final Path file;
    private final Map<String, String> environment;

    /**
     * @param environment the environment to find the file and the helpers in ({@code DOCKER_CONFIG}, {@code HOME},
     *                    {@code PATH})
     */
    public DockerConfigCredentials(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        String dockerConfig = environment.get("DOCKER_CONFIG");
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        this.file = dockerConfig != null && !dockerConfig.isBlank()
                ? Path.of(dockerConfig, "config.json") : Path.of(home, ".docker", "config.json");
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe(String registry) {
        return "docker config " + file + (Files.isRegularFile(file) ? "" : " (not present)");
    }

    @Override
    public String howToGive(String registry) {
        return "docker login " + registry;
    }

    @Override
    public Optional<Credential> find(String registry) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix or remove it", e);
        }
        String helper = matching(config.path("credHelpers"), registry).map(JsonNode::asText).orElse(null);
        if (helper != null && !helper.isBlank()) {
            return helper(helper, "credHelpers").get(serverUrl(registry));
        }
        String store = config.path("credsStore").asText("");
        if (!store.isBlank()) {
            Optional<Credential> stored = helper(store, "credsStore").get(serverUrl(registry));
            if (stored.isPresent()) {
                return stored;
            }
        }
        Optional<JsonNode> auth = matching(config.path("auths"), registry);
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        String source = "docker config " + file + " (auths)";
        JsonNode entry = auth.get();
        String encoded = entry.path("auth").asText("");
        if (!encoded.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": the auth of " + registry + " is not base64 of user:password");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IOException(file + ": the auth of " + registry + " is not base64 of user:password");
            }
            return Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1), source));
        }
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return Optional.of(new Credential(entry.get("username").asText(), entry.get("password").asText(), source));
        }
        return Optional.empty();
    }

    private CredentialHelper helper(String name, String key) {
        return new CredentialHelper(name, environment, "credential helper docker-credential-" + name
                + " (" + key + " in " + file + ")");
    }

    /** The server URL docker stores a registry's credentials under. */
    static String serverUrl(String registry) {
        return registry.equals(ImageReference.DOCKER_HUB) ? "https://index.docker.io/v1/" : registry;
    }

    /** The entry of {@code section} whose key names {@code registry}, with or without scheme and path. */
    private static Optional<JsonNode> matching(JsonNode section, String registry) {
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String host = hostOf(entry.getKey());
            if (host.equals(registry) || (registry.equals(ImageReference.DOCKER_HUB)
                    && (host.equals("index.docker.io") || host.equals("registry-1.docker.io")))) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static String hostOf(String key) {
        String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }
}
