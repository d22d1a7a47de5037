package io.kimigayo.rootfs.source;

import java.io.IOException;

/** A source could not be had, or what was had is not what was pinned. The message says which and what to do. */
public class SourceException extends IOException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
