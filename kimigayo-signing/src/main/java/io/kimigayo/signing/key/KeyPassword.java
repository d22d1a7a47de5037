package io.kimigayo.signing.key;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The password of a private key, with where it came from. Looked up as cosign does, plus Kimigayo's own variable:
 * an explicit value first, then the environment variable {@value #KIMIGAYO_PASSWORD}, then {@value #COSIGN_PASSWORD}.
 * A variable that is set but empty means the empty password, which cosign allows.
 *
 * <p>The value is never printed: {@link #toString()} says only where it came from. {@link #close()} wipes it.
 */
public final class KeyPassword implements AutoCloseable {

    public static final String KIMIGAYO_PASSWORD = "KIMIGAYO_PASSWORD";
    public static final String COSIGN_PASSWORD = "COSIGN_PASSWORD";

    private final char[] chars;
    private final String source;
    private boolean closed;

    private KeyPassword(char[] chars, String source) {
        this.chars = chars;
        this.source = source;
    }

    /**
     * The password from {@code explicit} (when not null; an empty string is the empty password), else from
     * {@code env}'s {@value #KIMIGAYO_PASSWORD}, else from its {@value #COSIGN_PASSWORD}.
     *
     * @param env the environment, such as {@code System.getenv()}
     * @throws IllegalStateException when none of them is set, with a message saying what to set
     */
    public static KeyPassword resolve(String explicit, Map<String, String> env) {
        return find(explicit, env).orElseThrow(() -> new IllegalStateException("no password for the private key: "
                + "set the environment variable " + KIMIGAYO_PASSWORD + " (or " + COSIGN_PASSWORD + ", as for cosign); "
                + "set it to an empty value for a key without a password"));
    }

    /** As {@link #resolve}, but empty when no password is set anywhere. */
    public static Optional<KeyPassword> find(String explicit, Map<String, String> env) {
        if (explicit != null) {
            return Optional.of(new KeyPassword(explicit.toCharArray(), "the explicit password"));
        }
        for (String variable : new String[] {KIMIGAYO_PASSWORD, COSIGN_PASSWORD}) {
            String value = env.get(variable);
            if (value != null) {
                return Optional.of(new KeyPassword(value.toCharArray(), "the environment variable " + variable));
            }
        }
        return Optional.empty();
    }

    /** A password from another front end (a console prompt, a settings file); {@code chars} is copied. */
    public static KeyPassword of(char[] chars, String source) {
        return new KeyPassword(chars.clone(), source);
    }

    /** A copy of the password; wipe it ({@code Arrays.fill(chars, '\0')}) when done. */
    public char[] chars() {
        if (closed) {
            throw new IllegalStateException("the password from " + source + " was already wiped");
        }
        return chars.clone();
    }

    /** Where the password came from, such as "the environment variable KIMIGAYO_PASSWORD". Never the value. */
    public String source() {
        return source;
    }

    public boolean isEmpty() {
        return chars.length == 0;
    }

    /** Wipes the password. */
    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        closed = true;
    }

    @Override
    public String toString() {
        return "KeyPassword[from " + source + ", value hidden]";
    }
}
