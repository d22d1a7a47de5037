package io.kimigayo.oci.layout;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.tree.InvalidPathException;
import io.kimigayo.rootfs.tree.TreePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a base image from an OCI archive (an OCI layout packed as a tar): unpacks the layout's files into a scratch
 * directory, refusing any entry that is not a plain file or directory or that would land outside it, then reads it
 * as a layout.
 */
public final class OciArchiveReader {

    private final OciLayoutReader layoutReader = new OciLayoutReader();

    /** @param scratch an empty directory the caller deletes afterwards */
    public BaseImage read(Path archive, String tag, Platform platform, BlobStore into, Path scratch, String origin)
            throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IOException(origin + ": " + archive + " does not exist or is not a file");
        }
        unpack(archive, scratch, origin);
        return layoutReader.read(scratch, tag, platform, into, origin);
    }

    private static void unpack(Path archive, Path scratch, String origin) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 65536);
             TarArchiveInputStream tar = new TarArchiveInputStream(file, "UTF-8")) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                TreePath path;
                try {
                    path = TreePath.of(entry.getName());
                } catch (InvalidPathException e) {
                    throw new IOException(origin + ": unsafe entry in the archive: " + e.getMessage(), e);
                }
                if (path.isRoot()) {
                    continue;
                }
                Path target = scratch.resolve(path.relativeName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile() && !entry.isLink() && !entry.isSymbolicLink() && !entry.isCharacterDevice()
                        && !entry.isBlockDevice() && !entry.isFIFO()) {
                    Path temp = AtomicFiles.createTemp(target.getParent(), ".entry-");
                    Files.copy(tar, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    AtomicFiles.moveIntoPlace(temp, target);
                } else {
                    throw new IOException(origin + ": archive entry " + entry.getName() + " is a link or special "
                            + "file; an OCI archive holds only files and directories");
                }
            }
        }
    }
}
