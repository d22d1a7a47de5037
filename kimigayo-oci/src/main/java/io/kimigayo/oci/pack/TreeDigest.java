package io.kimigayo.oci.pack;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * A digest of everything a layer writer takes from a {@link FileTree}: each entry's path, kind, mode and owner, a
 * link's target and a file's bytes (read, not trusted by name or time). Two trees with the same digest give the same
 * layer, so a layer cache may use it as its key: reading and hashing the files costs a fraction of compressing them.
 */
final class TreeDigest {

    private TreeDigest() {
    }

    static String of(FileTree tree) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        MessageDigest file = Sha256.newDigest();
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            TreeEntry entry = e.getValue();
            StringBuilder line = new StringBuilder().append(e.getKey()).append('\0').append(entry.kind())
                    .append('\0').append(entry.mode()).append('\0').append(entry.uid()).append('\0')
                    .append(entry.gid()).append('\0');
            if (entry instanceof TreeEntry.RegularFile f) {
                file.reset();
                long size = 0;
                try (InputStream in = f.content().open()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        file.update(buffer, 0, n);
                        size += n;
                    }
                }
                line.append(size).append('\0').append(HexFormat.of().formatHex(file.digest()));
            } else if (entry instanceof TreeEntry.Symlink s) {
                line.append(s.target());
            } else if (entry instanceof TreeEntry.Hardlink h) {
                line.append(h.target());
            }
            sha.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
