package io.kimigayo.app.startup;

/** The application of an image did not start: it failed, ended with an error, or did not become ready in time. */
public final class StartupCheckException extends IllegalStateException {

    public StartupCheckException(String message) {
        super(message);
    }
}
