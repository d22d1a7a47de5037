package io.kimigayo.oci.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kimigayo.oci.model.Json;
import io.kimigayo.testing.ExternalTool;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server as docker's token auth specifies it, for the real registry's {@code auth: token} mode: checks HTTP
 * basic credentials, grants the scopes asked for, and answers a JWT signed (ES256) with a key whose certificate
 * (made by openssl) is in the registry's {@code rootcertbundle}. Optionally the first token it hands out has
 * expired already, as a cached token does after a while, so the registry refuses it.
 */
final class TokenServer implements AutoCloseable {

    static final String SERVICE = "kimigayo-test-registry";
    static final String ISSUER = "kimigayo-test-issuer";

    private final HttpServer server;
    private final PrivateKey key;
    private final String certificate;
    private final String user;
    private final String password;
    private final boolean accessTokenField;
    private final boolean firstTokenExpired;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> scopesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Makes the signing key and certificate with openssl into {@code dir} ({@code root.pem} for the registry). */
    TokenServer(Path dir, String user, String password, boolean accessTokenField, boolean firstTokenExpired)
            throws Exception {
        Files.createDirectories(dir);
        ExternalTool.require("openssl", "openssl").run(Map.of(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("root.pem").toString(), "-days", "2", "-subj", "/CN=kimigayo-test-token-signer")
                .requireSuccess();
        String pem = Files.readString(dir.resolve("key.pem")).replaceAll("-----[A-Z ]+-----|\\s", "");
        this.key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(dir.resolve("root.pem"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        this.certificate = Base64.getEncoder().encodeToString(cert.getEncoded());
        this.user = user;
        this.password = password;
        this.accessTokenField = accessTokenField;
        this.firstTokenExpired = firstTokenExpired;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/token", this::token);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    int issued() {
        return issued.get();
    }

    List<String> scopesAsked() {
        return scopesAsked;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("scope=")) {
                    String scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                    scopesAsked.add(scope);
                    String[] parts = scope.split(":");
                    access.add(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
                }
            }
            int n = issued.incrementAndGet();
            long now = Instant.now().getEpochSecond();
            long expires = firstTokenExpired && n == 1 ? now - 3600 : now + 300;
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", user);
            claims.put("aud", SERVICE);
            claims.put("exp", expires);
            claims.put("nbf", (firstTokenExpired && n == 1 ? now - 7200 : now - 10));
            claims.put("iat", (firstTokenExpired && n == 1 ? now - 7200 : now));
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            String jwt = jwt(Map.of("alg", "ES256", "typ", "JWT", "x5c", List.of(certificate)), claims);
            byte[] body = Json.write(Map.of(accessTokenField ? "access_token" : "token", jwt, "expires_in", 300));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private String jwt(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(Json.write(header)) + "." + b64.encodeToString(Json.write(claims));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(key);
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(es256.sign());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
