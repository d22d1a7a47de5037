package io.kimigayo.oci.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciArchiveReader;
import io.kimigayo.oci.layout.OciLayoutReader;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The readers of a base image (an {@code oci:} layout, an {@code oci-archive:} tar, and the tar or gzip layers in
 * them) on any bytes: a base image, or an {@link IOException} with a message; never another exception, an error or a
 * hang. Each target varies one part and makes the rest valid, so the fuzzer gets past the digest checks to the parser
 * it aims at. Seeds: {@code src/test/resources/io/kimigayo/oci/fuzz/LayoutFuzzTestInputs/<target>}.
 */
class LayoutFuzzTest {

    private static final Platform PLATFORM = Platform.parse("linux/amd64");
    private static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
            + "0000000000000000000000000000000000000000000000000000000000000000\"]}}";

    private static Path dir;

    @BeforeAll
    static void directory() throws IOException {
        dir = Files.createTempDirectory("kimigayo-layout-fuzz");
    }

    @AfterAll
    static void clean() throws IOException {
        AtomicFiles.deleteRecursively(dir);
    }

    /** An empty layout directory and an empty store to copy into, fresh for each input. */
    private static Path freshLayout() throws IOException {
        AtomicFiles.deleteRecursively(dir.resolve("layout"));
        AtomicFiles.deleteRecursively(dir.resolve("into"));
        Path layout = Files.createDirectories(dir.resolve("layout/blobs/sha256")).getParent().getParent();
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return layout;
    }

    private static String blob(Path layout, byte[] bytes) throws IOException {
        Digest digest = Digest.of(bytes);
        Files.write(layout.resolve("blobs/sha256/" + digest.hex()), bytes);
        return "\"digest\":\"" + digest + "\",\"size\":" + bytes.length;
    }

    private static String index(Path layout, byte[] manifest) throws IOException {
        return "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + blob(layout, manifest) + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1\"}}]}";
    }

    private static void read(Path layout) {
        try {
            new OciLayoutReader().read(layout, null, PLATFORM, new BlobStore(dir.resolve("into")), "fuzz");
        } catch (IOException e) {
            Typed.message(e);
        }
    }

    /** index.json is the input. */
    @FuzzTest(maxDuration = "30s")
    void indexJson(byte[] data) throws IOException {
        Path layout = freshLayout();
        Files.write(layout.resolve("index.json"), data);
        read(layout);
    }

    /** The manifest is the input (the index names it by its digest; it may name the config blob there is). */
    @FuzzTest(maxDuration = "30s")
    void manifest(byte[] data) throws IOException {
        Path layout = freshLayout();
        blob(layout, CONFIG.getBytes(StandardCharsets.UTF_8));
        Files.writeString(layout.resolve("index.json"), index(layout, data));
        read(layout);
    }

    /**
     * A layer is the input after its first byte, gzip when that byte is odd, else plain tar; index, manifest and
     * config are valid.
     */
    @FuzzTest(maxDuration = "30s")
    void layer(byte[] data) throws IOException {
        boolean gzip = data.length > 0 && (data[0] & 1) == 1;
        byte[] layer = data.length > 0 ? java.util.Arrays.copyOfRange(data, 1, data.length) : data;
        Path layout = freshLayout();
        String config = blob(layout, CONFIG.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\"," + config + "},\"layers\":[{\"mediaType\":\""
                + (gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER_TAR) + "\"," + blob(layout, layer) + "}]}";
        Files.writeString(layout.resolve("index.json"), index(layout, manifest.getBytes(StandardCharsets.UTF_8)));
        read(layout);
    }

    /** An {@code oci-archive:} tar is the input. */
    @FuzzTest(maxDuration = "30s")
    void ociArchive(byte[] data) throws IOException {
        AtomicFiles.deleteRecursively(dir.resolve("scratch"));
        AtomicFiles.deleteRecursively(dir.resolve("into"));
        Path archive = Files.write(dir.resolve("archive.tar"), data);
        try {
            new OciArchiveReader().read(archive, null, PLATFORM, new BlobStore(dir.resolve("into")),
                    Files.createDirectories(dir.resolve("scratch")), "fuzz");
        } catch (IOException e) {
            Typed.message(e);
        }
    }
}
