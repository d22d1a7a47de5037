package io.kimigayo.oci.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to reach registries: where credentials come from, whether plain HTTP or unverified TLS is allowed beyond
 * loopback, extra CA certificates, retries, where pulled blobs are cached, and where progress lines go.
 *
 * @param credentials    the credential sources, asked in order
 * @param allowInsecure  allow plain HTTP and unverified TLS for every registry (loopback registries may always
 *                       use plain HTTP)
 * @param caCertificates a PEM file of CA certificates trusted in addition to the JVM's, or null
 * @param retry          how long to retry failing requests
 * @param blobCache      a directory that keeps pulled blobs by digest ({@code sha256/<hex>}), or null for none
 * @param chunkSize      blobs larger than this are uploaded in chunks of this size; smaller ones in one request
 * @param progress       receives progress lines (never credentials)
 */
public record RegistryAccess(CredentialResolver credentials, boolean allowInsecure, Path caCertificates,
                             RetryPolicy retry, Path blobCache, long chunkSize, Consumer<String> progress) {

    /** 16 MiB: layers of Kimigayo OS go up in one request, a JDK layer in chunks. */
    public static final long DEFAULT_CHUNK_SIZE = 16L << 20;

    public RegistryAccess {
        credentials = credentials == null ? new CredentialResolver(List.of()) : credentials;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        chunkSize = chunkSize <= 0 ? DEFAULT_CHUNK_SIZE : chunkSize;
        progress = progress == null ? line -> { } : progress;
    }

    /**
     * {@code credentials}, with the defaults for the rest: loopback-only plain HTTP, the JVM's CA certificates,
     * default retries, no cache, {@link #DEFAULT_CHUNK_SIZE} chunks, progress dropped. Change them with the
     * {@code with…} methods.
     */
    public static RegistryAccess of(CredentialResolver credentials) {
        return new RegistryAccess(credentials, false, null, RetryPolicy.DEFAULT, null, DEFAULT_CHUNK_SIZE, null);
    }

    /** Docker config credentials from {@code environment}, and the defaults of {@link #of(CredentialResolver)}. */
    public static RegistryAccess of(Map<String, String> environment) {
        return of(new CredentialResolver(List.of(new DockerConfigCredentials(environment))));
    }

    public RegistryAccess withCredentials(CredentialResolver other) {
        return new RegistryAccess(other, allowInsecure, caCertificates, retry, blobCache, chunkSize, progress);
    }

    public RegistryAccess withRetry(RetryPolicy other) {
        return new RegistryAccess(credentials, allowInsecure, caCertificates, other, blobCache, chunkSize, progress);
    }

    public RegistryAccess withBlobCache(Path other) {
        return new RegistryAccess(credentials, allowInsecure, caCertificates, retry, other, chunkSize, progress);
    }

    public RegistryAccess withChunkSize(long other) {
        return new RegistryAccess(credentials, allowInsecure, caCertificates, retry, blobCache, other, progress);
    }

    public RegistryAccess withProgress(Consumer<String> other) {
        return new RegistryAccess(credentials, allowInsecure, caCertificates, retry, blobCache, chunkSize, other);
    }

    public RegistryAccess withInsecure(boolean other) {
        return new RegistryAccess(credentials, other, caCertificates, retry, blobCache, chunkSize, progress);
    }

    public RegistryAccess withCaCertificates(Path other) {
        return new RegistryAccess(credentials, allowInsecure, other, retry, blobCache, chunkSize, progress);
    }
}
