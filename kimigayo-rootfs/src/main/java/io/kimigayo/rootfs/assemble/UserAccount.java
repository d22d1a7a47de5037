package io.kimigayo.rootfs.assemble;

import java.util.regex.Pattern;

/**
 * An account in the image's {@code /etc/passwd} and {@code /etc/group} (a group of the same name and id).
 *
 * @param name  login name
 * @param uid   user id
 * @param gid   group id
 * @param home  home directory, created owned by the account
 * @param shell login shell
 */
public record UserAccount(String name, int uid, int gid, String home, String shell) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    public UserAccount {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' is not valid: lower-case letters, digits, "
                    + "'_' and '-', starting with a letter or '_', at most 32 characters");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("user " + name + ": uid and gid must be 0 or more");
        }
        home = home == null || home.isBlank() ? "/home/" + name : home;
        shell = shell == null || shell.isBlank() ? "/bin/sh" : shell;
    }

    public static final UserAccount ROOT = new UserAccount("root", 0, 0, "/root", "/bin/sh");

    /** The unprivileged account applications run as, as in distroless. */
    public static final UserAccount NONROOT = new UserAccount("nonroot", 65532, 65532, "/home/nonroot",
            "/sbin/nologin");

    String passwdLine() {
        return name + ":x:" + uid + ":" + gid + ":" + name + ":" + home + ":" + shell;
    }
}
