package io.kimigayo.oci.sbom;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of a layer an SBOM lists: every regular file that is executable (any execute bit) or an ELF file
 * (programs, shared libraries, the dynamic loader), with its SHA-1 and SHA-256. Data files (time zones, certificates,
 * class files) are left out: the components that hold them are listed instead.
 */
public final class LayerFiles {

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private LayerFiles() {
    }

    /** The files of a layer tar ({@code rootfs.tar}). */
    public static List<SbomFile> ofTar(Path tar, String diffId) throws IOException {
        List<SbomFile> files = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(tar), 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                // commons-compress calls symbolic and hard links files too
                if (entry.isFile() && !entry.isSymbolicLink() && !entry.isLink()) {
                    String path = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                    hashed(path, (entry.getMode() & 0111) != 0, in, diffId, files);
                }
            }
        }
        return files;
    }

    /** The files of a layer given as a tree. */
    public static List<SbomFile> ofTree(FileTree tree, String diffId) throws IOException {
        List<SbomFile> files = new ArrayList<>();
        for (Map.Entry<io.kimigayo.rootfs.tree.TreePath, TreeEntry> e : tree.entries().entrySet()) {
            if (e.getValue() instanceof TreeEntry.RegularFile file) {
                try (InputStream in = file.content().open()) {
                    hashed("/" + e.getKey().relativeName(), (file.mode() & 0111) != 0, in, diffId, files);
                }
            }
        }
        return files;
    }

    private static void hashed(String path, boolean executable, InputStream in, String diffId, List<SbomFile> into)
            throws IOException {
        byte[] head = in.readNBytes(ELF_MAGIC.length);
        boolean elf = java.util.Arrays.equals(head, ELF_MAGIC);
        if (!executable && !elf) {
            return;
        }
        MessageDigest sha1 = sha1();
        MessageDigest sha256 = Sha256.newDigest();
        sha1.update(head);
        sha256.update(head);
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha1.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
        }
        into.add(new SbomFile(path.replaceAll("/+", "/"), Sha256.hex(sha1), Sha256.hex(sha256), diffId));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-1", e);
        }
    }
}
