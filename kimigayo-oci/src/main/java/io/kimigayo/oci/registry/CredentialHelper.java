package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.model.Json;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper, {@code docker-credential-<name>}, asked with {@code get} and the server URL on its
 * standard input; it answers {@code {"ServerURL":..,"Username":..,"Secret":..}}. What it prints is never shown, so a
 * secret cannot reach a log.
 */
final class CredentialHelper {

    private static final long TIMEOUT_SECONDS = 60;

    private final String name;
    private final Map<String, String> environment;
    private final String source;

    CredentialHelper(String name, Map<String, String> environment, String source) {
        this.name = name;
        this.environment = environment;
        this.source = source;
    }

    Optional<Credential> get(String serverUrl) throws IOException {
        Path executable = find("docker-credential-" + name);
        Process process = new ProcessBuilder(executable.toString(), "get")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        int exit;
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(source + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(source + ": interrupted", e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (exit != 0) {
            if (text.contains("credentials not found")) {
                return Optional.empty();
            }
            throw new IOException(source + " failed (exit " + exit + ") for " + serverUrl);
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new IOException(source + " did not answer with JSON for " + serverUrl);
        }
        String username = answer.path("Username").asText("");
        String secret = answer.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (username.equals("<token>")) {
            throw new IOException(source + " holds an identity token for " + serverUrl + "; Kimigayo needs a user "
                    + "name and password (or access token as password): log in with a password, or give the "
                    + "credentials another way");
        }
        return Optional.of(new Credential(username, secret, source));
    }

    private Path find(String command) throws IOException {
        for (String dir : environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException(source + ": " + command + " is not on the PATH; install it or remove it from the "
                + "docker config");
    }
}
