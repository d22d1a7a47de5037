package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.reference.ImageReference;

import java.util.List;

/**
 * What a push did.
 *
 * @param reference      the pushed image by digest: {@code registry/repository@sha256:...}
 * @param digest         the digest of the pushed manifest (or index)
 * @param tags           the tags that now name it
 * @param blobsUploaded  blobs whose bytes were sent
 * @param blobsMounted   blobs mounted from the base image's repository on the same registry
 * @param blobsPresent   blobs the registry already had
 * @param bytesUploaded  bytes of blob content sent
 * @param manifestsPut   manifests stored (tags that already named this digest are not stored again)
 * @param signatureTag   the cosign signature tag pushed after the image ({@code sha256-<hex>.sig}), or null
 * @param requests       HTTP requests sent, retries and token requests included
 */
public record PushResult(ImageReference reference, Digest digest, List<String> tags, int blobsUploaded,
                         int blobsMounted, int blobsPresent, long bytesUploaded, int manifestsPut, String signatureTag,
                         int requests) {

    public PushResult {
        tags = List.copyOf(tags);
    }
}
