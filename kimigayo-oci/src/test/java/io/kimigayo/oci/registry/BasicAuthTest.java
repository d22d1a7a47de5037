package io.kimigayo.oci.registry;

import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real registry with htpasswd (bcrypt) basic auth: a wrong password fails with a 401 that names where the
 * credentials came from; the right one works from the build's own source (as settings.xml servers are passed in),
 * from docker's config.json auths, and from a credential helper named in credHelpers.
 */
class BasicAuthTest {

    private static final String USER = "kimigayo";
    private static final String PASSWORD = "s3cret-Registry-pass";

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static PackResult image;
    static Path layout;

    @BeforeAll
    static void start() throws IOException {
        Path htpasswd = LocalRegistry.writeHtpasswd(dir.resolve("htpasswd"), USER, PASSWORD);
        registry = LocalRegistry.start(dir.resolve("registry"), new LocalRegistry.Options().htpasswd(htpasswd));
        image = TestImages.packBase(dir, EnumSet.of(OutputFormat.OCI_LAYOUT));
        layout = dir.resolve("base-out/image");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    /** A credential source as the Maven plugin builds one from a settings.xml server. */
    private static CredentialSource settingsServer(String id, String user, String password) {
        return new CredentialSource() {
            @Override
            public String describe(String registry) {
                return "settings.xml server '" + id + "'";
            }

            @Override
            public Optional<Credential> find(String registry) {
                return Optional.of(new Credential(user, password, describe(registry)));
            }
        };
    }

    private static PushResult push(String repository, Map<String, String> env, CredentialSource... first)
            throws IOException {
        List<CredentialSource> sources = new java.util.ArrayList<>(List.of(first));
        sources.add(new DockerConfigCredentials(env));
        RegistryAccess access = RegistryAccess.of(env).withCredentials(new CredentialResolver(sources));
        return new ImagePusher().push(new PushRequest(layout, TestImages.BASE_TAG,
                ImageReference.parse(registry.reference(repository + ":1.0")), List.of("1.0"), access));
    }

    private static Map<String, String> emptyHome() throws IOException {
        return Map.of("HOME", Files.createDirectories(dir.resolve("empty-home")).toString(), "PATH", "/usr/bin:/bin");
    }

    @Test
    void aWrongPasswordFailsWith401NamingTheSource() throws IOException {
        RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class,
                () -> push("wrong", emptyHome(), settingsServer("corp-registry", USER, "not-the-password")));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
        assertTrue(e.getMessage().contains("user 'kimigayo' from settings.xml server 'corp-registry'"), e.getMessage());
        assertTrue(e.getMessage().contains("check the user name and password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), "never the password: " + e.getMessage());
    }

    @Test
    void noCredentialsFailsListingWhatWasTried() throws IOException {
        RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class,
                () -> push("anonymous", emptyHome()));
        assertTrue(e.getMessage().contains("no credentials (tried docker config " + dir.resolve("empty-home")
                + "/.docker/config.json (not present))"), e.getMessage());
        assertTrue(e.getMessage().contains("docker login " + registry.host()), e.getMessage());
    }

    @Test
    void theRightPasswordFromTheBuildWorks() throws IOException {
        PushResult pushed = push("from-settings", emptyHome(), settingsServer("corp-registry", USER, PASSWORD));
        assertEquals(image.manifestDigest(), pushed.digest());
        assertEquals(image.manifestDigest().toString(), skopeoDigest("from-settings:1.0"));
    }

    @Test
    void theRightPasswordFromDockerConfigAuthsWorks() throws IOException {
        Path config = Files.createDirectories(dir.resolve("docker-auths"));
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                + auth + "\"}}}");
        Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString(), "HOME", dir.toString());
        PushResult pushed = push("from-docker-config", env);
        assertEquals(image.manifestDigest(), pushed.digest());
        assertEquals(image.manifestDigest().toString(), skopeoDigest("from-docker-config:1.0"));

        // a settings.xml server comes first: its wrong password is used, and named
        RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class,
                () -> push("from-docker-config", env, settingsServer("stale", USER, "old")));
        assertTrue(e.getMessage().contains("settings.xml server 'stale'"), e.getMessage());
    }

    @Test
    void theRightPasswordFromACredentialHelperWorks() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("helper-bin"));
        Path helper = bin.resolve("docker-credential-kimigayo-test");
        // a credential helper speaking docker's protocol: "get" with the server URL on stdin, JSON on stdout
        Files.writeString(helper, "#!/bin/sh\n"
                + "[ \"$1\" = get ] || exit 1\n"
                + "read -r server\n"
                + "if [ \"$server\" = \"" + registry.host() + "\" ]; then\n"
                + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}' \"$server\"\n"
                + "else echo 'credentials not found in native keychain'; exit 1; fi\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectories(dir.resolve("docker-helper"));
        Files.writeString(config.resolve("config.json"), "{\"credHelpers\":{\"" + registry.host()
                + "\":\"kimigayo-test\"},\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("someone:wrong".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString(), "PATH", bin + ":/usr/bin:/bin",
                "HOME", dir.toString());
        PushResult pushed = push("from-helper", env);
        assertEquals(image.manifestDigest(), pushed.digest(), "credHelpers wins over auths");

        DockerConfigCredentials source = new DockerConfigCredentials(env);
        assertEquals(Optional.empty(), source.find("other.example:5000").map(Credential::username),
                "the auths entry is for another registry, the helper has nothing for it");
        assertTrue(source.find(registry.host()).orElseThrow().source().contains("docker-credential-kimigayo-test"));
    }

    private static String skopeoDigest(String repositoryAndTag) throws IOException {
        return ExternalTool.require("skopeo", "skopeo").run(Map.of(), "inspect", "--tls-verify=false",
                "--creds", USER + ":" + PASSWORD, "--format", "{{.Digest}}",
                "docker://" + registry.reference(repositoryAndTag)).requireSuccess().stdout().strip();
    }
}
