package io.kimigayo.oci.layout;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the entries of an image's layers, lowest first, for what would make an unpacker write outside the root
 * filesystem: a name (or hard link target) with {@code ..} that leaves the root, an absolute name, or a name whose
 * directory is a symbolic link made by the same or a lower layer (an entry that writes through a link). Whiteouts
 * remove links as they remove files.
 */
final class LayerEntryCheck {

    private final Set<String> symlinks = new HashSet<>();

    /**
     * Reads the tar entries of one layer from {@code tar} (positioned at its start); the stream is left where the tar
     * ends, so that the caller can read what follows.
     *
     * @param layer names the layer in messages
     * @throws UnsafeEntryException naming the layer and the entry
     */
    void check(InputStream tar, String layer) throws IOException {
        TarArchiveInputStream entries = new TarArchiveInputStream(new NonClosing(tar));
        TarArchiveEntry entry;
        while ((entry = entries.getNextEntry()) != null) {
            String name = normal(entry.getName(), layer);
            String base = name.substring(name.lastIndexOf('/') + 1);
            String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
            throughLink(parent, name, layer);
            if (base.startsWith(".wh.")) {
                String removed = (parent.isEmpty() ? "" : parent + "/") + base.substring(".wh.".length());
                symlinks.removeIf(s -> s.equals(removed) || s.startsWith(removed + "/"));
                if (base.equals(".wh..wh..opq")) {
                    symlinks.removeIf(s -> s.startsWith(parent + "/"));
                }
                continue;
            }
            if (entry.isLink()) {
                String target = normal(entry.getLinkName(), layer);
                throughLink(target, name, layer);
            }
            if (entry.isSymbolicLink()) {
                symlinks.add(name);
            } else {
                symlinks.remove(name);
            }
        }
    }

    /** The entry's name without {@code ./} and trailing slashes, refusing an absolute one or one leaving the root. */
    private static String normal(String name, String layer) throws UnsafeEntryException {
        if (name.startsWith("/")) {
            throw new UnsafeEntryException(layer + ": entry " + name + " is an absolute path");
        }
        String[] parts = name.split("/");
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (depth == 0) {
                    throw new UnsafeEntryException(layer + ": entry " + name + " leaves the root filesystem (..)");
                }
                out.setLength(Math.max(0, out.lastIndexOf("/")));
                depth--;
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
            depth++;
        }
        return out.toString();
    }

    /** Refuses a path one of whose directories is a symbolic link of the image. */
    private void throughLink(String directory, String entry, String layer) throws UnsafeEntryException {
        String path = directory;
        while (!path.isEmpty()) {
            if (symlinks.contains(path)) {
                throw new UnsafeEntryException(layer + ": entry " + entry + " goes through the symbolic link " + path
                        + " of the image");
            }
            int slash = path.lastIndexOf('/');
            path = slash < 0 ? "" : path.substring(0, slash);
        }
    }

    /** Keeps the tar reader from closing the stream the caller goes on reading. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
