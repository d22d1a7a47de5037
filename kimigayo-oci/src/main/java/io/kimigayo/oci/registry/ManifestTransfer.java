package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static io.kimigayo.oci.registry.RegistryAuthenticator.path;
import static io.kimigayo.oci.registry.RegistryAuthenticator.pull;
import static io.kimigayo.oci.registry.RegistryAuthenticator.push;

/**
 * Manifests and indexes in one registry: what a tag or digest names, fetching them (verified against the digest
 * asked for or announced) and storing them under a tag or digest.
 */
final class ManifestTransfer {

    /** Every manifest type Kimigayo reads, for {@code Accept}. */
    static final String MANIFEST_TYPES = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
    private static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final RegistryAuthenticator auth;

    ManifestTransfer(RegistryAuthenticator auth) {
        this.auth = auth;
    }

    /** The digest of the manifest a tag or digest names, or empty when there is none. */
    Optional<Digest> manifestDigest(String repository, String reference) throws IOException {
        String what = "HEAD manifest " + repository + ":" + reference;
        HttpResponse<byte[]> response = auth.call(what, pull(repository),
                () -> auth.request(path(repository, "manifests", reference)).header("Accept", MANIFEST_TYPES)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        auth.expect(response, what, 200);
        return response.headers().firstValue("Docker-Content-Digest").map(Digest::parse);
    }

    /**
     * Fetches a manifest or index; its bytes must hash to the digest asked for (or, for a tag, to the digest the
     * registry names).
     *
     * @return empty when the registry has no such manifest
     */
    Optional<ManifestResponse> manifest(String repository, String reference) throws IOException {
        String what = "GET manifest " + repository + ":" + reference;
        HttpResponse<byte[]> response = auth.call(what, pull(repository),
                () -> auth.request(path(repository, "manifests", reference)).header("Accept", MANIFEST_TYPES).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        auth.expect(response, what, 200);
        byte[] bytes = response.body();
        String where = auth.registry() + "/" + repository + ":" + reference;
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new RegistryException(where + ": the manifest is " + bytes.length + " bytes, more than a manifest "
                    + "may be", 200);
        }
        Digest actual = Digest.of(bytes);
        Digest expected = reference.startsWith("sha256:") ? Digest.parse(reference)
                : response.headers().firstValue("Docker-Content-Digest").map(Digest::parse).orElse(actual);
        if (!actual.equals(expected)) {
            throw new RegistryException(where + ": the manifest served hashes to " + actual + ", not " + expected
                    + "; the registry or something between is corrupting data", 200);
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
    void putManifest(String repository, String reference, String mediaType, byte[] bytes) throws IOException {
        String what = "PUT manifest " + repository + ":" + reference;
        HttpResponse<byte[]> response = auth.call(what, push(repository),
                () -> auth.request(path(repository, "manifests", reference))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        auth.expect(response, what, 201);
        Optional<String> stored = response.headers().firstValue("Docker-Content-Digest");
        if (stored.isPresent() && !Digest.parse(stored.get()).equals(Digest.of(bytes))) {
            throw new RegistryException(what + ": the registry stored " + stored.get() + " instead of "
                    + Digest.of(bytes), 201);
        }
    }
}
