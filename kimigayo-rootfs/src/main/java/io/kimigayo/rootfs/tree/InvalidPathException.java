package io.kimigayo.rootfs.tree;

/** A path given for an image's filesystem is not acceptable; the message names the path and what to do. */
public class InvalidPathException extends IllegalArgumentException {

    private final String path;

    public InvalidPathException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    /** The path as it was given. */
    public String path() {
        return path;
    }
}
