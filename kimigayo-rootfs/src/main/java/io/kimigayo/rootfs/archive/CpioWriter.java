package io.kimigayo.rootfs.archive;

import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link FileTree} as a newc cpio archive, the format the Linux kernel unpacks as an initramfs,
 * deterministically: entries in path order, inode numbers counted from 1 in that order, one mtime, numeric owners.
 * A hard link is written as a copy of its target's content (the kernel accepts either; copies keep the writer
 * simple and the archive order-independent).
 */
public final class CpioWriter {

    /** Writes the archive; the caller closes {@code out}. */
    public void write(FileTree tree, Instant mtime, OutputStream out) throws IOException {
        CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW, 512,
                StandardCharsets.UTF_8.name());
        long inode = 1;
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            TreeEntry entry = e.getValue();
            if (entry instanceof TreeEntry.Hardlink h) {
                entry = tree.get(h.target()).orElseThrow(() -> new IOException(e.getKey()
                        + ": hard link target " + h.target() + " is not in the tree"));
            }
            CpioArchiveEntry c = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, e.getKey().relativeName());
            c.setInode(inode++);
            c.setNumberOfLinks(entry.isDirectory() ? 2 : 1);
            c.setUID(entry.uid());
            c.setGID(entry.gid());
            c.setTime(mtime.getEpochSecond());
            byte[] bytes = null;
            InputStream content = null;
            if (entry instanceof TreeEntry.RegularFile f) {
                c.setMode(CpioConstants.C_ISREG | entry.mode());
                c.setSize(f.content().size());
                content = f.content().open();
            } else if (entry instanceof TreeEntry.Symlink s) {
                c.setMode(CpioConstants.C_ISLNK | 0777);
                bytes = s.target().getBytes(StandardCharsets.UTF_8);
                c.setSize(bytes.length);
            } else {
                c.setMode(CpioConstants.C_ISDIR | entry.mode());
            }
            cpio.putArchiveEntry(c);
            if (content != null) {
                try (InputStream in = content) {
                    in.transferTo(cpio);
                }
            } else if (bytes != null) {
                cpio.write(bytes);
            }
            cpio.closeArchiveEntry();
        }
        cpio.finish();
    }
}
