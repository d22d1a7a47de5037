package io.kimigayo.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials go only to the registry's own scheme, host and port. A registry (here a small fake one on 127.0.0.1,
 * asking for basic credentials) whose upload {@code Location} names another host (127.0.0.2, or another port) must
 * not get its {@code Authorization} header forwarded there.
 */
class CredentialScopeTest {

    private static final String AUTH = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "kimigayo:secret".getBytes(StandardCharsets.UTF_8));

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** "METHOD path Authorization-or-none", for every request the other host saw. */
    private final List<String> otherHostSaw = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private HttpServer server(String host) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 0);
        servers.add(server);
        return server;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers) throws IOException {
        exchange.getRequestBody().readAllBytes();
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The fake registry: basic auth, and uploads that it says to send to {@code uploadTo}. */
    private HttpServer registry(String uploadTo) throws IOException {
        HttpServer registry = server("127.0.0.1");
        registry.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!AUTH.equals(auth)) {
                answer(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"fake\""));
            } else if (exchange.getRequestURI().getPath().equals("/v2/")) {
                answer(exchange, 200, Map.of());
            } else if (exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 202, Map.of("Location", uploadTo));
            } else {
                answer(exchange, 404, Map.of());
            }
        });
        registry.start();
        return registry;
    }

    private HttpServer otherHost(String host) throws IOException {
        HttpServer other = server(host);
        other.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            otherHostSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + (auth == null ? "none" : auth));
            answer(exchange, 201, Map.of("Docker-Content-Digest", "sha256:" + "0".repeat(64)));
        });
        other.start();
        return other;
    }

    private static RegistryAccess access() {
        return TestCredentials.access("kimigayo", "secret", "the test's credentials", Map.of());
    }

    private void uploadThrough(HttpServer registry) throws IOException {
        byte[] bytes = "a layer".getBytes(StandardCharsets.UTF_8);
        RegistryClient client = RegistryClient.connect("127.0.0.1:" + registry.getAddress().getPort(), access());
        client.uploadBlob("team/app", new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(bytes), bytes.length),
                bytes);
    }

    @Test
    void anUploadLocationOnAnotherHostGetsNoCredentials() throws IOException {
        HttpServer other = otherHost("127.0.0.2");
        uploadThrough(registry("http://127.0.0.2:" + other.getAddress().getPort() + "/upload/1"));
        assertEquals(1, otherHostSaw.size(), otherHostSaw.toString());
        assertTrue(otherHostSaw.get(0).startsWith("PUT /upload/1 "), otherHostSaw.toString());
        assertTrue(otherHostSaw.get(0).endsWith(" none"), "the other host saw the registry's credentials: "
                + otherHostSaw);
    }

    @Test
    void anUploadLocationOnAnotherPortOfTheSameHostGetsNoCredentials() throws IOException {
        HttpServer other = otherHost("127.0.0.1");
        uploadThrough(registry("http://127.0.0.1:" + other.getAddress().getPort() + "/upload/1"));
        assertEquals(1, otherHostSaw.size(), otherHostSaw.toString());
        assertTrue(otherHostSaw.get(0).endsWith(" none"), otherHostSaw.toString());
    }

    @Test
    void theRegistryItselfStillGetsThem() {
        URI base = URI.create("https://registry.example:5000/");
        assertTrue(RegistryAuthenticator.sameOrigin(URI.create("https://REGISTRY.example:5000/v2/x/blobs/uploads/1"), base));
        assertFalse(RegistryAuthenticator.sameOrigin(URI.create("http://registry.example:5000/v2/"), base), "scheme");
        assertFalse(RegistryAuthenticator.sameOrigin(URI.create("https://registry.example/v2/"), base), "port");
        assertFalse(RegistryAuthenticator.sameOrigin(URI.create("https://storage.example:5000/v2/"), base), "host");
        assertTrue(RegistryAuthenticator.sameOrigin(URI.create("https://r.example:443/a"), URI.create("https://r.example/")),
                "the scheme's default port");
    }

    /** A registry whose bearer challenge names {@code realm}; it never gets a token request itself. */
    private HttpServer bearerRegistry(String realm) throws IOException {
        HttpServer registry = server("127.0.0.1");
        registry.createContext("/", exchange -> answer(exchange, 401, Map.of("WWW-Authenticate",
                "Bearer realm=\"" + realm + "\",service=\"fake\"")));
        registry.start();
        return registry;
    }

    @Test
    void credentialsAreNotSentToAPlainHttpTokenRealmOnTheNetwork() throws IOException {
        HttpServer registry = bearerRegistry("http://192.0.2.1/token");
        RegistryClient client = RegistryClient.connect("127.0.0.1:" + registry.getAddress().getPort(), access());
        RegistryException e = assertThrows(RegistryException.class, () -> client.blobExists("team/app",
                Digest.of(new byte[0])));
        assertTrue(e.getMessage().contains("the token realm http://192.0.2.1 is plain HTTP"), e.getMessage());
        assertTrue(e.getMessage().contains("allowInsecureRegistries"), e.getMessage());
    }

    @Test
    void aTokenRealmThatIsNotAUrlIsATypedError() throws IOException {
        for (String realm : List.of("not a url", "ftp://example/token", "//no-scheme/token")) {
            HttpServer registry = bearerRegistry(realm);
            RegistryClient client = RegistryClient.connect("127.0.0.1:" + registry.getAddress().getPort(), access());
            RegistryException e = assertThrows(RegistryException.class, () -> client.blobExists("team/app",
                    Digest.of(new byte[0])));
            assertTrue(e.getMessage().contains("token realm that is not"), realm + ": " + e.getMessage());
        }
    }

    @Test
    void aLoopbackTokenRealmOverPlainHttpGetsTheCredentials() throws IOException {
        HttpServer realm = server("127.0.0.2");
        List<String> realmSaw = new CopyOnWriteArrayList<>();
        realm.createContext("/", exchange -> {
            realmSaw.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"token\":\"t\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        realm.start();
        HttpServer registry = bearerRegistry("http://127.0.0.2:" + realm.getAddress().getPort() + "/token");
        RegistryClient client = RegistryClient.connect("127.0.0.1:" + registry.getAddress().getPort(), access());
        assertThrows(RegistryAuthenticationException.class, () -> client.blobExists("team/app",
                Digest.of(new byte[0])), "the fake registry refuses every token");
        assertTrue(realmSaw.contains(AUTH), "the realm (loopback, as in the tests' own token servers) got them: "
                + realmSaw);
    }
}
