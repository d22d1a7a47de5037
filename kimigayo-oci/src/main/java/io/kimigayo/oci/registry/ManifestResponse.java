package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;

/**
 * A manifest or index as the registry serves it.
 *
 * @param bytes     the document, exactly as served
 * @param mediaType its media type
 * @param digest    the digest of {@code bytes}
 */
public record ManifestResponse(byte[] bytes, String mediaType, Digest digest) {

    /** A descriptor of the document. */
    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length);
    }
}
