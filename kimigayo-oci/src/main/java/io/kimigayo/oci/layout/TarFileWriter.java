package io.kimigayo.oci.layout;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes a {@link FileTree} as an uncompressed tar file with the layer writer's deterministic rules. */
final class TarFileWriter {

    private final LayerWriter tarWriter = new LayerWriter();

    void write(FileTree tree, Instant mtime, Path target) throws IOException {
        Path temp = AtomicFiles.createTemp(target.getParent(), "." + target.getFileName() + "-");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 65536)) {
                tarWriter.writeTar(tree, mtime, out);
            }
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
