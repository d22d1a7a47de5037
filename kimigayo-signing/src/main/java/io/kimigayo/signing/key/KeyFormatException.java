package io.kimigayo.signing.key;

import java.io.IOException;
import java.nio.file.Path;

/** A key file that cannot be used: not a key, a kind of key Kimigayo does not support, or damaged. */
public class KeyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file (or other input) the key came from; the message starts with it
     * @param problem what is wrong with it and, where there is one, what to do
     */
    public KeyFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public KeyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    public KeyFormatException(Path file, String problem) {
        this(String.valueOf(file), problem);
    }

    /** The file (or other input) the key came from. */
    public String source() {
        return source;
    }
}
