package io.kimigayo.signing.key;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes key files the safe way: into a temporary file beside the target, created with its final permissions
 * (0600 for a private key), flushed to disk, then renamed into place, so no reader ever sees half a key and a crash
 * leaves the old file or the new one, never a mix.
 */
final class KeyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Key files are a few hundred bytes; anything much larger is not a key file. */
    static final long MAX_KEY_FILE_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    /**
     * Writes {@code content} to {@code target} with permissions 0600.
     *
     * @param overwrite whether an existing {@code target} may be replaced
     * @throws FileAlreadyExistsException when {@code target} exists and {@code overwrite} is false
     */
    static void writeOwnerOnly(Path target, byte[] content, boolean overwrite, String what) throws IOException {
        write(target, content, OWNER_ONLY, overwrite, what);
    }

    /** Writes {@code content} to {@code target} with permissions 0644, replacing any existing file. */
    static void writeWorldReadable(Path target, byte[] content) throws IOException {
        write(target, content, WORLD_READABLE, true, "file");
    }

    /** The bytes of a key file, refusing files too large to be one. */
    static byte[] read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_KEY_FILE_BYTES) {
            throw new KeyFormatException(file, "is " + size + " bytes, too large for a key file (at most "
                    + MAX_KEY_FILE_BYTES + ")");
        }
        return Files.readAllBytes(file);
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, boolean overwrite,
            String what) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (!overwrite) {
            refuseExisting(absolute, what);
        }
        Files.createDirectories(directory);
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
        Path temp = posix
                ? Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp", new FileAttribute<?>[0]);
        try {
            if (!posix) {
                restrictToOwner(temp, permissions);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix && !permissions.equals(OWNER_ONLY)) {
                // created 0600 whatever the umask; widened (a public key) only once it holds what it should
                Files.setPosixFilePermissions(temp, permissions);
            }
            if (overwrite) {
                moveReplacing(temp, absolute);
            } else {
                moveIfAbsent(temp, absolute, what);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void refuseExisting(Path target, String what) throws FileAlreadyExistsException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "there is already a " + what
                    + " here; refusing to overwrite it (move it away, or ask explicitly to overwrite it)");
        }
    }

    private static void moveReplacing(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A hard link fails if the target exists, where a rename would silently replace it: no race with a writer. */
    private static void moveIfAbsent(Path temp, Path target, String what) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            refuseExisting(target, what);
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links on this file system: check, then move without replacing
            refuseExisting(target, what);
            Files.move(temp, target);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory; the rename itself is done
        }
    }

    private static void restrictToOwner(Path file, Set<PosixFilePermission> permissions) {
        java.io.File f = file.toFile();
        boolean othersRead = permissions.contains(PosixFilePermission.OTHERS_READ);
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, !othersRead);
        f.setWritable(true, true);
    }
}
