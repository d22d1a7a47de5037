package io.kimigayo.signing.openpgp;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A secret key file that cannot be used to sign: no secret key in it, no key with the requested id, a wrong or
 * missing passphrase, a key that cannot sign. The message names the file and says what to do.
 */
public class OpenPgpKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path keyFile;

    public OpenPgpKeyException(Path keyFile, String message) {
        super(keyFile + ": " + message);
        this.keyFile = keyFile;
    }

    public OpenPgpKeyException(Path keyFile, String message, Throwable cause) {
        super(keyFile + ": " + message, cause);
        this.keyFile = keyFile;
    }

    /** The key file the problem is with. */
    public Path keyFile() {
        return keyFile;
    }
}
