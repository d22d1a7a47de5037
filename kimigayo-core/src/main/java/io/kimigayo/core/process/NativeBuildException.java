package io.kimigayo.core.process;

import java.io.IOException;

/** A native build step failed; the message carries the step, the last lines of its log and the log's path. */
public class NativeBuildException extends IOException {

    public NativeBuildException(String message) {
        super(message);
    }
}
