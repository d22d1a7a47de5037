package io.kimigayo.oci.pack;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayoutWriter;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.tree.DirectoryImport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Builds real images with {@link ImagePacker} and reads their parts back, for the tests. */
public final class TestImages {

    public static final BuildTimestamp TIME = new BuildTimestamp(Instant.parse("2026-01-01T00:00:00Z"),
            BuildTimestamp.Source.OUTPUT_TIMESTAMP);
    public static final Platform AMD64 = Platform.parse("linux/amd64");
    public static final String BASE_TAG = "1.0";

    private TestImages() {
    }

    /** A small directory to take a layer from: an executable, two text files, nested directories. */
    public static Path sourceTree(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("etc/app"));
        Path hello = dir.resolve("bin/hello");
        Files.writeString(hello, "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("etc/motd"), "Welcome to Kimigayo OS\n");
        Files.writeString(dir.resolve("etc/app/config.txt"), "key=value\n".repeat(50));
        return dir;
    }

    /** Another directory for a layer on top of a base. */
    public static Path appTree(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/app.txt"), "application\n");
        return dir;
    }

    public static PackRequest request(String from, Path baseDirectory, List<Path> layerDirs, String image,
                                      List<String> extraTags, Set<OutputFormat> formats,
                                      ContainerSettings settings, Path out) {
        return PackRequest.builder(ImageReference.parse(image), AMD64, TIME, out)
                .from(from)
                .baseDirectory(baseDirectory)
                .layers(layerDirs.stream().map(d -> DirectoryImport.of(d, "/")).toList())
                .settings(settings)
                .extraTags(extraTags)
                .formats(formats)
                .build();
    }

    /** The settings of the base images the tests build. */
    public static ContainerSettings baseSettings() {
        return new ContainerSettings(List.of("/bin/hello"), List.of("--greet"), Map.of("PATH", "/bin", "LANG", "C"),
                "/", null, List.of("8080"), Map.of("org.example.base", "yes"), null);
    }

    /** Packs {@link #sourceTree} as {@code example/base:1.0} (also tagged {@code stable}) into {@code work/base-out}. */
    public static PackResult packBase(Path work, Set<OutputFormat> formats) throws IOException {
        Path src = sourceTree(work.resolve("base-src"));
        return new ImagePacker().pack(request("scratch", null, List.of(src), "example/base:" + BASE_TAG,
                List.of("stable"), formats, baseSettings(), work.resolve("base-out")));
    }

    public static PackResult packBase(Path work) throws IOException {
        return packBase(work, EnumSet.of(OutputFormat.OCI_LAYOUT, OutputFormat.OCI_ARCHIVE));
    }

    public static Path baseLayout(Path work) {
        return work.resolve("base-out").resolve(OutputFormat.OCI_LAYOUT.fileName());
    }

    public static Path baseArchive(Path work) {
        return work.resolve("base-out").resolve(OutputFormat.OCI_ARCHIVE.fileName());
    }

    public static Index index(Path layout) throws IOException {
        return Json.read(Files.readAllBytes(layout.resolve("index.json")), Index.class);
    }

    public static Path blob(Path layout, Digest digest) {
        return BlobStore.ofLayout(layout).path(digest);
    }

    /** The manifest named {@code tag} in the layout. */
    public static Manifest manifest(Path layout, String tag) throws IOException {
        Descriptor d = index(layout).manifests().stream()
                .filter(m -> tag.equals(m.annotations().get(Index.REF_NAME)))
                .findFirst().orElseThrow();
        return Json.read(Files.readAllBytes(blob(layout, d.digest())), Manifest.class);
    }

    public static ImageConfig config(Path layout, Manifest manifest) throws IOException {
        return Json.read(Files.readAllBytes(blob(layout, manifest.config().digest())), ImageConfig.class);
    }

    public static String digestFile(Path out) throws IOException {
        return Files.readString(out.resolve(ImagePacker.DIGEST_FILE), StandardCharsets.US_ASCII);
    }

    /** The names in a directory, sorted (hidden ones included). */
    public static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Flips one bit in the middle of a file. */
    public static void flipByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    /**
     * Rewrites the image(s) of a layout with an edited config and/or manifest: new blobs are stored and index.json is
     * re-pointed at the new manifest, keeping each index entry's annotations and platform.
     */
    public static void rewrite(Path layout, UnaryOperator<ImageConfig> editConfig, UnaryOperator<Manifest> editManifest)
            throws IOException {
        Index index = index(layout);
        Descriptor first = index.manifests().get(0);
        Manifest manifest = Json.read(Files.readAllBytes(blob(layout, first.digest())), Manifest.class);
        ImageConfig config = config(layout, manifest);
        BlobStore store = BlobStore.ofLayout(layout);
        Descriptor configDescriptor = store.put(MediaTypes.OCI_CONFIG, Json.write(editConfig.apply(config)));
        Manifest edited = editManifest.apply(new Manifest(manifest.schemaVersion(), manifest.mediaType(),
                configDescriptor, manifest.layers(), manifest.annotations()));
        Descriptor manifestDescriptor = store.put(MediaTypes.OCI_MANIFEST, Json.write(edited));
        List<Descriptor> entries = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            entries.add(new Descriptor(d.mediaType(), manifestDescriptor.digest(), manifestDescriptor.size(),
                    d.platform(), d.annotations()));
        }
        new OciLayoutWriter().write(layout, entries);
    }
}
