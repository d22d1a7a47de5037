package io.kimigayo.rootfs.tree;

/**
 * One entry of a {@link FileTree}. Every entry carries its permission bits (including setuid, setgid and sticky)
 * and a numeric owner; none carries a timestamp: writers stamp every entry with the one build timestamp.
 */
public sealed interface TreeEntry {

    /** Permission bits, {@code 07777} at most. */
    int mode();

    int uid();

    int gid();

    /** A short word for messages: file, directory, symlink, hardlink. */
    String kind();

    /** Whether this entry can hold other entries. */
    default boolean isDirectory() {
        return this instanceof Directory;
    }

    private static int checkMode(int mode) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException(
                    "mode 0" + Integer.toOctalString(mode) + " is out of range; permission bits go up to 07777");
        }
        return mode;
    }

    private static void checkOwner(int uid, int gid) {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid " + uid + " / gid " + gid + ": owners are numbers from 0 up");
        }
    }

    /** A regular file. */
    record RegularFile(Content content, int mode, int uid, int gid) implements TreeEntry {
        public RegularFile {
            checkMode(mode);
            checkOwner(uid, gid);
        }

        @Override
        public String kind() {
            return "file";
        }
    }

    /** A directory. */
    record Directory(int mode, int uid, int gid) implements TreeEntry {
        public Directory {
            checkMode(mode);
            checkOwner(uid, gid);
        }

        @Override
        public String kind() {
            return "directory";
        }
    }

    /** A symbolic link; its target is kept exactly as given and never followed while building. */
    record Symlink(String target, int uid, int gid) implements TreeEntry {
        public Symlink {
            if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
                throw new InvalidPathException(String.valueOf(target),
                        "a symlink target must be a non-empty path without NUL bytes");
            }
            checkOwner(uid, gid);
        }

        @Override
        public int mode() {
            return 0777;
        }

        @Override
        public String kind() {
            return "symlink";
        }
    }

    /** A hard link to a regular file elsewhere in the same tree. */
    record Hardlink(TreePath target, int uid, int gid) implements TreeEntry {
        public Hardlink {
            checkOwner(uid, gid);
        }

        @Override
        public int mode() {
            return 0;
        }

        @Override
        public String kind() {
            return "hardlink";
        }
    }
}
