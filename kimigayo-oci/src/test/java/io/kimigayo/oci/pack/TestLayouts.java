package io.kimigayo.oci.pack;

import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayoutWriter;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Layouts written entry by entry for the tests, hostile ones included: what no well-behaved packer writes. */
public final class TestLayouts {

    private TestLayouts() {
    }

    /** One tar entry and its bytes (null for none). */
    public record Entry(TarArchiveEntry entry, byte[] content) {
    }

    public static Entry file(String name, String content, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(bytes.length);
        e.setMode(mode);
        e.setIds(1000, 1000);
        return new Entry(e, bytes);
    }

    public static Entry dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        e.setMode(mode);
        return new Entry(e, null);
    }

    public static Entry link(String name, String target, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        return new Entry(e, null);
    }

    public static byte[] tar(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                tar.putArchiveEntry(e.entry());
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /**
     * A layout at {@code layout} holding one linux/amd64 image, tagged 1.0, of these layer blobs (gzip when
     * {@code gzip}), whose config's diff_ids are those of {@code tars}.
     */
    public static Path layout(Path layout, List<byte[]> tars, List<byte[]> blobs, boolean gzip) throws IOException {
        BlobStore store = BlobStore.ofLayout(layout);
        List<Descriptor> layers = new ArrayList<>();
        for (byte[] blob : blobs) {
            layers.add(store.put(gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER_TAR, blob));
        }
        ImageConfig config = new ImageConfig(null, null, "amd64", "linux", null,
                new ImageConfig.RuntimeConfig("1000:1000", null, List.of("A=1"), List.of("/bin/app"), null, null,
                        "/work", null, null),
                new ImageConfig.RootFs("layers", tars.stream().map(io.kimigayo.oci.digest.Digest::of).toList()),
                null);
        Descriptor configDescriptor = store.put(MediaTypes.OCI_CONFIG, Json.write(config));
        Descriptor manifest = store.put(MediaTypes.OCI_MANIFEST, Json.write(Manifest.of(configDescriptor, layers,
                Map.of())));
        new OciLayoutWriter().write(layout, List.of(manifest.withAnnotations(Map.of(Index.REF_NAME, "1.0"))));
        return layout;
    }

    /** A layout of these layers, uncompressed. */
    public static Path layout(Path layout, List<List<Entry>> layers) throws IOException {
        List<byte[]> tars = new ArrayList<>();
        for (List<Entry> layer : layers) {
            tars.add(tar(layer));
        }
        return layout(layout, tars, tars, false);
    }
}
