package io.kimigayo.rootfs.archive;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link FileTree} as a tar stream, deterministically: entries in path order, every entry stamped with the
 * one build timestamp, numeric owners without names, PAX headers for long and non-ASCII names. The same tree and
 * timestamp always give the same bytes.
 */
public final class TarWriter {

    /** Writes the tree as an uncompressed tar stream; the caller closes {@code out}. */
    public void write(FileTree tree, Instant mtime, OutputStream out) throws IOException {
        Map<TreePath, TreePath> hardlinkLeader = hardlinkLeaders(tree);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        FileTime time = FileTime.from(mtime);
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            TreePath path = e.getKey();
            TreeEntry entry = e.getValue();
            String name = path.relativeName();
            TreePath leader = hardlinkLeader.get(path);
            // The entry whose content, mode and owner the tar entry carries: a hard link that leads its group
            // carries its target's.
            TreeEntry owner = entry instanceof TreeEntry.Hardlink h && path.equals(leader)
                    ? tree.get(h.target()).orElseThrow() : entry;
            TarArchiveEntry tarEntry;
            InputStream content = null;
            if (leader != null && !leader.equals(path)) {
                tarEntry = new TarArchiveEntry(name, TarConstants.LF_LINK);
                tarEntry.setLinkName(leader.relativeName());
            } else if (owner instanceof TreeEntry.RegularFile f) {
                tarEntry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                try {
                    tarEntry.setSize(f.content().size());
                    content = f.content().open();
                } catch (IOException unreadable) {
                    throw new IOException(path + ": its content could not be read (" + unreadable.getClass()
                            .getSimpleName() + ": " + unreadable.getMessage() + ")" + (f.content()
                            instanceof Content.FromFile file ? "; check that " + file.file() + " exists and is "
                            + "readable by this user" : ""), unreadable);
                }
            } else if (owner instanceof TreeEntry.Symlink s) {
                tarEntry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                tarEntry.setLinkName(s.target());
            } else {
                tarEntry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            }
            tarEntry.setMode(owner.mode());
            tarEntry.setUserId(owner.uid());
            tarEntry.setGroupId(owner.gid());
            tarEntry.setUserName("");
            tarEntry.setGroupName("");
            tarEntry.setLastModifiedTime(time);
            tar.putArchiveEntry(tarEntry);
            if (content != null) {
                try (InputStream in = content) {
                    long copied = in.transferTo(tar);
                    if (copied != tarEntry.getSize()) {
                        throw new IOException(path + ": content changed while the archive was written ("
                                + tarEntry.getSize() + " bytes expected, " + copied + " read)");
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    /**
     * For every path that takes part in a hard link (a target or a link to it), the path that carries the content
     * in the tar: the first of the group in path order, so an extractor always meets the content before any link.
     */
    private static Map<TreePath, TreePath> hardlinkLeaders(FileTree tree) {
        Map<TreePath, TreePath> leaderOfTarget = new HashMap<>();
        tree.entries().forEach((path, entry) -> {
            if (entry instanceof TreeEntry.Hardlink h) {
                if (!(tree.get(h.target()).orElse(null) instanceof TreeEntry.RegularFile)) {
                    throw new IllegalStateException(path + ": hard link target " + h.target()
                            + " is no longer a regular file in the image; re-add the link after its target");
                }
                leaderOfTarget.merge(h.target(), min(path, h.target()), TarWriter::min);
            }
        });
        Map<TreePath, TreePath> leaders = new HashMap<>();
        tree.entries().forEach((path, entry) -> {
            if (entry instanceof TreeEntry.Hardlink h) {
                leaders.put(path, leaderOfTarget.get(h.target()));
            } else if (leaderOfTarget.containsKey(path)) {
                leaders.put(path, leaderOfTarget.get(path));
            }
        });
        return leaders;
    }

    private static TreePath min(TreePath a, TreePath b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
