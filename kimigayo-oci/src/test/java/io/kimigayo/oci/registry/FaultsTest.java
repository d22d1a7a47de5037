package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A push through a proxy that resets every third connection and answers every fifth with 503 completes, and the
 * real registry behind it then holds a valid image (skopeo and umoci judge it). A registry that only ever answers
 * 503 makes the push give up within the retry budget, saying so.
 */
class FaultsTest {

    @TempDir
    static Path dir;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        registry = LocalRegistry.start(dir.resolve("registry"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static RegistryAccess access(Duration budget) {
        return RegistryAccess.of(Map.of("HOME", dir.resolve("home").toString()))
                .withRetry(new RetryPolicy(budget, Duration.ofMillis(20), Duration.ofMillis(500)))
                .withChunkSize(256 << 10);
    }

    @Test
    void aPushThroughResetsAnd503sCompletesAndTheRegistryHoldsAValidImage() throws IOException {
        Path src = TestImages.sourceTree(dir.resolve("src"));
        byte[] noise = new byte[1 << 20];
        new Random(7).nextBytes(noise); // a layer of 4 chunks: chunked upload through the faults too
        Files.write(src.resolve("noise.bin"), noise);
        PackResult image = new ImagePacker().pack(TestImages.request("scratch", null, List.of(src), "example/faults:1",
                List.of(), EnumSet.of(OutputFormat.OCI_LAYOUT), null, dir.resolve("out")));
        try (FaultyProxy proxy = new FaultyProxy(registry.port(), 3, 5)) {
            PushResult pushed = new ImagePusher().push(new PushRequest(dir.resolve("out/image"), "1",
                    ImageReference.parse(proxy.host() + "/kimigayo/faults:1"), List.of("1"), access(Duration.ofSeconds(30))));
            assertEquals(image.manifestDigest(), pushed.digest());
            assertTrue(proxy.dropped() >= 3 && proxy.failed() >= 2,
                    "the faults happened: " + proxy.dropped() + " resets, " + proxy.failed() + " 503s");
            System.out.println("through the faulty proxy: " + pushed.requests() + " requests, " + proxy.dropped()
                    + " reset, " + proxy.failed() + " answered 503, " + proxy.forwarded() + " reached the registry");
        }
        ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
        String digest = skopeo.run(Map.of(), "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                "docker://" + registry.reference("kimigayo/faults:1")).requireSuccess().stdout().strip();
        assertEquals(image.manifestDigest(), Digest.parse(digest));
        Path copy = dir.resolve("copy");
        skopeo.run(Map.of(), "copy", "--src-tls-verify=false", "docker://" + registry.reference("kimigayo/faults:1"),
                "oci:" + copy + ":1").requireSuccess();
        ExternalTool.require("umoci", "umoci").run(Map.of(), "unpack", "--rootless", "--image", copy + ":1",
                dir.resolve("bundle").toString()).requireSuccess();
        assertEquals(-1, Files.mismatch(src.resolve("noise.bin"), dir.resolve("bundle/rootfs/noise.bin")));
    }

    @Test
    void aRegistryThatKeepsFailingIsGivenUpOnWithinTheBudget() throws IOException {
        Path src = TestImages.sourceTree(dir.resolve("src2"));
        new ImagePacker().pack(TestImages.request("scratch", null, List.of(src), "example/down:1",
                List.of(), EnumSet.of(OutputFormat.OCI_LAYOUT), null, dir.resolve("out2")));
        try (FaultyProxy alwaysDown = new FaultyProxy(registry.port(), Integer.MAX_VALUE, 1)) {
            long start = System.nanoTime();
            RegistryException e = assertThrows(RegistryException.class, () -> new ImagePusher().push(new PushRequest(
                    dir.resolve("out2/image"), "1", ImageReference.parse(alwaysDown.host() + "/kimigayo/down:1"),
                    List.of("1"), access(Duration.ofSeconds(3)))));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 10, "gave up after " + seconds + " s");
            assertTrue(e.getMessage().contains("gave up on GET /v2/"), e.getMessage());
            assertTrue(e.getMessage().contains("answered 503"), e.getMessage());
        }
    }
}
