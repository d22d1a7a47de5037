package io.kimigayo.rootfs.source;

import io.kimigayo.rootfs.tree.InvalidPathException;
import io.kimigayo.rootfs.tree.TreePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unpacks a source archive ({@code .tar.gz}, {@code .tgz}, {@code .tar.bz2}, {@code .tar.xz}, {@code .tar}) into a
 * directory,
 * dropping the archive's top-level directory ({@code musl-1.2.5/}) and keeping the owner's execute bit (configure
 * scripts need it) and each file's modification time (so that an autotools source does not look as if its
 * generated files were older than their inputs, which would make {@code make} run automake). Entries that would
 * land outside the directory are refused.
 */
public final class SourceArchive {

    private SourceArchive() {
    }

    public static void extract(Path archive, Path into) throws IOException {
        extract(archive, into, true);
    }

    /**
     * As {@link #extract(Path, Path)}, for an archive without a top-level directory ({@code topLevel} false, such as
     * a git snapshot's, or IANA's tzdata): every entry is kept at its own path.
     */
    public static void extract(Path archive, Path into, boolean topLevel) throws IOException {
        Files.createDirectories(into);
        String name = archive.getFileName().toString();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             InputStream decompressed = decompress(file, name);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, "UTF-8")) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String relative = topLevel ? stripTop(entry.getName()) : keep(entry.getName());
                if (relative == null || entry.getName().startsWith("pax_global_header")) {
                    continue;
                }
                Path target = into.resolve(checked(relative, archive));
                refuseOutside(target, into, archive, relative);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    String linked = topLevel ? stripTop(entry.getLinkName()) : keep(entry.getLinkName());
                    Files.createDirectories(target.getParent());
                    Files.copy(into.resolve(checked(linked, archive)), target, StandardCopyOption.REPLACE_EXISTING);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ,
                            PosixFilePermission.OTHERS_READ);
                    if ((entry.getMode() & 0100) != 0) {
                        perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                                PosixFilePermission.OTHERS_EXECUTE));
                    }
                    Files.setPosixFilePermissions(target, perms);
                    // autotools' make rules compare these: configure must stay newer than configure.ac
                    Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
                }
            }
        }
    }

    /**
     * The content of one regular file of a source archive, named as {@link #extract} would place it (without the
     * archive's top-level directory), such as {@code mozilla/certdata.txt}.
     *
     * @throws IOException when the archive holds no regular file of that name, or cannot be read
     */
    public static byte[] readFile(Path archive, String relativePath) throws IOException {
        String name = archive.getFileName().toString();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             InputStream decompressed = decompress(file, name);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, "UTF-8")) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && relativePath.equals(stripTop(entry.getName()))) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new IOException(name + " holds no file " + relativePath + " below its top directory; give the "
                + "source archive that does (its SHA-256 pins the expected one)");
    }

    /** The tar inside a source archive, decompressed by the archive's file name ({@code .tar} as it is). */
    static InputStream decompress(InputStream in, String name) throws IOException {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new GzipCompressorInputStream(in, true);
        }
        if (name.endsWith(".tar.bz2") || name.endsWith(".tbz2")) {
            return new BZip2CompressorInputStream(in, true);
        }
        if (name.endsWith(".tar.xz") || name.endsWith(".txz")) {
            // Linux sources come as .tar.xz (Debian's linux-source-6.1); xz-java keeps unpacking free of host tools.
            return new XZCompressorInputStream(in, true);
        }
        if (name.endsWith(".tar")) {
            return in;
        }
        throw new IOException(name + ": unsupported source archive; Kimigayo unpacks .tar.gz, .tgz, .tar.bz2, "
                + ".tar.xz and .tar");
    }

    /** The entry's path without its first component, or null for the top directory itself. */
    private static String stripTop(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        int slash = n.indexOf('/');
        if (slash < 0 || slash == n.length() - 1) {
            return null;
        }
        return n.substring(slash + 1);
    }

    /** The entry's path as it is (without a leading {@code ./}), or null for the archive's root itself. */
    private static String keep(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        return n.isEmpty() || n.equals(".") ? null : n;
    }

    /** Refuses an entry below a symlink that leads out of {@code into}: its nearest existing parent must be inside. */
    private static void refuseOutside(Path target, Path into, Path archive, String relative) throws IOException {
        Path existing = target.equals(into) ? into : target.getParent();
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (!existing.toRealPath().startsWith(into.toRealPath())) {
            throw new IOException(archive + ": unsafe entry " + relative + " would be written through a symlink "
                    + "outside " + into);
        }
    }

    private static String checked(String relative, Path archive) throws IOException {
        try {
            TreePath path = TreePath.of(relative);
            if (!relative.isEmpty() && relative.startsWith("/")) {
                throw new IOException(archive + ": absolute entry " + relative);
            }
            return path.relativeName();
        } catch (InvalidPathException e) {
            throw new IOException(archive + ": unsafe entry: " + e.getMessage(), e);
        }
    }
}
