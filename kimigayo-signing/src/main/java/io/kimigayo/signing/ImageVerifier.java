package io.kimigayo.signing;

import io.kimigayo.signing.cosign.CosignLayoutVerifier;
import io.kimigayo.signing.cosign.VerifiedSignature;
import io.kimigayo.signing.key.CosignKeys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Verifies an image's cosign signatures against a public key: the library entry point of the {@code verify} goal. */
public final class ImageVerifier {

    /**
     * @param layout            the OCI layout holding the image and its signatures
     * @param tag               the image's tag, or null when the layout holds one image
     * @param publicKey         a PEM public key ({@code kimigayo.pub})
     * @param expectedReference the name the signature must vouch for, or null for any
     * @return the signatures that verified
     * @throws io.kimigayo.signing.cosign.SignatureVerificationException when none does
     */
    public List<VerifiedSignature> verify(Path layout, String tag, Path publicKey, String expectedReference)
            throws IOException {
        return new CosignLayoutVerifier().verify(layout, tag, CosignKeys.readPublicKey(publicKey), expectedReference);
    }
}
