package io.kimigayo.signing.cosign;

import java.io.IOException;

/** No signature of the image verified; the message says what was found and why each signature failed. */
public class SignatureVerificationException extends IOException {

    public SignatureVerificationException(String message) {
        super(message);
    }
}
