package io.kimigayo.signing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real CNCF distribution registry (Debian's {@code docker-registry} package, {@code /usr/bin/docker-registry}) on
 * 127.0.0.1 and a free port, storing into a directory of the test's, with its own configuration (the package's
 * {@code /etc/docker/registry/config.yml} asks for htpasswd auth, and the package's service, where systemd starts it,
 * listens on :5000; neither is used). Plain HTTP: clients need {@code --tls-verify=false}.
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

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private LocalRegistry(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop docker-registry on port " + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a registry storing under {@code workDir/storage}, logging to {@code workDir/registry.log}, and waits
     * until {@code GET /v2/} answers.
     */
    public static LocalRegistry start(Path workDir) throws IOException {
        ExternalTool binary = ExternalTool.require("docker-registry", "docker-registry");
        Files.createDirectories(workDir);
        Path storage = Files.createDirectories(workDir.resolve("storage"));
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freePort();
            Path config = workDir.resolve("config.yml");
            Files.writeString(config, "version: 0.1\n"
                    + "log:\n"
                    + "  level: info\n"
                    + "storage:\n"
                    + "  filesystem:\n"
                    + "    rootdirectory: " + storage.toAbsolutePath() + "\n"
                    + "  delete:\n"
                    + "    enabled: true\n"
                    + "http:\n"
                    + "  addr: 127.0.0.1:" + port + "\n", StandardCharsets.UTF_8);
            Path log = workDir.resolve("registry.log");
            Process process = new ProcessBuilder(List.of(binary.executable().toString(), "serve", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                waitUntilUp(process, port, log);
                return new LocalRegistry(process, port, log);
            } catch (IOException e) {
                process.destroyForcibly();
                last = e; // most likely the port was taken between freePort() and the bind: try another
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilUp(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        URL url = new URL("http://127.0.0.1:" + port + "/v2/");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + " before answering on "
                        + "port " + port + "; its log " + log + " ends with:\n" + tail(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200) {
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

    /** The registry's own log (info level). */
    public Path logFile() {
        return logFile;
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
