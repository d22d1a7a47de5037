package io.kimigayo.oci.registry;

import io.kimigayo.oci.layout.CorruptBlobException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP side of talking to one registry, with Java's HttpClient: chooses HTTPS or (for loopback registries, or
 * when insecure registries are allowed) plain HTTP, trusts extra CA certificates, and retries requests that fail
 * for a reason that may pass (connection reset or refused, timeout, 5xx, 429) with growing waits until the retry
 * budget is spent, then fails with the last error. Never follows redirects on its own: a redirect may lead to
 * another host, which must not get the registry's credentials.
 */
final class RegistryTransport {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long a registry that may speak plain HTTP has to answer TLS before plain HTTP is tried. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);

    private final String host;
    private final RetryPolicy retry;
    private final boolean plainHttpAllowed;
    private final boolean insecure;
    private final HttpClient verifying;
    private final HttpClient unverified;
    private URI base;
    private int requests;

    RegistryTransport(String host, RegistryAccess access) throws IOException {
        this.host = host;
        this.retry = access.retry();
        this.insecure = access.allowInsecure();
        this.plainHttpAllowed = access.allowInsecure() || isLoopback(host);
        this.verifying = client(trusting(access.caCertificates()));
        this.unverified = access.allowInsecure() ? client(trustingAnything()) : null;
    }

    String host() {
        return host;
    }

    /** How many HTTP requests were sent, retries included. */
    int requests() {
        return requests;
    }

    /** {@code https://host} or {@code http://host}, once {@link #ping} has chosen. */
    URI base() {
        return base;
    }

    /**
     * Finds how to talk to the registry with {@code GET /v2/}: HTTPS, falling back to plain HTTP only for loopback
     * registries or when insecure registries are allowed.
     *
     * @return the answer to {@code GET /v2/}
     */
    HttpResponse<byte[]> ping() throws IOException {
        URI https = URI.create("https://" + host + "/v2/");
        try {
            HttpResponse<byte[]> response = plainHttpAllowed ? probeTls(https)
                    : send("GET /v2/ (https)", () -> get(https), HttpResponse.BodyHandlers.ofByteArray());
            if (response != null) {
                base = URI.create("https://" + host);
                return response;
            }
        } catch (TlsException e) {
            if (e.certificateProblem && insecure) {
                base = URI.create("https://" + host);
                return send("GET /v2/", () -> get(https), HttpResponse.BodyHandlers.ofByteArray());
            }
            if (e.certificateProblem || !plainHttpAllowed) {
                throw new RegistryException(host + ": " + e.getMessage() + (e.certificateProblem
                        ? "; the registry's certificate is not trusted: give its CA certificate (PEM) as caCertificate, "
                        + "or set allowInsecureRegistries for a registry you trust"
                        : "; the registry does not speak TLS: plain HTTP is used only for loopback registries or with "
                        + "allowInsecureRegistries"), e);
            }
        }
        base = URI.create("http://" + host);
        return send("GET /v2/ (plain http)", () -> get(base.resolve("/v2/")), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * One HTTPS attempt at a registry that may speak plain HTTP (loopback, or insecure allowed): null when it does not
     * answer TLS in {@link #PROBE_TIMEOUT}, as a plain HTTP server that waits for a request line never does; a TLS
     * failure as a {@link TlsException}; any other failure as {@link #send} reports it.
     */
    private HttpResponse<byte[]> probeTls(URI https) throws IOException {
        HttpRequest probe = HttpRequest.newBuilder(https).timeout(PROBE_TIMEOUT).GET().build();
        HttpClient client = unverified != null ? unverified : verifying;
        try {
            requests++;
            return client.send(probe, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            return null;
        } catch (IOException e) {
            SSLException tls = find(e, SSLException.class);
            if (tls != null) {
                throw new TlsException(https, tls, isCertificateProblem(e));
            }
            return send("GET /v2/ (https)", () -> get(https), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(host + ": interrupted during GET /v2/", e);
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    }

    /**
     * Sends a request, retrying what may pass.
     *
     * @param what    names the request in messages ({@code PUT manifest app:1.0})
     * @param request makes the request afresh for each attempt (bodies are read again)
     */
    <T> HttpResponse<T> send(String what, Supplier<HttpRequest> request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        long start = System.nanoTime();
        long deadline = start + retry.budget().toNanos();
        String last;
        Throwable lastCause = null;
        int attempt = 0;
        while (true) {
            attempt++;
            HttpRequest built = request.get();
            HttpClient client = unverified != null && built.uri().getScheme().equals("https") ? unverified : verifying;
            try {
                requests++;
                HttpResponse<T> response = client.send(built, handler);
                int status = response.statusCode();
                if (status < 500 && status != 429) {
                    return response;
                }
                discard(response);
                last = "the registry answered " + status;
                lastCause = null;
                Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(RegistryTransport::seconds);
                if (!sleepBeforeRetry(attempt, deadline, retryAfter.orElse(null))) {
                    throw new RegistryException(giveUp(what, attempt, start, last), status);
                }
            } catch (IOException e) {
                if (e instanceof CorruptBlobException || e instanceof RegistryException) {
                    throw e;
                }
                SSLException tls = find(e, SSLException.class);
                if (tls != null && built.uri().getScheme().equals("https") && base == null) {
                    throw new TlsException(built.uri(), tls, isCertificateProblem(e));
                }
                if (find(e, UnknownHostException.class) != null) {
                    throw new RegistryException(host + ": unknown host; check the registry name in the image "
                            + "reference", e);
                }
                last = describe(e);
                lastCause = e;
                if (!sleepBeforeRetry(attempt, deadline, null)) {
                    throw new RegistryException(giveUp(what, attempt, start, last), lastCause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(host + ": interrupted during " + what, e);
            }
        }
    }

    private String giveUp(String what, int attempts, long start, String last) {
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        return host + ": gave up on " + what + " after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + " in "
                + seconds + " s; last: " + last + ". Check that the registry is up and reachable, then build again";
    }

    private boolean sleepBeforeRetry(int attempt, long deadline, Duration requested) throws IOException {
        Duration wait = retry.delay(attempt);
        if (requested != null && requested.compareTo(wait) > 0 && requested.compareTo(retry.maxDelay()) <= 0) {
            wait = requested;
        }
        if (System.nanoTime() + wait.toNanos() > deadline) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
        return true;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the response is thrown away anyway
            }
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && (message == null || message.isBlank())) {
            root = root.getCause();
            message = root.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isCertificateProblem(Throwable e) {
        return find(e, CertificateException.class) != null || find(e, CertPathValidatorException.class) != null
                || find(e, javax.net.ssl.SSLPeerUnverifiedException.class) != null;
    }

    static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(1, host.indexOf(']'))
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (name.equals("localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false; // a name: never resolved just to decide this
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static HttpClient client(SSLContext ssl) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .sslContext(ssl)
                .build();
    }

    /** The JVM's trusted CAs, plus those in {@code caFile} when given. */
    private static SSLContext trusting(Path caFile) throws IOException {
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            List<X509ExtendedTrustManager> managers = new ArrayList<>();
            managers.add(x509(defaults.getTrustManagers()));
            if (caFile != null) {
                if (!Files.isRegularFile(caFile)) {
                    throw new IOException("caCertificate " + caFile + " does not exist");
                }
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                Collection<? extends java.security.cert.Certificate> certificates;
                try (InputStream in = Files.newInputStream(caFile)) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IOException("caCertificate " + caFile + " holds no PEM certificate");
                }
                int i = 0;
                for (java.security.cert.Certificate certificate : certificates) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                TrustManagerFactory extra = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                extra.init(store);
                managers.add(x509(extra.getTrustManagers()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new AnyOf(managers)}, null);
            return context;
        } catch (CertificateException e) {
            throw new IOException("caCertificate " + caFile + " is not a PEM certificate file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager x509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JVM has no X.509 trust manager");
    }

    private static SSLContext trustingAnything() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new AnyOf(List.of())}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Trusts a server when one of its managers does (with host name checks, as they do); with no managers, trusts
     * any server (only for allowInsecureRegistries).
     */
    private static final class AnyOf extends X509ExtendedTrustManager {
        private final List<X509ExtendedTrustManager> managers;

        AnyOf(List<X509ExtendedTrustManager> managers) {
            this.managers = managers;
        }

        private interface Check {
            void run(X509ExtendedTrustManager m) throws CertificateException;
        }

        private void any(Check check) throws CertificateException {
            CertificateException first = null;
            for (X509ExtendedTrustManager m : managers) {
                try {
                    check.run(m);
                    return;
                } catch (CertificateException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            any(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            any(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            any(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }

    /** TLS failed while the scheme was being chosen. */
    private static final class TlsException extends IOException {
        final boolean certificateProblem;

        TlsException(URI uri, SSLException cause, boolean certificateProblem) {
            super("TLS to " + uri + " failed (" + cause.getMessage() + ")", cause);
            this.certificateProblem = certificateProblem;
        }
    }
}
