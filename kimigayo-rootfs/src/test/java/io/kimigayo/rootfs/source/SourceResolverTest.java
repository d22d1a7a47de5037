package io.kimigayo.rootfs.source;

import com.sun.net.httpserver.HttpServer;
import io.kimigayo.core.hash.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceResolverTest {

    private static final byte[] CONTENT = "the pinned source archive\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "something else entirely\n".getBytes(StandardCharsets.UTF_8);
    private static final String FILE = "demo-1.0.tar.gz";

    @TempDir
    Path work;

    private HttpServer server;
    /** Paths the server serves, with their bytes; anything else is a 404. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** Every path requested, in order. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            byte[] body = served.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String http(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A spec for {@link #CONTENT} whose upstream is this test's server ({@code /upstream/FILE}). */
    private SourceSpec spec() throws Exception {
        return new SourceSpec("demo", "1.0", http("/upstream/" + FILE), sha256(CONTENT));
    }

    private SourceResolver resolver(List<String> mirrors, boolean offline) {
        return new SourceResolver(work.resolve("cache"), mirrors, offline, progress::add);
    }

    private Path cachedPath() throws Exception {
        return work.resolve("cache/sources").resolve(sha256(CONTENT)).resolve(FILE);
    }

    private Path mirrorWith(String name, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.write(dir.resolve(FILE), bytes);
        return dir;
    }

    /** The regular files anywhere below the cache's sources directory. */
    private List<Path> cachedFiles() throws IOException {
        Path sources = work.resolve("cache/sources");
        if (!Files.exists(sources)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(sources)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void cacheHitNeedsNoMirrorAndNoNetwork() throws Exception {
        Path cached = cachedPath();
        Files.createDirectories(cached.getParent());
        Files.write(cached, CONTENT);
        served.put("/upstream/" + FILE, CONTENT);

        Path resolved = resolver(List.of(), false).resolve(spec());

        assertEquals(cached, resolved);
        assertEquals(List.of(), requests, "a cache hit must not touch the network");
        assertEquals(List.of(), progress);
    }

    @Test
    void damagedCachedFileIsFetchedAgain() throws Exception {
        Path cached = cachedPath();
        Files.createDirectories(cached.getParent());
        Files.write(cached, OTHER);
        Path mirror = mirrorWith("mirror", CONTENT);

        Path resolved = resolver(List.of(mirror.toString()), true).resolve(spec());

        assertEquals(cached, resolved);
        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertTrue(progress.stream().anyMatch(l -> l.contains(FILE) && l.contains("damaged")), progress.toString());
    }

    @Test
    void directoryMirrorIsSearchedByFileNameAndFillsTheCache() throws Exception {
        Path mirror = mirrorWith("mirror", CONTENT);
        served.put("/upstream/" + FILE, CONTENT);

        Path resolved = resolver(List.of(mirror.toString()), false).resolve(spec());

        assertEquals(cachedPath(), resolved);
        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertEquals(List.of(), requests, "the mirror comes before upstream");
        assertTrue(progress.stream().anyMatch(l -> l.contains(FILE) && l.contains("from mirror " + mirror)),
                progress.toString());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(resolved)));

        // Once cached, the mirror is no longer needed.
        Files.delete(mirror.resolve(FILE));
        assertEquals(resolved, resolver(List.of(mirror.toString()), true).resolve(spec()));
        assertEquals(List.of(resolved), cachedFiles(), "no temporary files are left behind");
    }

    @Test
    void fileUrlMirrorWorksLikeADirectory() throws Exception {
        Path mirror = mirrorWith("file-mirror", CONTENT);
        String url = mirror.toUri().toString();
        assertTrue(url.startsWith("file:"), url);

        Path resolved = resolver(List.of(url), true).resolve(spec());

        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertEquals(List.of(), requests);
    }

    @Test
    void mirrorsAreTriedInOrderAndBlankOnesIgnored() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Path full = mirrorWith("full", CONTENT);

        Path resolved = resolver(List.of(" ", empty.toString(), " " + full + " "), true).resolve(spec());

        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertTrue(progress.stream().anyMatch(l -> l.contains("from mirror " + full)), progress.toString());
    }

    @Test
    void httpMirror404FallsThroughToTheNextLocation() throws Exception {
        served.put("/second/" + FILE, CONTENT);

        Path resolved = resolver(List.of(http("/first"), http("/second/")), false).resolve(spec());

        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertEquals(List.of("/first/" + FILE, "/second/" + FILE), requests);
        assertTrue(progress.stream().anyMatch(l -> l.contains("downloading " + http("/second/" + FILE))),
                progress.toString());
    }

    @Test
    void upstreamIsTheLastResort() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        served.put("/upstream/" + FILE, CONTENT);

        Path resolved = resolver(List.of(http("/mirror"), empty.toString()), false).resolve(spec());

        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertEquals(List.of("/mirror/" + FILE, "/upstream/" + FILE), requests);
    }

    @Test
    void offlineSkipsHttpMirrorsAndUpstreamButUsesDirectoryMirrors() throws Exception {
        served.put("/mirror/" + FILE, CONTENT);
        served.put("/upstream/" + FILE, CONTENT);
        Path dir = mirrorWith("dir", CONTENT);

        Path resolved = resolver(List.of(http("/mirror"), dir.toString()), true).resolve(spec());

        assertArrayEquals(CONTENT, Files.readAllBytes(resolved));
        assertEquals(List.of(), requests, "offline means no network at all");
    }

    @Test
    void offlineWithoutALocalCopyFailsSayingWhatWasSkipped() throws Exception {
        served.put("/mirror/" + FILE, CONTENT);
        served.put("/upstream/" + FILE, CONTENT);

        SourceException e = assertThrows(SourceException.class,
                () -> resolver(List.of(http("/mirror")), true).resolve(spec()));

        assertEquals(List.of(), requests);
        assertTrue(e.getMessage().contains(http("/mirror") + " (skipped: offline)"), e.getMessage());
        assertTrue(e.getMessage().contains(http("/upstream/" + FILE) + " (skipped: offline)"), e.getMessage());
        assertTrue(e.getMessage().contains("or allow the network"), e.getMessage());
    }

    @Test
    void digestMismatchFromADirectoryMirrorIsAnErrorAndCachesNothing() throws Exception {
        Path mirror = mirrorWith("bad-mirror", OTHER);
        served.put("/upstream/" + FILE, CONTENT);

        SourceException e = assertThrows(SourceException.class,
                () -> resolver(List.of(mirror.toString()), false).resolve(spec()));

        String message = e.getMessage();
        assertTrue(message.startsWith(FILE), message);
        assertTrue(message.contains(sha256(OTHER)), "names the digest found: " + message);
        assertTrue(message.contains(sha256(CONTENT)), "names the digest expected: " + message);
        assertTrue(message.contains(mirror.resolve(FILE).toString()), "names the origin: " + message);
        assertEquals(List.of(), cachedFiles(), "nothing unverified enters the cache");
        assertFalse(Files.exists(cachedPath()));
        assertEquals(List.of(), requests, "a mismatch is an error, not a reason to try elsewhere");
    }

    @Test
    void digestMismatchFromAnHttpMirrorNamesTheUrl() throws Exception {
        served.put("/mirror/" + FILE, OTHER);

        SourceException e = assertThrows(SourceException.class,
                () -> resolver(List.of(http("/mirror")), false).resolve(spec()));

        assertTrue(e.getMessage().contains(FILE + " from " + http("/mirror/" + FILE)), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 is " + sha256(OTHER)), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + sha256(CONTENT)), e.getMessage());
        assertEquals(List.of(), cachedFiles());
    }

    @Test
    void notFoundAnywhereListsEveryPlaceTried() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + closedPort + "/nothing";

        SourceException e = assertThrows(SourceException.class,
                () -> resolver(List.of(empty.toString(), http("/mirror"), refused), false).resolve(spec()));

        String message = e.getMessage();
        assertTrue(message.startsWith(FILE + " (demo 1.0) was found nowhere"), message);
        assertTrue(message.contains(empty.resolve(FILE) + " (not there)"), message);
        assertTrue(message.contains(http("/mirror/" + FILE) + " (HTTP 404)"), message);
        assertTrue(message.contains(refused + "/" + FILE + " ("), message);
        assertTrue(message.contains(http("/upstream/" + FILE) + " (HTTP 404)"), message);
        assertTrue(message.contains("as a source mirror"), message);
        assertEquals(List.of(), cachedFiles());
    }

    @Test
    void sha256OfAFile() throws Exception {
        Path file = work.resolve("f");
        Files.write(file, CONTENT);
        assertEquals(sha256(CONTENT), Sha256.hex(file));
        Files.write(file, new byte[0]);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(file));
    }
}
