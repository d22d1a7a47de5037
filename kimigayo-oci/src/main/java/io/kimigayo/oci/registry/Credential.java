package io.kimigayo.oci.registry;

/**
 * A user name and password (or token used as password) for a registry, and where it was found. Its
 * {@code toString} never shows the password.
 *
 * @param username the user name
 * @param password the password; never printed
 * @param source   where it came from, for messages: {@code settings.xml server 'corp'}, {@code docker config
 *                 /home/me/.docker/config.json (auths)}
 */
public record Credential(String username, String password, String source) {

    public Credential {
        if (username == null || password == null) {
            throw new IllegalArgumentException("a registry credential needs a user name and a password (" + source + ")");
        }
    }

    @Override
    public String toString() {
        return "user '" + username + "' from " + source;
    }
}
