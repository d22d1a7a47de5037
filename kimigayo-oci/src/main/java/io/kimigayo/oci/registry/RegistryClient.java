package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.model.Descriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A client of one registry's OCI distribution API: {@code /v2/} ping, manifests, blobs (existence, mount, upload in
 * one request or in chunks, verified download). It composes the three parts that do the work:
 * {@link RegistryAuthenticator} (anonymous, basic or bearer-token access, and where credentials may go),
 * {@link BlobTransfer} and {@link ManifestTransfer}. Credentials and tokens never appear in messages.
 */
public final class RegistryClient {

    private final RegistryAuthenticator auth;
    private final BlobTransfer blobs;
    private final ManifestTransfer manifests;

    private RegistryClient(RegistryAuthenticator auth) {
        this.auth = auth;
        this.blobs = new BlobTransfer(auth);
        this.manifests = new ManifestTransfer(auth);
    }

    /**
     * Connects to a registry: chooses the scheme and learns how it authenticates from {@code GET /v2/}.
     *
     * @param registry the registry as written in references ({@code docker.io} for Docker Hub)
     */
    public static RegistryClient connect(String registry, RegistryAccess access) throws IOException {
        return new RegistryClient(RegistryAuthenticator.connect(registry, access));
    }

    public String registry() {
        return auth.registry();
    }

    /** How many HTTP requests were sent to the registry (and its token realm), retries included. */
    public int requestCount() {
        return auth.transport().requests();
    }

    /** The digest of the manifest a tag or digest names, or empty when there is none. */
    public Optional<Digest> manifestDigest(String repository, String reference) throws IOException {
        return manifests.manifestDigest(repository, reference);
    }

    /**
     * Fetches a manifest or index; its bytes must hash to the digest asked for (or, for a tag, to the digest the
     * registry names).
     *
     * @return empty when the registry has no such manifest
     */
    public Optional<ManifestResponse> manifest(String repository, String reference) throws IOException {
        return manifests.manifest(repository, reference);
    }

    /** Stores a manifest under a tag (or its digest). */
    public void putManifest(String repository, String reference, String mediaType, byte[] bytes) throws IOException {
        manifests.putManifest(repository, reference, mediaType, bytes);
    }

    /** Whether the repository has a blob. */
    public boolean blobExists(String repository, Digest digest) throws IOException {
        return blobs.blobExists(repository, digest);
    }

    /**
     * Asks the registry to mount a blob from another repository of its own (no bytes move).
     *
     * @return true when mounted; false when the registry started an upload instead (the blob must be sent)
     */
    public boolean mountBlob(String repository, Digest digest, String fromRepository) throws IOException {
        return blobs.mountBlob(repository, digest, fromRepository);
    }

    /** Uploads a blob from a file, in one request or in chunks of the access's chunk size. */
    public void uploadBlob(String repository, Descriptor blob, Path file) throws IOException {
        blobs.uploadBlob(repository, blob, file);
    }

    /** Uploads a blob held in memory (a document made for the push, such as a merged signature config). */
    public void uploadBlob(String repository, Descriptor blob, byte[] bytes) throws IOException {
        blobs.uploadBlob(repository, blob, bytes);
    }

    /**
     * Downloads a blob into a blob store, checking digest and size while it streams.
     *
     * @throws CorruptBlobException naming the blob when the registry served other bytes
     */
    public Path fetchBlob(String repository, Descriptor blob, BlobStore into) throws IOException {
        return blobs.fetchBlob(repository, blob, into);
    }
}
