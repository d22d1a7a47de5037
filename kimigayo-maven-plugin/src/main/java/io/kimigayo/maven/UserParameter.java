package io.kimigayo.maven;

/** One {@code <user>} of build-rootfs: an account added to /etc/passwd and /etc/group. */
public class UserParameter {

    String name;

    int uid;

    /** Default: the uid. */
    Integer gid;

    /** Default {@code /home/<name>}. */
    String home;

    /** Default {@code /bin/sh}. */
    String shell;
}
