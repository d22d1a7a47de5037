package io.kimigayo.oci.layout;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.digest.DigestingInputStream;
import io.kimigayo.oci.model.Descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code blobs/sha256/} directory of an OCI layout: blobs named by the hex of their SHA-256. Every blob is
 * written to a temporary file first and renamed once its digest is known, so a blob file is never half-written.
 */
public final class BlobStore {

    private final Path directory;

    public BlobStore(Path directory) {
        this.directory = directory;
    }

    /** The store of the layout rooted at {@code layoutDirectory}. */
    public static BlobStore ofLayout(Path layoutDirectory) {
        return new BlobStore(layoutDirectory.resolve("blobs").resolve("sha256"));
    }

    public Path directory() {
        return directory;
    }

    public Path path(Digest digest) {
        return directory.resolve(digest.hex());
    }

    /** Stores bytes and describes them. */
    public Descriptor put(String mediaType, byte[] bytes) throws IOException {
        Digest digest = Digest.of(bytes);
        Path temp = AtomicFiles.createTemp(directory, ".blob-");
        try {
            Files.write(temp, bytes);
            AtomicFiles.moveIntoPlace(temp, path(digest));
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /**
     * Copies a blob from a stream, checking it against the descriptor that refers to it; a blob whose digest or
     * size differs never enters the store.
     *
     * @param origin names where the blob comes from, for the error message
     * @throws CorruptBlobException when digest or size do not match
     */
    public Path copyVerified(InputStream in, Descriptor expected, String origin) throws IOException {
        Path temp = AtomicFiles.createTemp(directory, ".blob-");
        try {
            DigestingInputStream digesting = new DigestingInputStream(in);
            try (OutputStream out = Files.newOutputStream(temp)) {
                digesting.transferTo(out);
            }
            Digest actual = digesting.digest();
            if (!actual.equals(expected.digest()) || digesting.count() != expected.size()) {
                throw new CorruptBlobException(origin, expected, actual, digesting.count());
            }
            Path target = path(actual);
            AtomicFiles.moveIntoPlace(temp, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Puts a blob that is a file on the same file system into the store as a hard link to it (no bytes written),
     * checking it against its descriptor; where the file system cannot link the two (another device), copies it.
     * For blobs kept in a cache: the check on every use catches a cached file that was changed in place.
     *
     * @param origin names where the blob comes from, for the error message
     * @throws CorruptBlobException when digest or size do not match
     */
    public Path linkVerified(Path file, Descriptor expected, String origin) throws IOException {
        Path temp = directory.resolve(".blob-" + java.util.UUID.randomUUID() + ".tmp");
        Files.createDirectories(directory);
        try {
            try {
                Files.createLink(temp, file);
            } catch (IOException | UnsupportedOperationException e) {
                try (InputStream in = Files.newInputStream(file)) {
                    return copyVerified(in, expected, origin);
                }
            }
            Digest actual;
            long count;
            try (InputStream in = Files.newInputStream(temp);
                 DigestingInputStream digesting = new DigestingInputStream(in)) {
                digesting.transferTo(OutputStream.nullOutputStream());
                actual = digesting.digest();
                count = digesting.count();
            }
            if (!actual.equals(expected.digest()) || count != expected.size()) {
                throw new CorruptBlobException(origin, expected, actual, count);
            }
            Path target = path(actual);
            AtomicFiles.moveIntoPlace(temp, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads a small blob (a manifest, an index, a config) and checks it against its descriptor. */
    public static byte[] readVerified(Path file, Descriptor expected, String origin) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(origin + ": blob " + expected.digest() + " is missing (" + file
                    + "); the image is incomplete, rebuild or re-copy it");
        }
        byte[] bytes = Files.readAllBytes(file);
        Digest actual = Digest.of(bytes);
        if (!actual.equals(expected.digest()) || bytes.length != expected.size()) {
            throw new CorruptBlobException(origin, expected, actual, bytes.length);
        }
        return bytes;
    }
}
