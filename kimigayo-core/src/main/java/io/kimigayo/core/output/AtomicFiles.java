package io.kimigayo.core.output;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writing outputs so that nobody ever sees half of one: write to a temporary file beside the target, then rename.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** A new empty temporary file in {@code directory}, readable by all (0644) whatever the umask. */
    public static Path createTemp(Path directory, String prefix) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, prefix, ".tmp");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        return temp;
    }

    /** Renames {@code temp} to {@code target} in one step, replacing what was there. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a file or a directory with everything below it; symlinks are deleted, never followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
