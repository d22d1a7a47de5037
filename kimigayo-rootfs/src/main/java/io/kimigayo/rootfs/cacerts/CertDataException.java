package io.kimigayo.rootfs.cacerts;

import java.io.IOException;

/** A {@code certdata.txt} that cannot be read or converted; the message names the file, the line or the object. */
public final class CertDataException extends IOException {

    public CertDataException(String message) {
        super(message);
    }

    public CertDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
