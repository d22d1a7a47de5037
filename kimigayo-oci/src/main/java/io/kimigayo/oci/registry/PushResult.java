package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.reference.ImageReference;

import java.util.List;
import java.util.Map;

/**
 * What a push did.
 *
 * @param reference      the pushed image by digest: {@code registry/repository@sha256:...}
 * @param digest         the digest of the pushed manifest (or index)
 * @param tags           the tags that now name it
 * @param platformTags   the tags that now name one platform's manifest of the pushed index (a tag scheme's arch
 *                       tags), with that manifest's digest
 * @param blobsUploaded  blobs whose bytes were sent
 * @param blobsMounted   blobs mounted from the base image's repository on the same registry
 * @param blobsPresent   blobs the registry already had
 * @param bytesUploaded  bytes of blob content sent
 * @param manifestsPut   manifests stored (tags that already named this digest are not stored again)
 * @param signatureTag   the cosign signature tag of the image pushed after it ({@code sha256-<hex>.sig}), or null
 * @param signatureTags  every cosign signature tag pushed: the image's and those of its platforms' manifests
 * @param attestationTags every cosign attestation tag pushed ({@code sha256-<hex>.att}): the image's and those of
 *                       its platforms' manifests
 * @param requests       HTTP requests sent, retries and token requests included
 */
public record PushResult(ImageReference reference, Digest digest, List<String> tags, Map<String, Digest> platformTags,
                         int blobsUploaded, int blobsMounted, int blobsPresent, long bytesUploaded, int manifestsPut,
                         String signatureTag, List<String> signatureTags, List<String> attestationTags,
                         int requests) {

    public PushResult {
        tags = List.copyOf(tags);
        platformTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(platformTags));
        signatureTags = List.copyOf(signatureTags);
        attestationTags = List.copyOf(attestationTags);
    }
}
