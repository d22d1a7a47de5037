package io.kimigayo.signing.cosign;

import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.digest.Digest;

/** Names and media types of cosign's signature artifacts (the format itself is {@link CosignSignatureManifest}). */
public final class CosignSignatures {

    /** The media type of a signature payload layer. */
    public static final String PAYLOAD_MEDIA_TYPE = CosignSignatureManifest.PAYLOAD_MEDIA_TYPE;

    /** The layer annotation that carries the base64 signature. */
    public static final String SIGNATURE_ANNOTATION = CosignSignatureManifest.SIGNATURE_ANNOTATION;

    private CosignSignatures() {
    }

    /** The tag under which an image's signatures are stored: {@code sha256-<hex>.sig}. */
    public static String signatureTag(Digest imageManifest) {
        return CosignSignatureManifest.tag(imageManifest);
    }
}
