package io.kimigayo.oci.pack;

import io.kimigayo.oci.model.ImageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Empty entries as Maven passes them ({@code <arg></arg>}, an argument of spaces, {@code <tag></tag>},
 * {@code <port></port>} all arrive as null): a clear message naming the setting, never a NullPointerException; an
 * empty label or annotation value is the empty string in the JSON, never null.
 */
class EmptyEntriesTest {

    @TempDir
    Path temp;

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void anEmptyArgumentTagOrPortIsNamed() {
        List<String> emptyArg = Arrays.asList("/bin/app", null);
        assertEquals("entrypoint: argument 2 of 2 is empty; remove it, or give it a value", refused(() ->
                new ContainerSettings(emptyArg, null, null, null, null, null, null, null)));
        assertTrue(refused(() -> new ContainerSettings(null, Arrays.asList((String) null), null, null, null, null,
                null, null)).startsWith("cmd: argument 1 of 1 is empty"));
        assertTrue(refused(() -> new ContainerSettings(null, null, null, null, null, Arrays.asList("8080", null),
                null, null)).startsWith("ports: port 2 of 2 is empty"));
        assertTrue(refused(() -> new ContainerSettings(null, null, null, null, null, List.of(" "), null, null))
                .startsWith("ports: port 1 of 1 is empty"));
        assertTrue(refused(() -> TestImages.request("scratch", null, List.of(), "example/app:1.0",
                Arrays.asList("latest", null), null, ContainerSettings.NONE, temp))
                .startsWith("tags: tag 2 of 2 is empty"));
        Map<String, String> unnamed = new HashMap<>();
        unnamed.put(null, "x");
        assertTrue(refused(() -> new ContainerSettings(null, null, null, null, null, null, unnamed, null))
                .startsWith("labels: an entry has an empty name"));
        assertEquals(List.of("sh", "-c", ""), new ContainerSettings(List.of("sh", "-c", ""), null, null, null,
                null, null, null, null).entrypoint(), "an empty string argument given as such is kept");
    }

    @Test
    void emptyLabelAndAnnotationValuesAreEmptyStrings() throws IOException {
        Map<String, String> labels = new HashMap<>();
        labels.put("org.example.empty", null);
        Map<String, String> annotations = new HashMap<>();
        annotations.put("org.example.note", null);
        Map<String, String> env = new HashMap<>();
        env.put("EMPTY", null);
        Path src = TestImages.sourceTree(temp.resolve("src"));
        Path out = temp.resolve("out");
        new ImagePacker().pack(TestImages.request("scratch", null, List.of(src), "example/app:1.0", List.of(),
                EnumSet.of(OutputFormat.OCI_LAYOUT), new ContainerSettings(List.of("/bin/hello"), null, env, null,
                        null, null, labels, annotations), out));
        Path layout = out.resolve("image");
        var manifest = TestImages.manifest(layout, "1.0");
        ImageConfig config = TestImages.config(layout, manifest);
        assertEquals("", config.config().labels().get("org.example.empty"));
        assertTrue(config.config().env().contains("EMPTY="), config.config().env().toString());
        assertEquals("", manifest.annotations().get("org.example.note"));
        String json = new String(Files.readAllBytes(TestImages.blob(layout, manifest.config().digest())),
                StandardCharsets.UTF_8);
        assertFalse(json.contains("null"), json);
    }
}
