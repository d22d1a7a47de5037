package io.kimigayo.signing.key;

/**
 * An encrypted private key that does not open: the password is wrong, or the file was changed after it was written.
 * The two cannot be told apart, by design of the authenticated encryption.
 */
public class KeyDecryptionException extends KeyFormatException {

    private static final long serialVersionUID = 1L;

    static final String WRONG_PASSWORD_OR_DAMAGED = "wrong password or damaged key file";

    public KeyDecryptionException(String source) {
        super(source, WRONG_PASSWORD_OR_DAMAGED);
    }
}
