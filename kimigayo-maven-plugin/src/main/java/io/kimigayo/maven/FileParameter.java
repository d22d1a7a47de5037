package io.kimigayo.maven;

import java.io.File;

/** One {@code <file>} of build-rootfs: a file or directory of the project added to the rootfs. */
public class FileParameter {

    /** The file or directory to add. */
    File source;

    /** Where it goes in the image (for a directory: where its contents go); a trailing / keeps the file name. */
    String target;

    /** Octal permission bits, e.g. {@code 0755}; default by the owner's execute bit. */
    String mode;

    /** Numeric owner; default 0. */
    int uid;

    /** Numeric group; default 0. */
    int gid;
}
