package io.kimigayo.oci.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a registry that misbehaves on purpose: one request per connection; every
 * {@code dropEvery}-th connection is reset without an answer, every {@code failEvery}-th (of the others) is answered
 * 503; the rest are passed to the registry. Not a fake registry: every answer that is not a fault is the registry's.
 */
final class FaultyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final int dropEvery;
    private final int failEvery;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final Thread acceptor;

    FaultyProxy(int targetPort, int dropEvery, int failEvery) throws IOException {
        this.targetPort = targetPort;
        this.dropEvery = dropEvery;
        this.failEvery = failEvery;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    int failed() {
        return failed.get();
    }

    int forwarded() {
        return forwarded.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "faulty-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = new java.io.PushbackInputStream(client.getInputStream(), 1);
            int first = in.read();
            if (first == 0x16 || first < 0) {
                return; // a TLS handshake (the client probing for https): hang up, as a plain HTTP server would
            }
            ((java.io.PushbackInputStream) in).unread(first);
            byte[] head = readHead(in);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            if (!text.matches("(?s)[A-Z]+ \\S+ HTTP/1\\.[01]\r\n.*")) {
                return; // not plain HTTP (a TLS probe): hang up
            }
            long length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes((int) length);
            int n = connections.incrementAndGet();
            if (n % dropEvery == 0) {
                dropped.incrementAndGet();
                client.setSoLinger(true, 0); // a reset, as a dying load balancer gives
                return;
            }
            if (n % failEvery == 0) {
                failed.incrementAndGet();
                client.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            forwarded.incrementAndGet();
            StringBuilder rewritten = new StringBuilder();
            for (String line : text.split("\r\n")) {
                if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    rewritten.append(line).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            try (Socket registry = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                OutputStream toRegistry = registry.getOutputStream();
                toRegistry.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
                toRegistry.write(body);
                toRegistry.flush();
                registry.getInputStream().transferTo(client.getOutputStream());
            }
        } catch (IOException e) {
            // the client or the registry went away: nothing to do
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 65536) {
                break;
            }
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
