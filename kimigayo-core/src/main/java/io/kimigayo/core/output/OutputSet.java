package io.kimigayo.core.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The outputs of one goal in an output directory ({@code image/}, {@code image.tar} and {@code image.digest}; or
 * {@code rootfs.tar}, {@code initramfs.cpio.gz} and {@code rootfs.json}), switched as a whole: whatever moment a
 * build is killed at, the next reader finds either all the old outputs or all the new ones.
 * <ol>
 *   <li>The new outputs are written into a staging directory {@code .staging-<id>/} beside them, which holds a lock
 *       for as long as its build lives.</li>
 *   <li>When all are written, a journal {@code .commit} names the staging directory and the outputs, and only then
 *       are the old outputs moved aside and the new ones moved into place, one rename each.</li>
 *   <li>A build killed before the journal was written leaves the old outputs untouched; one killed after it is
 *       completed by the next build or reader ({@link #recover}), which rolls the journal forward.</li>
 *   <li>Staging directories of builds that are gone (their lock is free) are removed when a new set begins.</li>
 * </ol>
 * Commits and recoveries of one output directory take turns on the lock file {@value #OUTPUT_LOCK} in it.
 * Renames within one directory are atomic on POSIX file systems; the journal is itself written by a rename.
 */
public final class OutputSet implements AutoCloseable {

    /** The journal of a commit in progress. */
    static final String JOURNAL = ".commit";
    private static final String STAGING_PREFIX = ".staging-";
    /** The lock of a staging directory, held by its build. */
    private static final String LOCK = ".lock";
    /**
     * The lock that keeps the commits and recoveries of an output directory apart; it stays (deleting a lock file
     * others may be opening would let two of them hold "the" lock at once).
     */
    public static final String OUTPUT_LOCK = ".kimigayo.lock";
    private static final String PREVIOUS = ".previous";
    /** A test hook: milliseconds to wait between the renames of a commit, so that a test can kill it midway. */
    static final String COMMIT_DELAY = "KIMIGAYO_TEST_COMMIT_DELAY_MS";

    private final Path out;
    private final Path staging;
    private final FileChannel lockChannel;
    private boolean committed;

    private OutputSet(Path out, Path staging, FileChannel lockChannel) {
        this.out = out;
        this.staging = staging;
        this.lockChannel = lockChannel;
    }

    /**
     * Begins a new set of outputs in {@code out}: completes a commit that a killed build left, removes the staging
     * directories of builds that are gone, and makes a staging directory of its own.
     */
    public static OutputSet begin(Path out) throws IOException {
        Files.createDirectories(out);
        recover(out);
        removeStale(out, Instant.now());
        Path staging = Files.createDirectory(out.resolve(STAGING_PREFIX + UUID.randomUUID()));
        return new OutputSet(out, staging, StaleDirectories.hold(staging.resolve(LOCK)));
    }

    /** Where the new outputs are written, each under the name it will have in the output directory. */
    public Path staging() {
        return staging;
    }

    /**
     * Switches the outputs: the staged ones (by name) replace theirs, and the names of {@code retired} that are not
     * staged are removed (the formats a build no longer writes), so the directory never mixes two builds.
     *
     * @return the outputs now in place
     */
    public List<Path> commit(List<String> staged, Collection<String> retired) throws IOException {
        Set<String> install = new LinkedHashSet<>(staged);
        Set<String> remove = new LinkedHashSet<>(retired);
        remove.removeAll(install);
        for (String name : install) {
            if (!Files.exists(staging.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(staging.resolve(name) + " was not written; nothing was changed in " + out);
            }
        }
        try (OutputLock ignored = OutputLock.of(out)) {
            recover(out);
            List<String> journal = new ArrayList<>();
            journal.add("staging " + staging.getFileName());
            install.forEach(n -> journal.add("install " + n));
            remove.forEach(n -> journal.add("remove " + n));
            Path temp = AtomicFiles.createTemp(out, ".commit-");
            Files.write(temp, journal, StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(temp, out.resolve(JOURNAL));
            rollForward(out, staging, install, remove);
            committed = true;
        }
        List<Path> outputs = new ArrayList<>();
        install.forEach(n -> outputs.add(out.resolve(n)));
        return outputs;
    }

    /** Removes the staging directory (with the old outputs after a commit) and frees its lock. */
    @Override
    public void close() throws IOException {
        try {
            StaleDirectories.letGo(staging.resolve(LOCK), lockChannel);
        } finally {
            AtomicFiles.deleteRecursively(staging);
        }
    }

    /** Whether the set was committed. */
    public boolean committed() {
        return committed;
    }

    /**
     * Completes a commit that a killed build left in {@code out}, if there is one: after it, the output directory
     * holds all the outputs of that build. Every reader of an output directory calls this first.
     */
    public static void recover(Path out) throws IOException {
        if (!Files.isRegularFile(out.resolve(JOURNAL))) {
            return;
        }
        try (OutputLock ignored = OutputLock.of(out)) {
            Path journal = out.resolve(JOURNAL);
            if (!Files.isRegularFile(journal)) {
                return; // completed by another process meanwhile
            }
            Path staging = null;
            Set<String> install = new LinkedHashSet<>();
            Set<String> remove = new LinkedHashSet<>();
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                String value = space < 0 ? "" : line.substring(space + 1);
                if (value.isEmpty() || value.contains("/") || value.equals("..")) {
                    throw new IOException(journal + " is damaged (line '" + line + "'); delete it and build again");
                }
                switch (line.substring(0, Math.max(0, space))) {
                    case "staging" -> staging = out.resolve(value);
                    case "install" -> install.add(value);
                    case "remove" -> remove.add(value);
                    default -> throw new IOException(journal + " is damaged (line '" + line + "'); delete it and "
                            + "build again");
                }
            }
            if (staging == null) {
                throw new IOException(journal + " names no staging directory; delete it and build again");
            }
            rollForward(out, staging, install, remove);
        }
    }

    /**
     * Moves the old outputs aside and the staged ones into place, then ends the journal. Done again after a kill, it
     * picks up where it stopped: a name whose staged version is gone is already in place.
     */
    private static void rollForward(Path out, Path staging, Set<String> install, Set<String> remove)
            throws IOException {
        Path previous = staging.resolve(PREVIOUS);
        if (Files.isDirectory(staging)) {
            Files.createDirectories(previous);
        }
        long delay = delay();
        for (String name : remove) {
            Path current = out.resolve(name);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isDirectory(previous)) {
                    Files.move(current, previous.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                } else {
                    AtomicFiles.deleteRecursively(current);
                }
                pause(delay);
            }
        }
        for (String name : install) {
            Path fresh = staging.resolve(name);
            if (!Files.exists(fresh, LinkOption.NOFOLLOW_LINKS)) {
                continue; // moved into place before the kill
            }
            Path current = out.resolve(name);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(current, previous.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                pause(delay);
            }
            Files.move(fresh, current, StandardCopyOption.ATOMIC_MOVE);
            pause(delay);
        }
        Files.deleteIfExists(out.resolve(JOURNAL));
        if (Files.isDirectory(previous)) {
            AtomicFiles.deleteRecursively(previous);
        }
    }

    /**
     * Removes the staging directories in {@code out} whose build is gone: their lock is free (a live build holds
     * its lock until it ends; the operating system frees it when the process dies). A staging directory named in
     * the journal is kept for {@link #recover}.
     */
    static void removeStale(Path out, Instant now) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out, STAGING_PREFIX + "*")) {
            for (Path dir : entries) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(out.resolve(JOURNAL))
                        && StaleDirectories.isAbandoned(dir.resolve(LOCK), now)) {
                    AtomicFiles.deleteRecursively(dir);
                }
            }
        }
    }

    private static long delay() {
        String value = System.getenv(COMMIT_DELAY);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void pause(long millis) throws IOException {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during a commit", e);
            }
        }
    }

    /** The lock that keeps two commits (or a commit and a recovery) to one output directory apart. */
    private static final class OutputLock implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;

        private OutputLock(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        static OutputLock of(Path out) throws IOException {
            Path file = out.resolve(OUTPUT_LOCK);
            try {
                return new OutputLock(file, StaleDirectories.hold(file));
            } catch (OverlappingFileLockException e) {
                throw new IOException(out + " is being committed by another build in this JVM at the same time; "
                        + "give the builds different output directories", e);
            }
        }

        @Override
        public void close() throws IOException {
            StaleDirectories.letGo(file, channel);
        }
    }
}
