package io.kimigayo.oci.layout;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the top of an OCI image layout: the {@code oci-layout} marker and {@code index.json}. */
public final class OciLayoutWriter {

    /** The content of the {@code oci-layout} file. */
    public static final String LAYOUT_MARKER = "{\"imageLayoutVersion\":\"1.0.0\"}";

    /** Writes {@code oci-layout} and an {@code index.json} listing {@code manifests}; the blobs must be there. */
    public void write(Path layout, List<Descriptor> manifests) throws IOException {
        writeFile(layout, "oci-layout", LAYOUT_MARKER.getBytes(StandardCharsets.UTF_8));
        writeFile(layout, "index.json", Json.write(Index.of(manifests)));
    }

    private static void writeFile(Path layout, String name, byte[] bytes) throws IOException {
        Path temp = AtomicFiles.createTemp(layout, "." + name + "-");
        try {
            Files.write(temp, bytes);
            AtomicFiles.moveIntoPlace(temp, layout.resolve(name));
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
