package io.kimigayo.oci.registry;

import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real registry in token auth mode, with a token server that signs JWTs the registry checks: push and pull
 * with bearer tokens (from {@code token} and from {@code access_token}), a refused token replaced by a fresh one,
 * and a wrong password at the token realm failing with a message that names the credentials' source.
 */
class BearerTokenTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "token-Pass-1";

    @TempDir
    Path dir;

    private static RegistryAccess access(String password) {
        return TestCredentials.access(USER, password, "settings.xml server 'tokens'", Map.of("HOME", "/nonexistent"));
    }

    private void withRegistry(boolean accessTokenField, boolean firstTokenExpired, Check check) throws Exception {
        try (TokenServer tokens = new TokenServer(dir.resolve("token"), USER, PASSWORD, accessTokenField,
                firstTokenExpired);
             LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), new LocalRegistry.Options()
                     .token(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, dir.resolve("token/root.pem")))) {
            check.run(tokens, registry);
        }
    }

    private interface Check {
        void run(TokenServer tokens, LocalRegistry registry) throws Exception;
    }

    @Test
    void pushAndPullWithBearerTokens() throws Exception {
        PackResult image = TestImages.packBase(dir, EnumSet.of(OutputFormat.OCI_LAYOUT));
        withRegistry(false, false, (tokens, registry) -> {
            PushResult pushed = new ImagePusher().push(new PushRequest(dir.resolve("base-out/image"),
                    TestImages.BASE_TAG, ImageReference.parse(registry.reference("team/app:1.0")), List.of("1.0"),
                    access(PASSWORD)));
            assertEquals(image.manifestDigest(), pushed.digest());
            assertTrue(tokens.scopesAsked().contains("repository:team/app:pull,push"), tokens.scopesAsked().toString());

            var pulled = new RegistryPuller(access(PASSWORD)).pull(ImageReference.parse(
                    registry.reference("team/app:1.0")), TestImages.AMD64, dir.resolve("pulled"), "1.0");
            assertEquals(image.manifestDigest(), pulled.digest());
            assertTrue(tokens.scopesAsked().contains("repository:team/app:pull"), tokens.scopesAsked().toString());
        });
    }

    @Test
    void anAccessTokenThatTheRegistryRefusesIsFetchedAgain() throws Exception {
        TestImages.packBase(dir, EnumSet.of(OutputFormat.OCI_LAYOUT));
        withRegistry(true, true, (tokens, registry) -> {
            PushResult pushed = new ImagePusher().push(new PushRequest(dir.resolve("base-out/image"),
                    TestImages.BASE_TAG, ImageReference.parse(registry.reference("team/app:1.0")), List.of("1.0"),
                    access(PASSWORD)));
            assertEquals(2, pushed.blobsUploaded());
            assertTrue(tokens.issued() >= 2, "the expired first token was replaced: " + tokens.issued() + " issued");
            assertTrue(java.nio.file.Files.readString(registry.logFile()).contains("token"),
                    "the registry itself refused the expired token");
        });
    }

    @Test
    void aWrongPasswordAtTheTokenRealmNamesTheSource() throws Exception {
        TestImages.packBase(dir, EnumSet.of(OutputFormat.OCI_LAYOUT));
        withRegistry(false, false, (tokens, registry) -> {
            RegistryAuthenticationException e = assertThrows(RegistryAuthenticationException.class, () ->
                    new ImagePusher().push(new PushRequest(dir.resolve("base-out/image"), TestImages.BASE_TAG,
                            ImageReference.parse(registry.reference("team/app:1.0")), List.of("1.0"),
                            access("wrong"))));
            assertTrue(e.getMessage().contains("GET token from " + tokens.realm()), e.getMessage());
            assertTrue(e.getMessage().contains("user 'robot' from settings.xml server 'tokens'"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong"), e.getMessage());
        });
    }
}
