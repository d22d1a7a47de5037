package io.kimigayo.app.uptodate;

import io.kimigayo.core.hash.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Content digests of files, with the shortcut Gradle and git take: a file whose size, modification time, change time,
 * inode and device are those recorded with its digest last time is not read again. The digest, not the file status,
 * is what a key is made of, so a file touched without a change still matches. A file changed within
 * {@link #RACY_NANOS} of being digested gets no status (it is read again next time), as a write in the same clock tick
 * can leave its times as they were.
 */
public final class FileDigests {

    /** Files whose times are this close to the moment they were digested are read again next time. */
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<Path, Entry> known;
    private final Map<Path, Entry> used = new LinkedHashMap<>();
    private long read;

    /** Digests with the entries of a previous record to trust while a file's status is unchanged. */
    public FileDigests(Map<Path, Entry> known) {
        this.known = known == null ? Map.of() : known;
    }

    /**
     * A file's status and the SHA-256 of its content, following symbolic links.
     *
     * @param status {@code size:mtime:ctime:ino:dev}, or {@code -} for a file that must be read again next time
     */
    public record Entry(String status, String sha256) {
    }

    /** The SHA-256 of a regular file's content (links followed), read only when its status is not the recorded one. */
    public String sha256(Path file) throws IOException {
        return sha256(file, null);
    }

    /**
     * {@link #sha256(Path)} of a file whose status (as {@link #status(Map)} makes it from its {@code unix:}
     * attributes, links followed) was just read by the caller, or null to read it here.
     */
    String sha256(Path file, String knownStatus) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Entry entry = used.get(key);
        if (entry != null) {
            return entry.sha256();
        }
        String status = knownStatus != null ? knownStatus : status(key);
        Entry previous = known.get(key);
        if (previous != null && !"-".equals(previous.status()) && previous.status().equals(status)) {
            entry = previous;
        } else {
            long before = System.currentTimeMillis();
            String sha = Sha256.hex(key);
            read++;
            // the status is trusted next time only when both times are clearly before the read, and unchanged by it
            boolean racy = !status.equals(status(key)) || racy(key, before);
            entry = new Entry(racy ? "-" : status, sha);
        }
        used.put(key, entry);
        return entry.sha256();
    }

    /** Every file digested through this instance, by absolute path: what a record keeps for the next build. */
    public Map<Path, Entry> used() {
        return used;
    }

    /** How many files were read (not taken from the recorded status). */
    public long filesRead() {
        return read;
    }

    /** The attributes {@link #status(Map)} needs, for {@code Files.readAttributes}. */
    static final String STATUS_ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev";

    static String status(Path file) throws IOException {
        return status(Files.readAttributes(file, STATUS_ATTRIBUTES));
    }

    /** {@code size:mtime:ctime:ino:dev} of attributes read with (at least) {@link #STATUS_ATTRIBUTES}. */
    static String status(Map<String, Object> a) {
        return a.get("size") + ":" + nanos(a.get("lastModifiedTime")) + ":" + nanos(a.get("ctime")) + ":"
                + a.get("ino") + ":" + a.get("dev");
    }

    /** The status of a directory itself: its times change when an entry is added, removed or renamed. */
    static String directoryStatus(Path directory) throws IOException {
        Map<String, Object> a = Files.readAttributes(directory, "unix:lastModifiedTime,ctime,ino,dev");
        return nanos(a.get("lastModifiedTime")) + ":" + nanos(a.get("ctime")) + ":" + a.get("ino") + ":"
                + a.get("dev");
    }

    private static boolean racy(Path file, long readStartedMillis) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:lastModifiedTime,ctime");
        long start = TimeUnit.MILLISECONDS.toNanos(readStartedMillis);
        return start - nanos(a.get("lastModifiedTime")) < RACY_NANOS || start - nanos(a.get("ctime")) < RACY_NANOS;
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
