package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends requests to one registry with the authorization it asks for: anonymously, with HTTP basic, or with bearer
 * tokens from the realm named in {@code WWW-Authenticate} (fetched per scope and cached, fetched again when a token
 * is refused). Credentials go only to the registry's own origin and to its token realm (over plain HTTP only on
 * loopback or when insecure registries are allowed); they never appear in messages.
 */
final class RegistryAuthenticator {

    private final String registry;
    private final RegistryAccess access;
    private final RegistryTransport transport;
    private WwwAuthenticate challenge;
    private CredentialResolver.Resolution credentials;
    private final Map<String, String> tokens = new HashMap<>();

    private RegistryAuthenticator(String registry, RegistryAccess access, RegistryTransport transport) {
        this.registry = registry;
        this.access = access;
        this.transport = transport;
    }

    /**
     * Connects to a registry: chooses the scheme and learns how it authenticates from {@code GET /v2/}.
     *
     * @param registry the registry as written in references ({@code docker.io} for Docker Hub)
     */
    static RegistryAuthenticator connect(String registry, RegistryAccess access) throws IOException {
        RegistryTransport transport = new RegistryTransport(ImageReference.apiHostOf(registry), access);
        RegistryAuthenticator auth = new RegistryAuthenticator(registry, access, transport);
        HttpResponse<byte[]> ping = transport.ping();
        if (ping.statusCode() == 401) {
            auth.challenge = challengeOf(ping).orElseThrow(() -> new RegistryException(registry + ": GET /v2/ "
                    + "answered 401 without a WWW-Authenticate challenge; this is not a registry Kimigayo can log in to",
                    401));
        } else if (ping.statusCode() != 200) {
            throw new RegistryException(registry + ": GET /v2/ answered " + ping.statusCode() + "; "
                    + transport.base() + " does not serve the OCI distribution API", ping.statusCode());
        }
        return auth;
    }

    String registry() {
        return registry;
    }

    RegistryAccess access() {
        return access;
    }

    RegistryTransport transport() {
        return transport;
    }

    /** The scopes to read a repository. */
    static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    /** The scopes to write a repository. */
    static List<String> push(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    /** The scopes to write a repository mounting blobs from another. */
    static List<String> push(String repository, String from) {
        return List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
    }

    /** A request to a path of the registry's API ({@code /v2/...}). */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(transport.base().resolve(path)).timeout(RegistryTransport.REQUEST_TIMEOUT);
    }

    /** {@code /v2/<repository>/<kind>/<reference>}. */
    static String path(String repository, String kind, String reference) {
        return "/v2/" + repository + "/" + kind + "/" + reference;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Sends an authorized request and reads the answer into memory. */
    HttpResponse<byte[]> call(String what, List<String> scopes, Supplier<HttpRequest.Builder> request)
            throws IOException {
        return authorized(what, scopes, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends an authorized request and streams the answer. */
    HttpResponse<InputStream> callStream(String what, List<String> scopes, Supplier<HttpRequest.Builder> request)
            throws IOException {
        return authorized(what, scopes, request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * Sends a request with the authorization the registry wants; on 401 authenticates again once (a new token for
     * the scope, or basic credentials) and repeats it. A second refusal, or 403, fails naming the credentials used.
     */
    private <T> HttpResponse<T> authorized(String what, List<String> scopes, Supplier<HttpRequest.Builder> request,
                                           HttpResponse.BodyHandler<T> handler) throws IOException {
        String header = authorization(scopes, false);
        HttpResponse<T> response = transport.send(what, () -> build(request, header), handler);
        if (response.statusCode() == 401) {
            challengeOf(response).ifPresent(c -> challenge = c);
            close(response);
            List<String> wanted = new ArrayList<>(scopes);
            if (challenge != null) {
                challenge.parameter("scope").ifPresent(s -> {
                    if (!wanted.contains(s)) {
                        wanted.add(s);
                    }
                });
            }
            String renewed = authorization(wanted, true);
            if (renewed == null || renewed.equals(header) && challenge.isBasic()) {
                throw refused(what, 401);
            }
            response = transport.send(what, () -> build(request, renewed), handler);
            if (response.statusCode() == 401) {
                close(response);
                throw refused(what, 401);
            }
        }
        if (response.statusCode() == 403) {
            close(response);
            throw refused(what, 403);
        }
        return response;
    }

    /**
     * The request, with the registry's authorization only when it goes to the registry itself: the same scheme,
     * host and port. An upload {@code Location} or any other URL the registry names on another host (a storage
     * service, or a hostile one) gets the request without it.
     */
    private HttpRequest build(Supplier<HttpRequest.Builder> request, String authorization) {
        HttpRequest built = request.get().build();
        if (authorization == null || !sameOrigin(built.uri(), transport.base())) {
            return built;
        }
        return HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", authorization).build();
    }

    /** Whether two URIs have the same scheme, host and port (the default port of the scheme when none is given). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static void close(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // thrown away
            }
        }
    }

    /** The Authorization header for these scopes, or null for anonymous access. */
    private String authorization(List<String> scopes, boolean renew) throws IOException {
        if (challenge == null) {
            return null;
        }
        if (challenge.isBasic()) {
            return credential().map(RegistryAuthenticator::basic).orElse(null);
        }
        if (!challenge.isBearer()) {
            throw new RegistryException(registry + " asks for '" + challenge.scheme() + "' authentication; Kimigayo "
                    + "speaks basic and bearer", 401);
        }
        String key = String.join(" ", scopes);
        String token = renew ? null : tokens.get(key);
        if (token == null) {
            token = fetchToken(scopes);
            tokens.put(key, token);
        }
        return "Bearer " + token;
    }

    /** The {@code Authorization} value of HTTP basic authentication. */
    static String basic(Credential credential) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (credential.username() + ":" + credential.password()).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Credential> credential() throws IOException {
        if (credentials == null) {
            credentials = access.credentials().resolve(registry);
        }
        return credentials.credential();
    }

    /** Asks the token realm for a bearer token for the scopes, with basic credentials when there are some. */
    private String fetchToken(List<String> scopes) throws IOException {
        String realm = challenge.parameter("realm").orElseThrow(() -> new RegistryException(registry
                + ": the bearer challenge names no realm to get a token from", 401));
        StringBuilder query = new StringBuilder();
        challenge.parameter("service").ifPresent(s -> query.append("service=").append(enc(s)));
        for (String scope : new LinkedHashSet<>(scopes)) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(enc(scope));
        }
        URI uri;
        try {
            uri = new URI(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (URISyntaxException e) {
            throw new RegistryException(registry + ": the bearer challenge names a token realm that is not a URL ('"
                    + realm + "')", 401);
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new RegistryException(registry + ": the bearer challenge names a token realm that is not an http(s) "
                    + "URL ('" + realm + "')", 401);
        }
        Optional<Credential> credential = credential();
        if (credential.isPresent() && "http".equalsIgnoreCase(uri.getScheme()) && !access.allowInsecure()
                && !RegistryTransport.isLoopback(uri.getHost())) {
            throw new RegistryException(registry + ": the token realm " + uri.getScheme() + "://" + uri.getAuthority()
                    + " is plain HTTP, and the credentials (" + credentials.describe() + ") would cross the network "
                    + "readable; Kimigayo sends them over plain HTTP only to loopback hosts, or with "
                    + "allowInsecureRegistries for a network you trust", 401);
        }
        String what = "GET token from " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        HttpResponse<byte[]> response = transport.send(what, () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(RegistryTransport.REQUEST_TIMEOUT).GET();
            credential.ifPresent(c -> b.header("Authorization", basic(c)));
            return b.build();
        }, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw refused(what, response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(registry + ": " + what + " answered " + response.statusCode(),
                    response.statusCode());
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(registry + ": " + what + " did not answer with JSON", 200);
        }
        String token = answer.path("token").asText("");
        if (token.isEmpty()) {
            token = answer.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new RegistryException(registry + ": " + what + " answered without a token or access_token", 200);
        }
        return token;
    }

    private RegistryAuthenticationException refused(String what, int status) throws IOException {
        credential();
        String who = credentials.describe();
        String fix = credentials.credential().isPresent()
                ? (status == 401 ? "check the user name and password there"
                : "the user may not do this; ask for access to the repository")
                : "give credentials" + (credentials.howToGive().isEmpty() ? ""
                : ": " + String.join(", or ", credentials.howToGive()));
        return new RegistryAuthenticationException(registry + ": " + what + " refused with " + status
                + (status == 401 ? " Unauthorized" : " Forbidden") + "; used " + who + "; " + fix, status);
    }

    private static Optional<WwwAuthenticate> challengeOf(HttpResponse<?> response) {
        return response.headers().firstValue("WWW-Authenticate").map(WwwAuthenticate::parse);
    }

    /** Fails unless the registry answered one of these statuses. */
    void expect(HttpResponse<byte[]> response, String what, int... statuses) throws RegistryException {
        for (int s : statuses) {
            if (response.statusCode() == s) {
                return;
            }
        }
        throw failure(what, response.statusCode(), response.body());
    }

    /** A failure naming the request, the status and the registry's own error codes and messages. */
    RegistryException failure(String what, int status, byte[] body) {
        List<String> errors = new ArrayList<>();
        try {
            for (JsonNode e : Json.mapper().readTree(body).path("errors")) {
                errors.add(e.path("code").asText() + ": " + e.path("message").asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // no structured errors
        }
        return new RegistryException(registry + ": " + what + " failed with " + status
                + (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")"), status);
    }
}
