package io.kimigayo.testing;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real CNCF distribution registry (Debian's {@code docker-registry} package, {@code /usr/bin/docker-registry}) on
 * 127.0.0.1 and a free port, storing into a directory of the test's, with its own configuration (the package's
 * {@code /etc/docker/registry/config.yml} asks for htpasswd auth, and the package's service, where systemd starts it,
 * listens on :5000; neither is used). Plain HTTP unless {@link Options#tls} is set; anonymous unless htpasswd or token
 * auth is set.
 *
 * <pre>{@code
 * @BeforeAll static void start(@TempDir Path dir) throws IOException { registry = LocalRegistry.start(dir); }
 * @AfterAll static void stop() { registry.close(); }
 * }</pre>
 * A missing binary fails the test with {@code apt-get install docker-registry}; it is never skipped.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;
    /** An access-log line of the registry: {@code "PUT /v2/x/manifests/1 HTTP/1.1" 201}. */
    private static final Pattern ACCESS = Pattern.compile(
            "\"(GET|HEAD|POST|PUT|PATCH|DELETE) (\\S+) HTTP/[0-9.]+\" ([0-9]{3})");

    private Process process;
    private final int port;
    private final Path logFile;
    private final Path storage;
    private final boolean tls;
    private final Path config;
    private final Thread shutdownHook;

    private LocalRegistry(Process process, int port, Path logFile, Path storage, boolean tls, Path config) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.storage = storage;
        this.tls = tls;
        this.config = config;
        this.shutdownHook = new Thread(() -> this.process.destroyForcibly(), "stop docker-registry on port " + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** How to configure the registry beyond storage and address. */
    public static final class Options {
        private Path htpasswd;
        private Path certificate;
        private Path key;
        private String tokenRealm;
        private String tokenService;
        private String tokenIssuer;
        private Path tokenRootCertificates;

        /** HTTP basic auth against an htpasswd file (bcrypt entries, {@code htpasswd -B}). */
        public Options htpasswd(Path file) {
            this.htpasswd = file;
            return this;
        }

        /** HTTPS with this PEM certificate (chain) and key. */
        public Options tls(Path certificateFile, Path keyFile) {
            this.certificate = certificateFile;
            this.key = keyFile;
            return this;
        }

        /** Bearer token auth: clients fetch JWTs from {@code realm}; the registry trusts tokens chaining to the root. */
        public Options token(String realm, String service, String issuer, Path rootCertificates) {
            this.tokenRealm = realm;
            this.tokenService = service;
            this.tokenIssuer = issuer;
            this.tokenRootCertificates = rootCertificates;
            return this;
        }
    }

    /**
     * Starts an anonymous plain-HTTP registry storing under {@code workDir/storage}, logging to
     * {@code workDir/registry.log}, and waits until {@code GET /v2/} answers.
     */
    public static LocalRegistry start(Path workDir) throws IOException {
        return start(workDir, new Options());
    }

    /** Starts a registry configured by {@code options}. */
    public static LocalRegistry start(Path workDir, Options options) throws IOException {
        Files.createDirectories(workDir);
        Path storage = Files.createDirectories(workDir.resolve("storage"));
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freePort();
            Path config = workDir.resolve("config.yml");
            Files.writeString(config, config(storage, port, options), StandardCharsets.UTF_8);
            Path log = workDir.resolve("registry.log");
            Process process = launch(config, log);
            try {
                waitUntilUp(process, port, options.certificate != null, log);
                return new LocalRegistry(process, port, log, storage, options.certificate != null, config);
            } catch (IOException e) {
                process.destroyForcibly();
                last = e; // most likely the port was taken between freePort() and the bind: try another
            }
        }
        throw last;
    }

    private static Process launch(Path config, Path log) throws IOException {
        ExternalTool binary = ExternalTool.require("docker-registry", "docker-registry");
        return new ProcessBuilder(List.of(binary.executable().toString(), "serve", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Kills the registry at once (SIGKILL), as a crash or an OOM kill does: requests in flight are cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * Starts the registry again on the same port, storage and configuration (after {@link #kill}) and waits until it
     * answers. Like any registry started anew, it has a new secret for its upload state.
     */
    public void restart() throws IOException {
        process = launch(config, logFile);
        waitUntilUp(process, port, tls, logFile);
    }

    private static String config(Path storage, int port, Options options) {
        StringBuilder yaml = new StringBuilder("version: 0.1\n"
                + "log:\n"
                + "  level: info\n"
                + "storage:\n"
                + "  filesystem:\n"
                + "    rootdirectory: " + storage.toAbsolutePath() + "\n"
                + "  delete:\n"
                + "    enabled: true\n"
                + "http:\n"
                + "  addr: 127.0.0.1:" + port + "\n");
        if (options.certificate != null) {
            yaml.append("  tls:\n")
                    .append("    certificate: ").append(options.certificate.toAbsolutePath()).append('\n')
                    .append("    key: ").append(options.key.toAbsolutePath()).append('\n');
        }
        if (options.htpasswd != null) {
            yaml.append("auth:\n  htpasswd:\n    realm: kimigayo-test\n    path: ")
                    .append(options.htpasswd.toAbsolutePath()).append('\n');
        } else if (options.tokenRealm != null) {
            yaml.append("auth:\n  token:\n")
                    .append("    realm: ").append(options.tokenRealm).append('\n')
                    .append("    service: ").append(options.tokenService).append('\n')
                    .append("    issuer: ").append(options.tokenIssuer).append('\n')
                    .append("    rootcertbundle: ").append(options.tokenRootCertificates.toAbsolutePath()).append('\n');
        }
        return yaml.toString();
    }

    /**
     * Writes an htpasswd file with one bcrypt entry, made by {@code htpasswd -B} (apache2-utils), the format the
     * registry's htpasswd auth reads.
     */
    public static Path writeHtpasswd(Path file, String user, String password) throws IOException {
        ExternalTool htpasswd = ExternalTool.require("htpasswd", "apache2-utils");
        String entry = htpasswd.run(java.util.Map.of(), "-nbB", user, password).requireSuccess().stdout().strip();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, entry + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** A free TCP port on the loopback interface (free now; someone may take it before it is used). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilUp(Process process, int port, boolean tls, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        URL url = new URL((tls ? "https" : "http") + "://127.0.0.1:" + port + "/v2/");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + " before answering on "
                        + "port " + port + "; its log " + log + " ends with:\n" + tail(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                if (connection instanceof HttpsURLConnection https) {
                    // only to see that it is up: the tests' clients check the certificate
                    https.setSSLSocketFactory(trustAnything().getSocketFactory());
                    https.setHostnameVerifier((host, session) -> true);
                }
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for docker-registry", e);
            }
        }
        throw new IOException("docker-registry did not answer GET " + url + " within " + STARTUP.toSeconds()
                + " s; its log " + log + " ends with:\n" + tail(log));
    }

    private static SSLContext trustAnything() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:PORT/<repositoryAndTag>}. */
    public String reference(String repositoryAndTag) {
        return host() + "/" + repositoryAndTag;
    }

    /** The registry's own log (info level, with its access log). */
    public Path logFile() {
        return logFile;
    }

    /** Where the registry keeps its content ({@code docker/registry/v2/...}). */
    public Path storage() {
        return storage;
    }

    /** The file in which the registry keeps a blob. */
    public Path blobFile(String hex) {
        return storage.resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

    public boolean tls() {
        return tls;
    }

    /** One request the registry answered, from its access log. */
    public record Request(String method, String path, int status) {
        /** Whether it is part of uploading a blob (starting, sending or finishing an upload, or a mount). */
        public boolean isBlobUpload() {
            return path.contains("/blobs/uploads/");
        }
    }

    /** Every request the registry has answered so far, in order. */
    public List<Request> requests() throws IOException {
        List<Request> requests = new ArrayList<>();
        for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
            Matcher m = ACCESS.matcher(line);
            if (m.find()) {
                requests.add(new Request(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return requests;
    }

    /** Stops the registry (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
