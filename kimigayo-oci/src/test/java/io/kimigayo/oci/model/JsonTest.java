package io.kimigayo.oci.model;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    private static final Digest D1 = Digest.of("one".getBytes(StandardCharsets.UTF_8));
    private static final Digest D2 = Digest.of("two".getBytes(StandardCharsets.UTF_8));

    private static String json(Object document) {
        return new String(Json.write(document), StandardCharsets.UTF_8);
    }

    /** A map inserted in reverse key order. */
    private static Map<String, String> reversed(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = keysAndValues.length - 2; i >= 0; i -= 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Manifest manifest() {
        return Manifest.of(new Descriptor(MediaTypes.OCI_CONFIG, D1, 123),
                List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, D2, 4567)),
                reversed("a", "1", "m", "2", "z", "3"));
    }

    @Test
    void manifestIsCompactWithDeclaredKeyOrderAndSortedAnnotations() {
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1
                + "\",\"size\":123},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D2
                + "\",\"size\":4567}],"
                + "\"annotations\":{\"a\":\"1\",\"m\":\"2\",\"z\":\"3\"}}", json(manifest()));
    }

    @Test
    void manifestWithoutLayersStillHasTheLayersArray() {
        Manifest m = Manifest.of(new Descriptor(MediaTypes.OCI_CONFIG, D1, 2), null, null);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1
                + "\",\"size\":2},\"layers\":[]}", json(m));
    }

    @Test
    void indexWithPlatformAndRefName() {
        Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, D1, 500)
                .withAnnotations(reversed(Index.REF_NAME, "1.0", "io.containerd.image.name", "example/hello:1.0"))
                .withPlatform(Platform.parse("linux/arm64"));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + D1
                + "\",\"size\":500,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"},"
                + "\"annotations\":{\"io.containerd.image.name\":\"example/hello:1.0\","
                + "\"org.opencontainers.image.ref.name\":\"1.0\"}}]}", json(Index.of(List.of(d))));
    }

    @Test
    void emptyIndexStillHasTheManifestsArray() {
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[]}", json(Index.of(List.of())));
    }

    @Test
    void imageConfigWithDeclaredKeyOrderSortedMapsAndNoEmptyFields() {
        Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
        ports.put("9090/udp", Map.of());
        ports.put("8080/tcp", Map.of());
        ImageConfig.RuntimeConfig rc = new ImageConfig.RuntimeConfig("app", ports, List.of("PATH=/bin", "A=1"),
                List.of("/app"), List.of(), null, "/work", reversed("a", "1", "b", "2"), "");
        ImageConfig config = new ImageConfig("2026-01-01T00:00:00Z", null, "amd64", "linux", null, rc,
                new ImageConfig.RootFs("layers", List.of(D1, D2)),
                List.of(new ImageConfig.History("2026-01-01T00:00:00Z", "kimigayo", null, "", null)));
        assertEquals("{\"created\":\"2026-01-01T00:00:00Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"User\":\"app\",\"ExposedPorts\":{\"8080/tcp\":{},\"9090/udp\":{}},"
                + "\"Env\":[\"PATH=/bin\",\"A=1\"],\"Entrypoint\":[\"/app\"],\"WorkingDir\":\"/work\","
                + "\"Labels\":{\"a\":\"1\",\"b\":\"2\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D1 + "\",\"" + D2 + "\"]},"
                + "\"history\":[{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"kimigayo\"}]}", json(config));
    }

    @Test
    void minimalImageConfigHasRootfsWithEmptyDiffIdsAndNoEmptyFields() {
        ImageConfig config = new ImageConfig(null, null, "arm64", "linux", "v8", null, null, null);
        // An empty runtime config is written as {} (an object, not a collection, so NON_EMPTY keeps it): valid OCI,
        // and it holds no empty Env/Labels/ExposedPorts.
        assertEquals("{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}", json(config));
    }

    @Test
    void historyKeepsEmptyLayerFlag() {
        ImageConfig.History h = new ImageConfig.History("t", "by", "me", "why", true);
        assertEquals("{\"created\":\"t\",\"created_by\":\"by\",\"author\":\"me\",\"comment\":\"why\","
                + "\"empty_layer\":true}", json(h));
    }

    @Test
    void plainMapsAreWrittenWithSortedKeys() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1);
        m.put("alpha", Map.of("y", 2));
        m.put("mid", List.of(3, 1, 2));
        assertEquals("{\"alpha\":{\"y\":2},\"mid\":[3,1,2],\"zeta\":1}", json(m));
    }

    @Test
    void sameDocumentGivesSameBytes() {
        assertArrayEquals(Json.write(manifest()), Json.write(manifest()));
        assertEquals(Digest.of(Json.write(manifest())), Digest.of(Json.write(manifest())));
    }

    @Test
    void manifestRoundTrips() throws IOException {
        Manifest m = manifest();
        Manifest back = Json.read(Json.write(m), Manifest.class);
        assertEquals(m, back);
        assertArrayEquals(Json.write(m), Json.write(back));
    }

    @Test
    void indexRoundTrips() throws IOException {
        Index index = Index.of(List.of(new Descriptor(MediaTypes.OCI_MANIFEST, D1, 5)
                .withPlatform(Platform.parse("linux/amd64")).withAnnotations(Map.of(Index.REF_NAME, "t"))));
        Index back = Json.read(Json.write(index), Index.class);
        assertEquals(index, back);
        assertEquals(Platform.parse("linux/amd64"), back.manifests().get(0).platform());
    }

    @Test
    void imageConfigRoundTrips() throws IOException {
        ImageConfig.RuntimeConfig rc = new ImageConfig.RuntimeConfig("u", Map.of("80/tcp", Map.of()),
                List.of("A=1"), List.of("/e"), List.of("c"), Map.of("/v", Map.of()), "/w", Map.of("l", "v"), "SIGINT");
        ImageConfig config = new ImageConfig("2026-01-01T00:00:00Z", "author", "amd64", "linux", null, rc,
                new ImageConfig.RootFs("layers", List.of(D1)),
                List.of(new ImageConfig.History("c", "b", null, null, Boolean.TRUE)));
        ImageConfig back = Json.read(Json.write(config), ImageConfig.class);
        assertEquals(config, back);
        assertArrayEquals(Json.write(config), Json.write(back));
    }

    @Test
    void minimalImageConfigRoundTrips() throws IOException {
        ImageConfig config = new ImageConfig(null, null, "amd64", "linux", null, null, null, null);
        ImageConfig back = Json.read(Json.write(config), ImageConfig.class);
        assertEquals(config, back);
        assertEquals(ImageConfig.RuntimeConfig.EMPTY, back.config());
        assertEquals(List.of(), back.rootfs().diffIds());
    }

    @Test
    void unknownFieldsOfOtherToolsAreReadAndDropped() throws IOException {
        String docker = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"docker_version\":\"27.0\","
                + "\"container_config\":{\"Hostname\":\"x\"},"
                + "\"config\":{\"Env\":[\"A=1\"],\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"]}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D1 + "\"]}}";
        ImageConfig c = Json.read(docker.getBytes(StandardCharsets.UTF_8), ImageConfig.class);
        assertEquals(List.of("A=1"), c.config().env());
        assertEquals(List.of(D1), c.rootfs().diffIds());
        assertNull(c.created());
        String written = json(c);
        assertTrue(!written.contains("Healthcheck") && !written.contains("docker_version"), written);
    }

    @Test
    void badDigestInADocumentIsAnIOException() {
        String bad = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"md5:abc\",\"size\":1},"
                + "\"layers\":[]}";
        IOException e = assertThrows(IOException.class,
                () -> Json.read(bad.getBytes(StandardCharsets.UTF_8), Manifest.class));
        assertTrue(e.getMessage().contains("md5:abc"), e.getMessage());
    }

    @Test
    void malformedJsonIsAnIOException() {
        assertThrows(IOException.class, () -> Json.read("{\"schemaVersion\":".getBytes(StandardCharsets.UTF_8),
                Index.class));
    }
}
