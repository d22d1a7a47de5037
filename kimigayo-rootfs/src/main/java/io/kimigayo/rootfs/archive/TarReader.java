package io.kimigayo.rootfs.archive;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a tar stream that {@link TarWriter} wrote back into a {@link FileTree}: directories, regular files (held in
 * memory), symbolic and hard links, with their permission bits and numeric owners. Timestamps are dropped, as the
 * tree carries none. Writing the tree again with the same timestamp gives the same bytes. Anything else a tar can
 * hold (devices, FIFOs, a path that leaves the root) is refused, naming the entry.
 */
public final class TarReader {

    /** Reads the whole stream; {@code source} names it in messages. The caller closes {@code in}. */
    public FileTree read(InputStream in, String source) throws IOException {
        FileTree tree = new FileTree();
        TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName();
            TreePath path = path(name, source);
            if (path.isRoot()) {
                continue;
            }
            int mode = entry.getMode() & 07777;
            int uid = (int) entry.getLongUserId();
            int gid = (int) entry.getLongGroupId();
            TreeEntry treeEntry;
            if (entry.isDirectory()) {
                treeEntry = new TreeEntry.Directory(mode, uid, gid);
            } else if (entry.isSymbolicLink()) {
                treeEntry = new TreeEntry.Symlink(entry.getLinkName(), uid, gid);
            } else if (entry.isLink()) {
                treeEntry = new TreeEntry.Hardlink(path(entry.getLinkName(), source), uid, gid);
            } else if (entry.getLinkFlag() == TarConstants.LF_NORMAL
                    || entry.getLinkFlag() == TarConstants.LF_OLDNORM) {
                treeEntry = new TreeEntry.RegularFile(Content.of(tar.readAllBytes()), mode, uid, gid);
            } else {
                throw new IOException(source + ": entry " + name + " is neither a file, a directory nor a link "
                        + "(tar type '" + (char) entry.getLinkFlag() + "'); a Kimigayo OS rootfs holds none");
            }
            tree.put(path, treeEntry);
        }
        return tree;
    }

    private static TreePath path(String name, String source) throws IOException {
        String relative = name.startsWith("./") ? name.substring(2) : name;
        while (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        if (relative.startsWith("/") || ("/" + relative + "/").contains("/../")) {
            throw new IOException(source + ": entry " + name + " leaves the root; the archive is not a rootfs "
                    + "Kimigayo wrote");
        }
        return relative.isEmpty() ? TreePath.of("/") : TreePath.of("/" + relative);
    }
}
