package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.model.Descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.kimigayo.oci.registry.RegistryAuthenticator.enc;
import static io.kimigayo.oci.registry.RegistryAuthenticator.path;
import static io.kimigayo.oci.registry.RegistryAuthenticator.pull;
import static io.kimigayo.oci.registry.RegistryAuthenticator.push;

/**
 * Blobs in one registry: existence, cross-repository mount, upload in one request or in chunks ({@code PATCH} with
 * {@code Content-Range}, resuming from what the registry has when an answer was lost, and in a new session when a
 * restarted registry forgot the old one), and verified download (following redirects to storage without the
 * registry's credentials).
 */
final class BlobTransfer {

    /** How many upload sessions one blob may take: a registry restarted mid-push forgets the session it had. */
    static final int UPLOAD_SESSIONS = 3;

    private final RegistryAuthenticator auth;
    private final RegistryAccess access;
    private final String registry;

    BlobTransfer(RegistryAuthenticator auth) {
        this.auth = auth;
        this.access = auth.access();
        this.registry = auth.registry();
    }

    /** Whether the repository has a blob. */
    boolean blobExists(String repository, Digest digest) throws IOException {
        String what = "HEAD blob " + digest + " in " + repository;
        HttpResponse<byte[]> response = auth.call(what, push(repository), () -> auth.request(
                path(repository, "blobs", digest.toString())).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return false;
        }
        auth.expect(response, what, 200);
        return true;
    }

    /**
     * Asks the registry to mount a blob from another repository of its own (no bytes move).
     *
     * @return true when mounted; false when the registry started an upload instead (the blob must be sent)
     */
    boolean mountBlob(String repository, Digest digest, String fromRepository) throws IOException {
        String what = "mount blob " + digest + " from " + fromRepository + " into " + repository;
        HttpResponse<byte[]> response = auth.call(what, push(repository, fromRepository), () -> auth.request(
                path(repository, "blobs", "uploads/") + "?mount=" + enc(digest.toString()) + "&from="
                        + enc(fromRepository)).POST(HttpRequest.BodyPublishers.noBody()));
        auth.expect(response, what, 201, 202);
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
            auth.call("cancel upload in " + repository, push(repository),
                    () -> HttpRequest.newBuilder(location.get()).timeout(RegistryTransport.REQUEST_TIMEOUT).DELETE());
        } catch (IOException ignored) {
            // an abandoned upload is cleaned up by the registry itself
        }
    }

    /**
     * Uploads a blob from a file: in one request when it is at most the chunk size, else in chunks
     * ({@code PATCH} with {@code Content-Range}), resuming from what the registry has when a chunk's answer was lost.
     */
    void uploadBlob(String repository, Descriptor blob, Path file) throws IOException {
        if (Files.size(file) != blob.size()) {
            throw new IOException(file + " is " + Files.size(file) + " bytes but its descriptor says " + blob.size());
        }
        upload(repository, blob, (offset, length) -> read(file, offset, length));
    }

    /** Uploads a blob held in memory (a document made for the push, such as a merged signature config). */
    void uploadBlob(String repository, Descriptor blob, byte[] bytes) throws IOException {
        if (bytes.length != blob.size() || !Digest.of(bytes).equals(blob.digest())) {
            throw new IllegalArgumentException("the bytes to upload are not " + blob.digest() + " (" + blob.size()
                    + " bytes)");
        }
        upload(repository, blob, (offset, length) -> Arrays.copyOfRange(bytes, (int) offset,
                (int) (offset + length)));
    }

    /** Where the bytes of a blob being uploaded come from. */
    private interface Content {
        byte[] read(long offset, long length) throws IOException;
    }

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
        HttpResponse<byte[]> started = auth.call("start " + what, push(repository),
                () -> auth.request(path(repository, "blobs", "uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        auth.expect(started, "start " + what, 202);
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
                HttpResponse<byte[]> patched = auth.call(patch, push(repository),
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
                auth.expect(patched, patch, 202);
                location = location(patched, what);
                offset = nextOffset(patched, from + length);
            }
            finish(repository, location, blob, "finish " + what, RegistryTransport.REQUEST_TIMEOUT, null);
        } else {
            finish(repository, location, blob, what, RegistryTransport.TRANSFER_TIMEOUT,
                    content.read(0, blob.size()));
        }
    }

    /** Closes an upload with {@code PUT ?digest=}, sending the last (or only) bytes when there are some. */
    private void finish(String repository, URI location, Descriptor blob, String what, Duration timeout,
                        byte[] bytes) throws IOException {
        HttpResponse<byte[]> done = auth.call(what, push(repository), () -> {
            HttpRequest.Builder put = HttpRequest.newBuilder(withDigest(location, blob.digest())).timeout(timeout);
            return bytes == null ? put.PUT(HttpRequest.BodyPublishers.noBody())
                    : put.header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        });
        sessionKnown(done, what);
        auth.expect(done, what, 201);
    }

    /** Throws {@link SessionLost} when the registry answered 404 on the upload session. */
    private void sessionKnown(HttpResponse<byte[]> response, String what) throws SessionLost {
        if (response.statusCode() == 404) {
            throw new SessionLost(auth.failure(what, 404, response.body()).getMessage());
        }
    }

    private long uploadOffset(URI upload, String repository, String what) throws IOException {
        HttpResponse<byte[]> status = auth.call("status of " + what, push(repository),
                () -> HttpRequest.newBuilder(upload).timeout(RegistryTransport.REQUEST_TIMEOUT).GET());
        sessionKnown(status, "status of " + what);
        auth.expect(status, "status of " + what, 204);
        return nextOffset(status, 0L);
    }

    /** The offset after the last byte the registry's {@code Range} says it has, or {@code otherwise}. */
    private static long nextOffset(HttpResponse<?> response, long otherwise) {
        return response.headers().firstValue("Range").map(BlobTransfer::rangeEnd).map(end -> end + 1)
                .orElse(otherwise);
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

    private static URI withDigest(URI location, Digest digest) {
        String text = location.toString();
        return URI.create(text + (text.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString()));
    }

    private URI location(HttpResponse<?> response, String what) throws RegistryException {
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(registry + ": " + what + ": the registry gave no upload "
                        + "Location", response.statusCode())));
    }

    /**
     * Downloads a blob into a blob store, checking digest and size while it streams; a blob whose bytes do not match
     * never enters the store.
     *
     * @throws CorruptBlobException naming the blob when the registry served other bytes
     */
    Path fetchBlob(String repository, Descriptor blob, BlobStore into) throws IOException {
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
                throw auth.failure(what, response.statusCode(), body);
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

    private HttpResponse<InputStream> followRedirects(String what, List<String> scopes, String path)
            throws IOException {
        HttpResponse<InputStream> response = auth.callStream(what, scopes, () -> auth.request(path).GET());
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3; hops++) {
            response.body().close();
            URI next = response.uri().resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new RegistryException(what + ": a redirect without Location", 302)));
            // another host (a CDN, object storage): without the registry's credentials
            response = auth.transport().send(what, () -> HttpRequest.newBuilder(next)
                    .timeout(RegistryTransport.TRANSFER_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
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
}
