package io.kimigayo.signing.cosign;

import io.kimigayo.oci.digest.Digest;

/** Names and media types of cosign's signature artifacts. */
public final class CosignSignatures {

    /** The media type of a signature payload layer. */
    public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

    /** The layer annotation that carries the base64 signature. */
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    private CosignSignatures() {
    }

    /** The tag under which an image's signatures are stored: {@code sha256-<hex>.sig}. */
    public static String signatureTag(Digest imageManifest) {
        return "sha256-" + imageManifest.hex() + ".sig";
    }
}
