package io.kimigayo.oci.registry;

import java.io.IOException;

/** A registry refused or failed a request; the message names the registry, the request and what it answered. */
public class RegistryException extends IOException {

    private final int status;

    public RegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status the registry answered, or -1 when it did not answer. */
    public int status() {
        return status;
    }
}
