package io.kimigayo.rootfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kimigayo.core.hash.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a rebuild may keep the previous initramfs: {@link RootfsBuilder#unchanged}. */
class RootfsBuilderOutputsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAR_SHA = "a".repeat(64);

    @TempDir
    Path out;

    private String initramfsSha;

    @BeforeEach
    void previousBuild() throws IOException {
        Files.write(out.resolve(RootfsBuilder.INITRAMFS), "initramfs bytes".getBytes(StandardCharsets.UTF_8));
        initramfsSha = Sha256.hex(out.resolve(RootfsBuilder.INITRAMFS));
        writeManifest(RootfsBuilder.OUTPUT_FORMAT, TAR_SHA, initramfsSha);
    }

    private void writeManifest(String format, String tar, String initramfs) throws IOException {
        RootfsManifest manifest = new RootfsManifest("Kimigayo OS", "1", "standard", "x86_64",
                "2026-01-01T00:00:00Z", List.of(), 3, new RootfsManifest.Sizes(10240, 321),
                new RootfsManifest.Digests(format, tar, initramfs), List.of(), List.of());
        JSON.writeValue(out.resolve(RootfsBuilder.JSON).toFile(), manifest);
    }

    @Test
    void theSameTarKeepsTheInitramfsAndItsGzipSize() {
        RootfsManifest kept = RootfsBuilder.unchanged(out, TAR_SHA).orElseThrow();
        assertEquals(321, kept.sizes().gzip());
        assertEquals(initramfsSha, kept.sha256().initramfs());
    }

    @Test
    void theBuildGoalsJavaRuntimeSectionDoesNotStopTheReuse() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(out.resolve(RootfsBuilder.JSON).toFile());
        json.putObject("javaRuntime").put("version", "17");
        JSON.writeValue(out.resolve(RootfsBuilder.JSON).toFile(), json);
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isPresent());
    }

    @Test
    void aManifestWithAFieldTheModelDoesNotKnowIsWrittenAnew() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(out.resolve(RootfsBuilder.JSON).toFile());
        json.put("extra", true);
        JSON.writeValue(out.resolve(RootfsBuilder.JSON).toFile(), json);
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isEmpty());
    }

    @Test
    void anotherTarIsWrittenAnew() {
        assertTrue(RootfsBuilder.unchanged(out, "b".repeat(64)).isEmpty());
    }

    @Test
    void anAlteredInitramfsIsWrittenAnew() throws IOException {
        Files.write(out.resolve(RootfsBuilder.INITRAMFS), "altered".getBytes(StandardCharsets.UTF_8));
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isEmpty());
    }

    @Test
    void aMissingInitramfsIsWrittenAnew() throws IOException {
        Files.delete(out.resolve(RootfsBuilder.INITRAMFS));
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isEmpty());
    }

    @Test
    void outputsOfOtherWritersAreWrittenAnew() throws IOException {
        writeManifest("tar+cpio.gz/0", TAR_SHA, initramfsSha);
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isEmpty());
    }

    @Test
    void aManifestWithoutDigestsOrUnreadableIsWrittenAnew() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(out.resolve(RootfsBuilder.JSON).toFile());
        json.remove("sha256");
        JSON.writeValue(out.resolve(RootfsBuilder.JSON).toFile(), json);
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isEmpty());
        Files.writeString(out.resolve(RootfsBuilder.JSON), "{ not json");
        assertTrue(RootfsBuilder.unchanged(out, TAR_SHA).isEmpty());
    }
}
