package io.kimigayo.signing.openpgp;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicSignaturePayloadTest {

    private static final Digest DIGEST = Digest.of("manifest".getBytes(StandardCharsets.UTF_8));

    private static String json(AtomicSignaturePayload payload) {
        return new String(payload.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheJsonContainersImageVerifiesInItsMemberOrder() {
        AtomicSignaturePayload payload = AtomicSignaturePayload.builder()
                .dockerReference("127.0.0.1:5000/kimigayo/app:1.0")
                .manifestDigest(DIGEST)
                .creator("Kimigayo 0.1.0")
                .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .build();

        assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/kimigayo/app:1.0\"},"
                + "\"image\":{\"docker-manifest-digest\":\"" + DIGEST + "\"},"
                + "\"type\":\"atomic container signature\"},"
                + "\"optional\":{\"creator\":\"Kimigayo 0.1.0\",\"timestamp\":1767225600}}", json(payload));
    }

    @Test
    void theSameInputsGiveTheSameBytes() {
        AtomicSignaturePayload.Builder builder = AtomicSignaturePayload.builder()
                .dockerReference("registry.example.com/app:1").manifestDigest(DIGEST).timestamp(1767225600L);
        assertEquals(json(builder.build()), json(builder.build()));
    }

    @Test
    void identityIsTheFullyExplicitReference() {
        AtomicSignaturePayload.Builder builder = AtomicSignaturePayload.builder().manifestDigest(DIGEST).timestamp(0);
        assertEquals("docker.io/library/busybox:latest", builder.dockerReference("busybox").build().dockerReference());
        assertEquals("docker.io/library/busybox:1.37", builder.dockerReference("busybox:1.37").build().dockerReference());
        assertEquals("docker.io/example/app:2", builder.dockerReference("example/app:2").build().dockerReference());
        assertEquals("localhost/app:latest", builder.dockerReference("localhost/app").build().dockerReference());
        assertEquals("registry.example.com:5000/a/b@" + DIGEST,
                builder.dockerReference("registry.example.com:5000/a/b@" + DIGEST).build().dockerReference());
    }

    @Test
    void theTimestampIsWholeSecondsAndRequired() {
        AtomicSignaturePayload payload = AtomicSignaturePayload.builder().dockerReference("r.example/a:1")
                .manifestDigest(DIGEST).timestamp(Instant.ofEpochSecond(1767225600, 999_000_000)).build();
        assertTrue(json(payload).endsWith("\"timestamp\":1767225600}}"), json(payload));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicSignaturePayload.builder()
                .dockerReference("r.example/a:1").manifestDigest(DIGEST).build());
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void theCreatorDefaultsToKimigayoAndCanBeLeftOut() {
        AtomicSignaturePayload.Builder builder = AtomicSignaturePayload.builder().dockerReference("r.example/a:1")
                .manifestDigest(DIGEST).timestamp(5);
        assertTrue(builder.build().creator().startsWith("Kimigayo"));
        assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"r.example/a:1\"},\"image\":"
                + "{\"docker-manifest-digest\":\"" + DIGEST + "\"},\"type\":\"atomic container signature\"},"
                + "\"optional\":{\"timestamp\":5}}", json(builder.creator(null).build()));
    }

    @Test
    void rejectsAReferenceThatIsNotOne() {
        AtomicSignaturePayload.Builder builder = AtomicSignaturePayload.builder().manifestDigest(DIGEST).timestamp(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.dockerReference("Registry.Example.com/App:1").build());
        assertTrue(e.getMessage().contains("Registry.Example.com/App:1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.dockerReference("r.example/a:1@" + DIGEST).build());
    }

    @Test
    void parsesWhatItWrites() {
        AtomicSignaturePayload payload = AtomicSignaturePayload.builder().dockerReference("r.example/a/b:1")
                .manifestDigest(DIGEST).creator("Kimigayo 0.1.0").timestamp(1767225600L).build();
        assertEquals(payload, AtomicSignaturePayload.parse(payload.toJson()));
    }

    @Test
    void parsesAsStrictlyAsContainersImage() {
        String critical = "\"critical\":{\"identity\":{\"docker-reference\":\"r.example/a:1\"},"
                + "\"image\":{\"docker-manifest-digest\":\"" + DIGEST + "\"},\"type\":\"atomic container signature\"}";
        // unknown optional members are fine, and so is a payload without creator and timestamp
        AtomicSignaturePayload lenient = AtomicSignaturePayload.parse(
                ("{" + critical + ",\"optional\":{\"future\":true}}").getBytes(StandardCharsets.UTF_8));
        assertNull(lenient.creator());
        assertEquals(Instant.EPOCH, lenient.timestamp());

        assertRejected("{" + critical + "}", "lacks the member \"optional\"");
        assertRejected("{" + critical.replace("\"type\"", "\"extra\":1,\"type\"") + ",\"optional\":{}}",
                "critical has unexpected members [extra]");
        assertRejected("{" + critical.replace("atomic container signature", "cosign container image signature")
                + ",\"optional\":{}}", "critical.type");
        assertRejected("{" + critical + ",\"optional\":{},\"optional\":{}}", "Duplicate field 'optional'");
        assertRejected("{" + critical + ",\"optional\":{\"timestamp\":\"yesterday\"}}", "optional.timestamp");
        assertRejected("not json", "not valid JSON");
    }

    private static void assertRejected(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomicSignaturePayload.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
