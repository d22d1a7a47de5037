package io.kimigayo.signing.openpgp;

import io.kimigayo.oci.digest.Digest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs an image in a docker registry the containers/image way: builds the {@link AtomicSignaturePayload}, signs it
 * with an {@link OpenPgpSigner} and stores the signature in a {@link LookasideStore}. The library entry point for
 * OpenPGP simple signing.
 *
 * <p>The signature is dated with the payload's timestamp, so a reproducible build (same image, key and build
 * timestamp) produces the same signature bytes, and signing again adds no second copy.
 */
public final class OpenPgpImageSigner {

    private final OpenPgpSigner signer;
    private final LookasideStore store;

    public OpenPgpImageSigner(OpenPgpSigner signer, LookasideStore store) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Signs the image {@code manifestDigest} as {@code dockerReference} (the reference it will be pulled by, e.g.
     * {@code registry.example.com/app:1.0}) with Kimigayo as the creator.
     *
     * @return the signature file in the lookaside directory
     */
    public Path sign(String dockerReference, Digest manifestDigest, Instant timestamp) throws IOException {
        return sign(AtomicSignaturePayload.builder()
                .dockerReference(dockerReference)
                .manifestDigest(manifestDigest)
                .timestamp(timestamp)
                .build());
    }

    /** Signs {@code payload} and stores the signature; returns the signature file. */
    public Path sign(AtomicSignaturePayload payload) throws IOException {
        byte[] signature = signer.sign(payload.toJson(), payload.timestamp());
        return store.write(payload.dockerReference(), payload.manifestDigest(), signature);
    }
}
