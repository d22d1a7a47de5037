package io.kimigayo.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry killed in the middle of a push and started again 6 s later (a crash, an OOM kill, a redeploy): the push
 * goes on and completes, judged by skopeo. The restarted registry has forgotten the upload session (its state is
 * signed with a secret it makes anew at start), so the client starts the blob again.
 */
class RegistryRestartTest {

    @TempDir
    Path dir;

    /** The bytes the registry holds of uploads in progress. */
    private static long uploading(LocalRegistry registry) throws IOException {
        Path repositories = registry.storage().resolve("docker/registry/v2/repositories");
        if (!Files.isDirectory(repositories)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(repositories)) {
            return files.filter(p -> p.getFileName().toString().equals("data") && p.toString().contains("/_uploads/"))
                    .mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
    }

    @Test
    void aPushGoesOnWhenTheRegistryIsKilledAfterFiveMegabytesOfA52MegabyteLayerAndRestarted() throws Exception {
        Path src = TestImages.sourceTree(dir.resolve("src"));
        Random random = new Random(52);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(src.resolve("etc/app/data.bin"))) {
            for (int i = 0; i < 52; i++) {
                random.nextBytes(block); // incompressible: the layer is as big as the file
                out.write(block);
            }
        }
        PackResult image = new ImagePacker().pack(TestImages.request("scratch", null, List.of(src), "kimigayo/big:1.0",
                List.of(), EnumSet.of(OutputFormat.OCI_LAYOUT), TestImages.baseSettings(), dir.resolve("out")));
        long layerSize = image.compressedSize();
        assertTrue(layerSize > 52_000_000, "the image is " + layerSize + " bytes");

        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            String target = registry.reference("kimigayo/big:1.0");
            List<String> progress = new CopyOnWriteArrayList<>();
            RegistryAccess access = RegistryAccess.of(Map.of("HOME", dir.resolve("home").toString()))
                    .withRetry(new RetryPolicy(Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(2)))
                    .withProgress(progress::add);
            CompletableFuture<PushResult> push = CompletableFuture.supplyAsync(() -> {
                try {
                    return new ImagePusher().push(new PushRequest(dir.resolve("out/image"), "1.0",
                            ImageReference.parse(target), List.of("1.0"), access));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long seen;
            while ((seen = uploading(registry)) < 5_000_000) {
                assertTrue(System.nanoTime() < deadline && !push.isDone(), "the upload never reached 5 MB: " + seen
                        + " bytes; " + progress);
                Thread.sleep(2);
            }
            registry.kill();
            int before = registry.requests().size();
            Thread.sleep(6_000);
            registry.restart();

            PushResult result = push.get(3, TimeUnit.MINUTES);
            assertEquals(image.manifestDigest(), result.digest());
            assertTrue(progress.stream().anyMatch(m -> m.contains("no longer knows the upload")),
                    "the push said why it started the blob again: " + progress);
            List<LocalRegistry.Request> after = registry.requests().subList(before, registry.requests().size());
            assertTrue(after.stream().anyMatch(r -> r.method().equals("POST") && r.isBlobUpload()),
                    "a new upload session after the restart: " + after);

            // the judges: skopeo reads the manifest and copies every blob back, checking each digest
            ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
            JsonNode inspected = Json.mapper().readTree(skopeo.run(Map.of(), "inspect", "--tls-verify=false",
                    "docker://" + target).requireSuccess().stdout());
            assertEquals(image.manifestDigest().toString(), inspected.path("Digest").asText());
            Path copy = dir.resolve("copy");
            skopeo.run(Map.of(), Duration.ofMinutes(3), List.of("copy", "--src-tls-verify=false",
                    "docker://" + target, "oci:" + copy + ":x")).requireSuccess();
            JsonNode index = Json.mapper().readTree(copy.resolve("index.json").toFile());
            assertEquals(image.manifestDigest().toString(), index.path("manifests").get(0).path("digest").asText(),
                    "skopeo's copy of the pushed image is the image");
            System.out.println("killed at " + seen + " bytes of a " + layerSize + "-byte image; requests after the "
                    + "restart: " + after.size());
        }
    }
}
