package io.kimigayo.oci.registry;

import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RegistryAuthenticator} on its own against the real registry: basic credentials from the challenge, a
 * refusal that names where the credentials came from, and bearer tokens fetched once per scope and then reused.
 */
class RegistryAuthenticatorTest {

    private static final String USER = "auth-user";
    private static final String PASSWORD = "auth-Pass-1";
    private static final String SOURCE = "settings.xml server 'auth'";

    @TempDir
    Path dir;

    private RegistryAuthenticator connect(LocalRegistry registry, String password) throws IOException {
        return RegistryAuthenticator.connect(registry.host(),
                TestCredentials.access(USER, password, SOURCE, Map.of("HOME", "/nonexistent")));
    }

    private static HttpResponse<byte[]> tags(RegistryAuthenticator auth, String repository) throws IOException {
        return auth.call("GET tags of " + repository, RegistryAuthenticator.pull(repository),
                () -> auth.request("/v2/" + repository + "/tags/list").GET());
    }

    @Test
    void basicHeaderIsTheEncodedUserAndPassword() {
        assertEquals("Basic dXNlcjpww6Rzcw==", RegistryAuthenticator.basic(new Credential("user", "päss", "test")));
    }

    @Test
    void basicCredentialsOpenTheRegistryAndAWrongPasswordIsRefusedNamingItsSource() throws IOException {
        Path htpasswd = LocalRegistry.writeHtpasswd(dir.resolve("htpasswd"), USER, PASSWORD);
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"),
                new LocalRegistry.Options().htpasswd(htpasswd))) {
            RegistryAuthenticator auth = connect(registry, PASSWORD);
            assertEquals(404, tags(auth, "team/none").statusCode(), "authenticated: the repository is unknown");

            RegistryAuthenticator wrong = connect(registry, "wrong");
            RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class,
                    () -> tags(wrong, "team/none"));
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong"), "the password stays out of messages: " + e.getMessage());
        }
    }

    @Test
    void bearerTokensAreFetchedOncePerScope() throws Exception {
        try (TokenServer tokens = new TokenServer(dir.resolve("token"), USER, PASSWORD, false, false);
             LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), new LocalRegistry.Options()
                     .token(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, dir.resolve("token/root.pem")))) {
            RegistryAuthenticator auth = connect(registry, PASSWORD);
            assertEquals(404, tags(auth, "team/a").statusCode());
            assertEquals(404, tags(auth, "team/a").statusCode());
            assertEquals(1, tokens.issued(), "the second request reused the cached token");
            assertEquals(404, tags(auth, "team/b").statusCode());
            assertEquals(2, tokens.issued(), "another repository is another scope, another token");
            assertEquals(List.of("repository:team/a:pull,push", "repository:team/b:pull"),
                    RegistryAuthenticator.push("team/a", "team/b"));
        }
    }
}
