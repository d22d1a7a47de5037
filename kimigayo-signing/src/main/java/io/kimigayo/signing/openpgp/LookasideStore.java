package io.kimigayo.signing.openpgp;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A containers/image lookaside ("sigstore") directory: the signatures of an image in a docker registry, laid out as
 * containers/image reads them for a registries.d {@code lookaside: file:///ROOT}:
 * <pre>
 * ROOT/PATH@sha256=HEX/signature-1, signature-2, ...
 * </pre>
 * where PATH is the repository path <em>without</em> the registry host (containers/image uses
 * {@code reference.Path()}: {@code 127.0.0.1:5000/kimigayo/app:1} is stored under {@code kimigayo/app},
 * {@code busybox} under {@code library/busybox}), and HEX the manifest digest. Readers take signature-1, -2, ... up to
 * the first missing index; a new signature goes to the first free index.
 *
 * <p>A signature is written to a temporary file in the same directory, then linked into place under its final name,
 * so a reader never sees half a signature and two writers never take the same index.
 */
public final class LookasideStore {

    /** Name prefix of the signature files; the index follows, from 1. */
    public static final String SIGNATURE_PREFIX = "signature-";

    private final Path root;

    public LookasideStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The lookaside directory (what registries.d's {@code lookaside} URL points at). */
    public Path root() {
        return root;
    }

    /** The directory holding the signatures of {@code manifestDigest} in the repository of {@code dockerReference}. */
    public Path directory(String dockerReference, Digest manifestDigest) {
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        ImageReference reference = ImageReference.parse(dockerReference, "docker reference");
        Path dir = root;
        String[] components = reference.path().split("/");
        for (int i = 0; i < components.length - 1; i++) {
            dir = dir.resolve(components[i]);
        }
        return dir.resolve(components[components.length - 1] + "@sha256=" + manifestDigest.hex());
    }

    /** The file of signature number {@code index} (from 1). */
    public Path signaturePath(String dockerReference, Digest manifestDigest, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("signature indexes start at 1, not " + index);
        }
        return directory(dockerReference, manifestDigest).resolve(SIGNATURE_PREFIX + index);
    }

    /** The signatures containers/image would read: signature-1, -2, ... up to the first missing one. */
    public List<Path> signatures(String dockerReference, Digest manifestDigest) {
        Path dir = directory(dockerReference, manifestDigest);
        List<Path> found = new ArrayList<>();
        for (int i = 1; ; i++) {
            Path file = dir.resolve(SIGNATURE_PREFIX + i);
            if (!Files.isRegularFile(file)) {
                return found;
            }
            found.add(file);
        }
    }

    /**
     * Stores a signature of {@code manifestDigest} for the repository of {@code dockerReference} under the first free
     * index; when a signature with the same bytes is already there, writes nothing and returns that one.
     *
     * @return the signature file
     */
    public Path write(String dockerReference, Digest manifestDigest, byte[] signature) throws IOException {
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0) {
            throw new IllegalArgumentException("refusing to store an empty signature for " + dockerReference);
        }
        Path dir = directory(dockerReference, manifestDigest);
        Files.createDirectories(dir);
        Path temp = AtomicFiles.createTemp(dir, ".signature-");
        try {
            Files.write(temp, signature);
            for (int index = 1; ; index++) {
                Path target = dir.resolve(SIGNATURE_PREFIX + index);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                            && Arrays.equals(Files.readAllBytes(target), signature)) {
                        return target;
                    }
                    continue;
                }
                try {
                    Files.createLink(target, temp);
                    return target;
                } catch (FileAlreadyExistsException raced) {
                    index--; // another writer took it just now: look at what it wrote
                } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
