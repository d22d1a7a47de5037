package io.kimigayo.rootfs.prebuilt;

import io.kimigayo.core.output.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The files a prebuilt Kimigayo OS is published as. */
public final class PrebuiltArtifacts {

    /** The file name of the published rootfs, next to {@code rootfs.tar}. */
    public static final String TAR_GZ = "rootfs.tar.gz";

    private PrebuiltArtifacts() {
    }

    /**
     * Writes {@code tar} gzip-compressed to {@code target}, deterministically (the gzip header carries no name and
     * no time), through a temporary file moved into place.
     */
    public static Path writeTarGz(Path tar, Path target) throws IOException {
        Path temp = AtomicFiles.createTemp(target.toAbsolutePath().getParent(), target.getFileName().toString());
        try {
            try (InputStream in = Files.newInputStream(tar);
                 OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(temp),
                         1 << 16), 1 << 16)) {
                in.transferTo(out);
            }
            AtomicFiles.moveIntoPlace(temp, target);
            return target;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
