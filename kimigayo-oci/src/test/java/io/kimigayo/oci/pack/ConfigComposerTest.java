package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigComposerTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Digest BASE_DIFF = digest("base layer");
    private static final ImageConfig.History BASE_HISTORY =
            new ImageConfig.History("2025-06-01T00:00:00Z", "base build", "someone", "the base", null);

    private final ConfigComposer composer = new ConfigComposer();

    private static Digest digest(String s) {
        return Digest.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigComposer.AddedLayer added(String name) {
        Layer layer = new Layer(new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest(name + " gz"), 10), digest(name),
                20, Path.of(name));
        return new ConfigComposer.AddedLayer(layer, "added " + name);
    }

    private static ImageConfig base() {
        Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
        ports.put("9000/udp", Map.of());
        ports.put("8080/tcp", Map.of());
        ImageConfig.RuntimeConfig rc = new ImageConfig.RuntimeConfig("nobody", ports,
                List.of("PATH=/usr/bin:/bin", "HOME=/root", "TERM=xterm"), List.of("/bin/sh", "-c"),
                List.of("echo base"), Map.of("/data", Map.of()), "/srv", Map.of("a", "1", "b", "2"), "SIGTERM");
        return new ImageConfig("2025-06-01T00:00:00Z", "Base Author", "amd64", "linux", null, rc,
                new ImageConfig.RootFs("layers", List.of(BASE_DIFF)), List.of(BASE_HISTORY));
    }

    private static ContainerSettings settings(List<String> entrypoint, List<String> cmd, Map<String, String> env,
                                              List<String> ports, Map<String, String> labels) {
        return new ContainerSettings(entrypoint, cmd, env, null, null, ports, labels, null);
    }

    @Test
    void environmentKeepsBaseOrderReplacesOverriddenValuesAndAppendsNewKeysSorted() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZED", "z");
        env.put("PATH", "/app/bin:/usr/bin:/bin");
        env.put("ALPHA", "a");
        env.put("TERM", "dumb");
        ImageConfig c = composer.compose(base(), settings(null, null, env, null, null), List.of(), AMD64, CREATED);
        assertEquals(List.of("PATH=/app/bin:/usr/bin:/bin", "HOME=/root", "TERM=dumb", "ALPHA=a", "ZED=z"),
                c.config().env());
    }

    @Test
    void environmentValuesMayHoldEqualsSignsAndBeEmpty() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPTS", "-Da=b -Dc=d");
        env.put("EMPTY", null);
        assertEquals(List.of("X=1=2", "EMPTY=", "OPTS=-Da=b -Dc=d"),
                ConfigComposer.mergeEnvironment(List.of("X=1=2"), new java.util.TreeMap<>(env)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A=B"})
    void badEnvironmentNamesAreRejected(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(name, "v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigComposer.mergeEnvironment(List.of(), env));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }

    @Test
    void newEntrypointDropsTheBaseCommand() {
        ImageConfig c = composer.compose(base(), settings(List.of("/app/run"), null, null, null, null), List.of(),
                AMD64, CREATED);
        assertEquals(List.of("/app/run"), c.config().entrypoint());
        assertNull(c.config().cmd());
        String json = new String(Json.write(c), StandardCharsets.UTF_8);
        assertTrue(!json.contains("\"Cmd\""), json);
    }

    @Test
    void newEntrypointAndCommandAreBothTaken() {
        ImageConfig c = composer.compose(base(), settings(List.of("/app/run"), List.of("--port", "80"), null, null,
                null), List.of(), AMD64, CREATED);
        assertEquals(List.of("/app/run"), c.config().entrypoint());
        assertEquals(List.of("--port", "80"), c.config().cmd());
    }

    @Test
    void newCommandAloneKeepsTheBaseEntrypoint() {
        ImageConfig c = composer.compose(base(), settings(null, List.of("echo app"), null, null, null), List.of(),
                AMD64, CREATED);
        assertEquals(List.of("/bin/sh", "-c"), c.config().entrypoint());
        assertEquals(List.of("echo app"), c.config().cmd());
    }

    @Test
    void noSettingsKeepTheBaseRuntimeConfig() {
        ImageConfig b = base();
        ImageConfig c = composer.compose(b, ContainerSettings.NONE, List.of(), AMD64, CREATED);
        assertEquals(b.config(), c.config());
        assertEquals("Base Author", c.author());
    }

    @Test
    void userAndWorkingDirectoryReplaceTheBaseOnesUnlessBlank() {
        ContainerSettings set = new ContainerSettings(null, null, null, "/app", "1000:1000", null, null, null);
        ImageConfig c = composer.compose(base(), set, List.of(), AMD64, CREATED);
        assertEquals("1000:1000", c.config().user());
        assertEquals("/app", c.config().workingDir());
        assertEquals(Map.of("/data", Map.of()), c.config().volumes());
        assertEquals("SIGTERM", c.config().stopSignal());

        ContainerSettings blank = new ContainerSettings(null, null, null, " ", "", null, null, null);
        ImageConfig kept = composer.compose(base(), blank, List.of(), AMD64, CREATED);
        assertEquals("nobody", kept.config().user());
        assertEquals("/srv", kept.config().workingDir());
    }

    @Test
    void portsAreNormalisedAndMergedWithTheBaseOnes() {
        ImageConfig c = composer.compose(base(), settings(null, null, null, List.of("8443", " 53/udp ", "8080/tcp",
                "132/sctp"), null), List.of(), AMD64, CREATED);
        assertEquals(List.of("132/sctp", "53/udp", "8080/tcp", "8443/tcp", "9000/udp"),
                List.copyOf(c.config().exposedPorts().keySet()));
        assertTrue(c.config().exposedPorts().values().stream().allMatch(Map::isEmpty));
    }

    @ParameterizedTest
    @CsvSource({"8080, 8080/tcp", "1, 1/tcp", "65535/udp, 65535/udp", "' 22 ', 22/tcp", "5000/sctp, 5000/sctp"})
    void normalisePort(String in, String out) {
        assertEquals(out, ConfigComposer.normalisePort(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "99999", "http", "8080/http", "-1", "80/TCP", "8080/", "/tcp",
            "123456"})
    void badPortsAreRejectedNamingThePort(String port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> composer.compose(base(), settings(null, null, null, List.of(port), null), List.of(), AMD64,
                        CREATED));
        assertTrue(e.getMessage().contains("port '" + port + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("1 to 65535"), e.getMessage());
    }

    @Test
    void anEmptyPortIsNamedAsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(null, null, null, List.of(""), null));
        assertTrue(e.getMessage().startsWith("ports: port 1 of 1 is empty"), e.getMessage());
    }

    @Test
    void labelsAreMergedOverTheBaseOnes() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("c", "3");
        labels.put("b", "20");
        ImageConfig c = composer.compose(base(), settings(null, null, null, null, labels), List.of(), AMD64,
                CREATED);
        assertEquals(Map.of("a", "1", "b", "20", "c", "3"), c.config().labels());
        assertEquals(List.of("a", "b", "c"), List.copyOf(c.config().labels().keySet()));
    }

    @Test
    void historyAndDiffIdsAreAppendedToTheBaseOnes() {
        ImageConfig c = composer.compose(base(), ContainerSettings.NONE, List.of(added("one"), added("two")), AMD64,
                CREATED);
        assertEquals(List.of(BASE_DIFF, digest("one"), digest("two")), c.rootfs().diffIds());
        assertEquals("layers", c.rootfs().type());
        assertEquals(List.of(BASE_HISTORY,
                new ImageConfig.History("2026-01-01T00:00:00Z", "added one", null, null, null),
                new ImageConfig.History("2026-01-01T00:00:00Z", "added two", null, null, null)), c.history());
        assertEquals("2026-01-01T00:00:00Z", c.created());
    }

    @Test
    void platformComesFromTheBuildNotTheBase() {
        ImageConfig c = composer.compose(base(), ContainerSettings.NONE, List.of(), Platform.parse("linux/aarch64"),
                CREATED);
        assertEquals("arm64", c.architecture());
        assertEquals("linux", c.os());
        assertEquals("v8", c.variant());
        assertEquals(Platform.parse("linux/arm64/v8"), c.platform());
    }

    @Test
    void scratchGivesAConfigWithOnlyTheSettingsAndTheAddedLayers() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("B", "2");
        env.put("A", "1");
        ImageConfig c = composer.compose(null, settings(List.of("/hello"), null, env, List.of("80"), null),
                List.of(added("only")), AMD64, CREATED);
        assertNull(c.author());
        assertEquals(List.of("A=1", "B=2"), c.config().env());
        assertEquals(List.of(digest("only")), c.rootfs().diffIds());
        assertEquals(1, c.history().size());
        assertEquals("{\"created\":\"2026-01-01T00:00:00Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                        + "\"config\":{\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"A=1\",\"B=2\"],"
                        + "\"Entrypoint\":[\"/hello\"]},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + digest("only") + "\"]},"
                        + "\"history\":[{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"added only\"}]}",
                new String(Json.write(c), StandardCharsets.UTF_8));
    }
}
