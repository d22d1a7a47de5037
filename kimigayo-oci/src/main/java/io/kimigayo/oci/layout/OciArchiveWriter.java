package io.kimigayo.oci.layout;

import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Packs an OCI image layout directory into an OCI archive (the layout as a tar), deterministically. */
public final class OciArchiveWriter {

    public void write(Path layout, Instant mtime, Path archive) throws IOException {
        FileTree tree = new DirectoryImporter().importInto(new FileTree(),
                new DirectoryImport(layout, "/", List.of(), List.of("**/.*.tmp"), 0644, 0755, 0, 0));
        new TarFileWriter().write(tree, mtime, archive);
    }
}
