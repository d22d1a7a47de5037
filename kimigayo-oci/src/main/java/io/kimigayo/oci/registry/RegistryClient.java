package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A client of one registry's OCI distribution API: {@code /v2/} ping, manifests, blobs (existence, mount, upload in
 * one request or in chunks, verified download). Authenticates as the registry asks: anonymously, with HTTP basic, or
 * with bearer tokens from the realm named in {@code WWW-Authenticate} (fetched per scope, fetched again when a
 * token is refused). Credentials and tokens never appear in messages.
 */
public final class RegistryClient {

    /** Every manifest type Kimigayo reads, for {@code Accept}. */
    static final String MANIFEST_TYPES = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
    private static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final String registry;
    private final RegistryAccess access;
    private final RegistryTransport transport;
    private WwwAuthenticate challenge;
    private CredentialResolver.Resolution credentials;
    private final Map<String, String> tokens = new HashMap<>();

    private RegistryClient(String registry, RegistryAccess access, RegistryTransport transport) {
        this.registry = registry;
        this.access = access;
        this.transport = transport;
    }

    /**
     * Connects to a registry: chooses the scheme and learns how it authenticates from {@code GET /v2/}.
     *
     * @param registry the registry as written in references ({@code docker.io} for Docker Hub)
     */
    public static RegistryClient connect(String registry, RegistryAccess access) throws IOException {
        String apiHost = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        RegistryClient client = new RegistryClient(registry, access, new RegistryTransport(apiHost, access));
        HttpResponse<byte[]> ping = client.transport.ping();
        if (ping.statusCode() == 401) {
            client.challenge = challengeOf(ping).orElseThrow(() -> new RegistryException(registry + ": GET /v2/ "
                    + "answered 401 without a WWW-Authenticate challenge; this is not a registry Kimigayo can log in to",
                    401));
        } else if (ping.statusCode() != 200) {
            throw new RegistryException(registry + ": GET /v2/ answered " + ping.statusCode() + "; "
                    + transport(client).base() + " does not serve the OCI distribution API", ping.statusCode());
        }
        return client;
    }

    private static RegistryTransport transport(RegistryClient client) {
        return client.transport;
    }

    public String registry() {
        return registry;
    }

    /** How many HTTP requests were sent to the registry (and its token realm), retries included. */
    public int requestCount() {
        return transport.requests();
    }

    /** A manifest or index as the registry serves it. */
    public record ManifestResponse(byte[] bytes, String mediaType, Digest digest) {
        public Descriptor descriptor() {
            return new Descriptor(mediaType, digest, bytes.length);
        }
    }

    /** The digest of the manifest a tag or digest names, or empty when there is none. */
    public Optional<Digest> manifestDigest(String repository, String reference) throws IOException {
        HttpResponse<byte[]> response = call("HEAD manifest " + repository + ":" + reference, pull(repository),
                () -> request(path(repository, "manifests", reference)).header("Accept", MANIFEST_TYPES)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, "HEAD manifest " + repository + ":" + reference, 200);
        return response.headers().firstValue("Docker-Content-Digest").map(Digest::parse);
    }

    /**
     * Fetches a manifest or index; its bytes must hash to the digest asked for (or, for a tag, to the digest the
     * registry names).
     *
     * @return empty when the registry has no such manifest
     */
    public Optional<ManifestResponse> manifest(String repository, String reference) throws IOException {
        String what = "GET manifest " + repository + ":" + reference;
        HttpResponse<byte[]> response = call(what, pull(repository),
                () -> request(path(repository, "manifests", reference)).header("Accept", MANIFEST_TYPES).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, what, 200);
        byte[] bytes = response.body();
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new RegistryException(registry + "/" + repository + ":" + reference + ": the manifest is "
                    + bytes.length + " bytes, more than a manifest may be", 200);
        }
        Digest actual = Digest.of(bytes);
        Digest expected = reference.startsWith("sha256:") ? Digest.parse(reference)
                : response.headers().firstValue("Docker-Content-Digest").map(Digest::parse).orElse(actual);
        if (!actual.equals(expected)) {
            throw new RegistryException(registry + "/" + repository + ":" + reference + ": the manifest served "
                    + "hashes to " + actual + ", not " + expected + "; the registry or something between is "
                    + "corrupting data", 200);
        }
        String mediaType = mediaTypeOf(bytes, response.headers().firstValue("Content-Type").orElse(null));
        return Optional.of(new ManifestResponse(bytes, mediaType, actual));
    }

    private static String mediaTypeOf(byte[] bytes, String contentType) throws IOException {
        JsonNode node = Json.mapper().readTree(bytes);
        String declared = node.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        String header = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!header.isEmpty() && !header.equals("application/json")) {
            return header;
        }
        return node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    /** Stores a manifest under a tag (or its digest). */
    public void putManifest(String repository, String reference, String mediaType, byte[] bytes) throws IOException {
        String what = "PUT manifest " + repository + ":" + reference;
        HttpResponse<byte[]> response = call(what, push(repository), () -> request(path(repository, "manifests", reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        expect(response, what, 201);
        Optional<String> stored = response.headers().firstValue("Docker-Content-Digest");
        if (stored.isPresent() && !Digest.parse(stored.get()).equals(Digest.of(bytes))) {
            throw new RegistryException(what + ": the registry stored " + stored.get() + " instead of "
                    + Digest.of(bytes), 201);
        }
    }

    /** Whether the repository has a blob. */
    public boolean blobExists(String repository, Digest digest) throws IOException {
        String what = "HEAD blob " + digest + " in " + repository;
        HttpResponse<byte[]> response = call(what, push(repository),
                () -> request(path(repository, "blobs", digest.toString())).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, what, 200);
        return true;
    }

    /**
     * Asks the registry to mount a blob from another repository of its own (no bytes move).
     *
     * @return true when mounted; false when the registry started an upload instead (the blob must be sent)
     */
    public boolean mountBlob(String repository, Digest digest, String fromRepository) throws IOException {
        String what = "mount blob " + digest + " from " + fromRepository + " into " + repository;
        HttpResponse<byte[]> response = call(what, push(repository, fromRepository), () -> request(
                path(repository, "blobs", "uploads/") + "?mount=" + enc(digest.toString()) + "&from=" + enc(fromRepository))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(response, what, 201, 202);
        if (response.statusCode() == 202) {
            cancelUpload(response, repository);
            return false;
        }
        return true;
    }

    private void cancelUpload(HttpResponse<?> started, String repository) {
        Optional<URI> location = started.headers().firstValue("Location").map(l -> started.uri().resolve(l));
        if (location.isEmpty()) {
            return;
        }
        try {
            call("cancel upload in " + repository, push(repository),
                    () -> HttpRequest.newBuilder(location.get()).timeout(RegistryTransport.REQUEST_TIMEOUT).DELETE());
        } catch (IOException ignored) {
            // an abandoned upload is cleaned up by the registry itself
        }
    }

    /**
     * Uploads a blob from a file: in one request when it is at most the chunk size, else in chunks
     * ({@code PATCH} with {@code Content-Range}), resuming from what the registry has when a chunk's answer was lost.
     */
    public void uploadBlob(String repository, Descriptor blob, Path file) throws IOException {
        if (Files.size(file) != blob.size()) {
            throw new IOException(file + " is " + Files.size(file) + " bytes but its descriptor says " + blob.size());
        }
        upload(repository, blob, (offset, length) -> read(file, offset, length));
    }

    /** Uploads a blob held in memory (a document made for the push, such as a merged signature config). */
    public void uploadBlob(String repository, Descriptor blob, byte[] bytes) throws IOException {
        if (bytes.length != blob.size() || !Digest.of(bytes).equals(blob.digest())) {
            throw new IllegalArgumentException("the bytes to upload are not " + blob.digest() + " (" + blob.size()
                    + " bytes)");
        }
        upload(repository, blob, (offset, length) -> java.util.Arrays.copyOfRange(bytes, (int) offset,
                (int) (offset + length)));
    }

    /** Where the bytes of a blob being uploaded come from. */
    private interface Content {
        byte[] read(long offset, long length) throws IOException;
    }

    /** How many upload sessions one blob may take: a registry restarted mid-push forgets the session it had. */
    static final int UPLOAD_SESSIONS = 3;

    private void upload(String repository, Descriptor blob, Content content) throws IOException {
        String what = "upload blob " + blob.digest() + " to " + repository;
        for (int session = 1; ; session++) {
            SessionLost lost;
            try {
                uploadInSession(repository, blob, content, what);
                return;
            } catch (SessionLost e) {
                lost = e;
            }
            if (blobExists(repository, blob.digest())) {
                return; // the registry stored the blob before it lost the answer
            }
            if (session >= UPLOAD_SESSIONS) {
                throw new RegistryException(registry + ": " + what + ": the registry lost the upload " + session
                        + " times (" + lost.getMessage() + "); is it restarting over and over? Push again when it is "
                        + "up", 404);
            }
            access.progress().accept(registry + ": " + what + ": the registry no longer knows the upload ("
                    + lost.getMessage() + "), as after a restart; starting it again");
        }
    }

    /** The registry no longer knows an upload session (404 on it): a restarted registry forgets its sessions. */
    private static final class SessionLost extends IOException {
        SessionLost(String message) {
            super(message);
        }
    }

    private void uploadInSession(String repository, Descriptor blob, Content content, String what)
            throws IOException {
        HttpResponse<byte[]> started = call("start " + what, push(repository),
                () -> request(path(repository, "blobs", "uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, "start " + what, 202);
        URI location = location(started, what);
        long chunk = access.chunkSize();
        if (blob.size() > chunk) {
            long offset = 0;
            while (offset < blob.size()) {
                long length = Math.min(chunk, blob.size() - offset);
                byte[] bytes = content.read(offset, length);
                final URI target = location;
                final long from = offset;
                String patch = "PATCH " + what + " bytes " + from + "-" + (from + length - 1);
                HttpResponse<byte[]> patched = call(patch, push(repository),
                        () -> HttpRequest.newBuilder(target).timeout(RegistryTransport.TRANSFER_TIMEOUT)
                                .header("Content-Type", "application/octet-stream")
                                .header("Content-Range", from + "-" + (from + length - 1))
                                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
                if (patched.statusCode() == 416) {
                    // the registry has more or less than we think (an answer was lost): ask where it stands
                    offset = uploadOffset(target, repository, what);
                    continue;
                }
                sessionKnown(patched, patch);
                expect(patched, patch, 202);
                location = location(patched, what);
                offset = patched.headers().firstValue("Range").map(RegistryClient::rangeEnd).map(end -> end + 1)
                        .orElse(from + length);
            }
            final URI target = location;
            HttpResponse<byte[]> done = call("finish " + what, push(repository),
                    () -> HttpRequest.newBuilder(withDigest(target, blob.digest())).timeout(RegistryTransport.REQUEST_TIMEOUT)
                            .PUT(HttpRequest.BodyPublishers.noBody()));
            sessionKnown(done, "finish " + what);
            expect(done, "finish " + what, 201);
        } else {
            byte[] bytes = content.read(0, blob.size());
            final URI target = location;
            HttpResponse<byte[]> done = call(what, push(repository),
                    () -> HttpRequest.newBuilder(withDigest(target, blob.digest())).timeout(RegistryTransport.TRANSFER_TIMEOUT)
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
            sessionKnown(done, what);
            expect(done, what, 201);
        }
    }

    /** Throws {@link SessionLost} when the registry answered 404 on the upload session. */
    private void sessionKnown(HttpResponse<byte[]> response, String what) throws SessionLost {
        if (response.statusCode() == 404) {
            throw new SessionLost(failure(what, 404, response.body()).getMessage());
        }
    }

    private long uploadOffset(URI upload, String repository, String what) throws IOException {
        HttpResponse<byte[]> status = call("status of " + what, push(repository),
                () -> HttpRequest.newBuilder(upload).timeout(RegistryTransport.REQUEST_TIMEOUT).GET());
        sessionKnown(status, "status of " + what);
        expect(status, "status of " + what, 204);
        return status.headers().firstValue("Range").map(RegistryClient::rangeEnd).map(end -> end + 1).orElse(0L);
    }

    private static long rangeEnd(String range) {
        int dash = range.lastIndexOf('-');
        return Long.parseLong(range.substring(dash + 1).trim());
    }

    private static byte[] read(Path file, long offset, long length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return in.readNBytes((int) length);
        }
    }

    /**
     * Downloads a blob into a blob store, checking digest and size while it streams; a blob whose bytes do not match
     * never enters the store.
     *
     * @throws CorruptBlobException naming the blob when the registry served other bytes
     */
    public Path fetchBlob(String repository, Descriptor blob, BlobStore into) throws IOException {
        String what = "GET blob " + blob.digest() + " from " + repository;
        String origin = registry + "/" + repository;
        long deadline = System.nanoTime() + access.retry().budget().toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResponse<InputStream> response = followRedirects(what, pull(repository),
                    path(repository, "blobs", blob.digest().toString()));
            if (response.statusCode() != 200) {
                byte[] body = response.body().readAllBytes();
                response.body().close();
                throw failure(what, response.statusCode(), body);
            }
            try (InputStream in = response.body()) {
                return into.copyVerified(in, blob, origin);
            } catch (CorruptBlobException e) {
                throw e;
            } catch (IOException e) {
                // the connection broke while streaming: start the blob again while the budget lasts
                if (System.nanoTime() + access.retry().delay(attempt).toNanos() > deadline) {
                    throw new RegistryException(registry + ": gave up on " + what + " after " + attempt
                            + " attempts: " + e.getMessage(), e);
                }
                sleep(access.retry().delay(attempt));
            }
        }
    }

    private HttpResponse<InputStream> followRedirects(String what, List<String> scopes, String path) throws IOException {
        HttpResponse<InputStream> response = callStream(what, scopes, () -> request(path).GET());
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3; hops++) {
            response.body().close();
            URI next = response.uri().resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new RegistryException(what + ": a redirect without Location", 302)));
            // another host (a CDN, object storage): without the registry's credentials
            response = transport.send(what, () -> HttpRequest.newBuilder(next)
                    .timeout(RegistryTransport.TRANSFER_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        return response;
    }

    private static void sleep(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // ---- requests and authentication ----

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(transport.base().resolve(path)).timeout(RegistryTransport.REQUEST_TIMEOUT);
    }

    private static String path(String repository, String kind, String reference) {
        return "/v2/" + repository + "/" + kind + "/" + reference;
    }

    private static URI withDigest(URI location, Digest digest) {
        String text = location.toString();
        return URI.create(text + (text.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI location(HttpResponse<?> response, String what) throws RegistryException {
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(registry + ": " + what + ": the registry gave no upload "
                        + "Location", response.statusCode())));
    }

    private static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    private static List<String> push(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    private static List<String> push(String repository, String from) {
        return List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
    }

    private HttpResponse<byte[]> call(String what, List<String> scopes, Supplier<HttpRequest.Builder> request)
            throws IOException {
        return authorized(what, scopes, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<InputStream> callStream(String what, List<String> scopes, Supplier<HttpRequest.Builder> request)
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

    private static void close(HttpResponse<?> response) {
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
            return credential().map(c -> "Basic " + Base64.getEncoder().encodeToString(
                    (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))).orElse(null);
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
        } catch (java.net.URISyntaxException e) {
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
            credential.ifPresent(c -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))));
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
                : "give credentials: a settings.xml <server> (id = the registry, " + registry + ", or serverId), "
                + "or docker login " + registry;
        return new RegistryAuthenticationException(registry + ": " + what + " refused with " + status
                + (status == 401 ? " Unauthorized" : " Forbidden") + "; used " + who + "; " + fix, status);
    }

    private static Optional<WwwAuthenticate> challengeOf(HttpResponse<?> response) {
        return response.headers().firstValue("WWW-Authenticate").map(WwwAuthenticate::parse);
    }

    private void expect(HttpResponse<byte[]> response, String what, int... statuses) throws RegistryException {
        for (int s : statuses) {
            if (response.statusCode() == s) {
                return;
            }
        }
        throw failure(what, response.statusCode(), response.body());
    }

    /** A failure naming the request, the status and the registry's own error codes and messages. */
    private RegistryException failure(String what, int status, byte[] body) {
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

    /** Whether two references are of this registry. */
    boolean serves(ImageReference reference) {
        return reference.registry().equals(registry);
    }

    static Set<String> knownManifestTypes() {
        return Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_MANIFEST_LIST);
    }
}
