package io.kimigayo.kernel.boot;

import java.io.IOException;

/** The boot check failed: a panic, the timeout, no marker, a failed check; the message shows the console's end. */
public class BootCheckException extends IOException {

    public BootCheckException(String message) {
        super(message);
    }
}
