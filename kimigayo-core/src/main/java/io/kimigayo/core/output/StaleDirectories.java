package io.kimigayo.core.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the work directories and temporary files of live builds from those that killed builds left behind, so that
 * the leftovers can be removed: a live build holds the lock file of its work directory for as long as it runs, and
 * the operating system frees the lock when the process dies. A directory or temporary file without a lock is
 * taken as abandoned only once it has not changed for {@link #UNLOCKED_AGE} (it may be being made right now).
 */
public final class StaleDirectories {

    /** How long a work directory or temporary file without a lock must be unchanged to count as abandoned. */
    public static final Duration UNLOCKED_AGE = Duration.ofMinutes(30);

    private StaleDirectories() {
    }

    /**
     * The lock files this process holds (through {@link #hold}). The locks are POSIX record locks, which belong to the
     * process: closing any descriptor of a locked file drops them all, as {@link FileLock}'s documentation warns. So
     * a lock file held here is never opened to be tested, or the test itself would free it and another process
     * would then take a live build's directory for abandoned and delete it under that build.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /**
     * Creates (or opens) a lock file and locks it for this process until {@link #letGo}: the mark of a live work
     * directory. Waits while another process holds it.
     *
     * @throws OverlappingFileLockException when this process holds it already (the file is not even opened then)
     */
    public static FileChannel hold(Path lockFile) throws IOException {
        Path key = key(lockFile);
        if (!HELD.add(key)) {
            throw new OverlappingFileLockException();
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /** Frees a lock taken with {@link #hold}. */
    public static void letGo(Path lockFile, FileChannel channel) throws IOException {
        try {
            channel.close();
        } finally {
            HELD.remove(key(lockFile));
        }
    }

    private static Path key(Path lockFile) {
        return lockFile.toAbsolutePath().normalize();
    }

    /**
     * How old a free lock file must be to count: its owner creates it an instant before it locks it, and in that
     * instant the lock is free too.
     */
    private static final Duration LOCK_GRACE = Duration.ofSeconds(5);

    /** Whether the owner of this lock file (in a work directory) is gone. */
    static boolean isAbandoned(Path lockFile, Instant now) throws IOException {
        if (HELD.contains(key(lockFile))) {
            return false; // ours: opening it to test would free it
        }
        if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return olderThan(lockFile.getParent(), UNLOCKED_AGE, now);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            if (Files.getLastModifiedTime(lockFile, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .isAfter(now.minus(LOCK_GRACE))) {
                return false;
            }
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very process (not through hold): closing this channel has freed it
        } catch (NoSuchFileException e) {
            return false; // removed meanwhile by its owner
        }
    }

    /**
     * Removes the directories of {@code parent} named {@code prefix*} whose lock file ({@code lockName} inside) is
     * free, and the regular files named so that have not changed for {@link #UNLOCKED_AGE}.
     *
     * @return how many were removed
     */
    public static int removeAbandoned(Path parent, String prefix, String lockName) throws IOException {
        return removeAbandoned(parent, prefix, lockName, Instant.now());
    }

    static int removeAbandoned(Path parent, String prefix, String lockName, Instant now) throws IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                boolean abandoned = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        ? isAbandoned(entry.resolve(lockName), now) : olderThan(entry, UNLOCKED_AGE, now);
                if (abandoned) {
                    try {
                        AtomicFiles.deleteRecursively(entry);
                        removed++;
                    } catch (NoSuchFileException e) {
                        // removed meanwhile by another build
                    }
                }
            }
        }
        return removed;
    }

    /**
     * Removes the temporary files ({@code .<name>.tmp}, as {@link AtomicFiles#createTemp} makes them) in a shared
     * cache directory that have not changed for {@link #UNLOCKED_AGE}: those of killed builds. A live build writes
     * its temporary files as it goes, and renames or deletes them when done. A clean-up, so it never fails: what
     * cannot be removed stays.
     *
     * @return how many were removed
     */
    public static int removeOldTemporaryFiles(Path directory) {
        return removeOldTemporaryFiles(directory, Instant.now());
    }

    static int removeOldTemporaryFiles(Path directory, Instant now) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".*.tmp")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && olderThan(entry, UNLOCKED_AGE, now)) {
                    try {
                        Files.delete(entry);
                        removed++;
                    } catch (NoSuchFileException e) {
                        // removed meanwhile by another build
                    }
                }
            }
        } catch (IOException e) {
            // not ours to remove (permissions), or the directory went away: leave it
        }
        return removed;
    }

    /**
     * Whether a file last changed longer ago than {@code age}. The inode's change time counts, not only the
     * modification time: a hard link made a moment ago to an old file has an old modification time.
     */
    private static boolean olderThan(Path path, Duration age, Instant now) throws IOException {
        try {
            FileTime changed = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
            try {
                FileTime ctime = (FileTime) Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
                if (ctime.compareTo(changed) > 0) {
                    changed = ctime;
                }
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // no unix view on this file system: the modification time alone
            }
            return changed.toInstant().isBefore(now.minus(age));
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
