package io.kimigayo.signing.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.signing.ImageVerifier;
import io.kimigayo.signing.attestation.AttestationRequest;
import io.kimigayo.signing.attestation.CosignLayoutAttester;
import io.kimigayo.signing.cosign.CosignLayoutSigner;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import io.kimigayo.signing.key.CosignKeyPair;
import io.kimigayo.signing.key.CosignKeys;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attestations pushed to the real registry with the image: skopeo fetches them at {@code sha256-<hex>.att}, another
 * key's attestations already there are kept, and our verifier reads and checks them from the registry.
 */
class RegistryAttestationTest {

    private static final String IDENTITY = "registry.example/kimigayo/attested";

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static CosignKeyPair key;
    static Path publicKey;

    @BeforeAll
    static void start() throws IOException {
        registry = LocalRegistry.start(dir.resolve("registry"));
        key = CosignKeyPair.generate();
        publicKey = dir.resolve("kimigayo.pub");
        CosignKeys.writePublicKey(publicKey, key.publicKey());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static RegistryAccess access() {
        return RegistryAccess.of(Map.of("HOME", dir.toString()));
    }

    private static PushResult push(Path layout, String repository) throws IOException {
        return new ImagePusher().push(new PushRequest(layout, "1.0",
                ImageReference.parse(registry.reference(repository + ":1.0")), List.of("1.0"), access()));
    }

    private static AttestationRequest request(Path sboms) {
        return new AttestationRequest(sboms, dir.resolve("no-rootfs"),
                new AttestationRequest.Coordinates("io.kimigayo", "kimigayo-maven-plugin", "0.1.0"),
                new AttestationRequest.Coordinates("com.example", "app", "1.0"), Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Path sboms(String name) throws IOException {
        Path sboms = Files.createDirectories(dir.resolve(name + "-sbom"));
        Files.writeString(sboms.resolve("image.cdx.json"),
                "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[]}");
        return sboms;
    }

    @Test
    void attestationsFollowTheImageAndVerifyFromTheRegistry() throws IOException {
        Path layout = RegistrySignatureTest.pack(dir, "attested", "attested\n");
        new CosignLayoutSigner().sign(layout, "1.0", IDENTITY, key.privateKey(), Map.of());
        new CosignLayoutAttester().attest(layout, "1.0", IDENTITY, key.privateKey(), request(sboms("attested")));
        PushResult pushed = push(layout, "kimigayo/attested");
        String attestationTag = CosignSignatureManifest.attestationTag(pushed.digest());
        assertEquals(List.of(attestationTag), pushed.attestationTags());

        ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
        JsonNode manifest = Json.mapper().readTree(skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("kimigayo/attested:" + attestationTag)).requireSuccess().stdout());
        assertEquals(2, manifest.path("layers").size());
        assertEquals(CosignSignatureManifest.ATTESTATION_MEDIA_TYPE,
                manifest.path("layers").get(0).path("mediaType").asText());

        ImageVerifier.Verified verified = new ImageVerifier().verify(
                ImageReference.parse(registry.reference("kimigayo/attested:1.0")), publicKey, IDENTITY, access(),
                false, true);
        assertEquals(1, verified.signatures().size());
        assertEquals(2, verified.attestations().size());

        // pushing again stores nothing
        PushResult again = push(layout, "kimigayo/attested");
        assertEquals(0, again.manifestsPut());
        assertEquals(0, again.blobsUploaded());
    }

    @Test
    void anotherKeysAttestationsInTheRegistryAreKept() throws IOException {
        CosignKeyPair other = CosignKeyPair.generate();
        Path theirs = RegistrySignatureTest.pack(dir.resolve("theirs"), "merged", "merged\n");
        new CosignLayoutSigner().sign(theirs, "1.0", IDENTITY, other.privateKey(), Map.of());
        new CosignLayoutAttester().attest(theirs, "1.0", IDENTITY, other.privateKey(), request(sboms("theirs")));
        push(theirs, "kimigayo/merged");

        Path ours = RegistrySignatureTest.pack(dir.resolve("ours"), "merged", "merged\n");
        new CosignLayoutSigner().sign(ours, "1.0", IDENTITY, key.privateKey(), Map.of());
        new CosignLayoutAttester().attest(ours, "1.0", IDENTITY, key.privateKey(), request(sboms("ours")));
        PushResult pushed = push(ours, "kimigayo/merged");

        ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
        JsonNode manifest = Json.mapper().readTree(skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("kimigayo/merged:"
                        + CosignSignatureManifest.attestationTag(pushed.digest()))).requireSuccess().stdout());
        assertEquals(4, manifest.path("layers").size());
        ImageReference reference = ImageReference.parse(registry.reference("kimigayo/merged:1.0"));
        assertEquals(2, new ImageVerifier().verify(reference, publicKey, IDENTITY, access(), false, true)
                .attestations().size());
        Path otherKey = dir.resolve("other.pub");
        CosignKeys.writePublicKey(otherKey, other.publicKey());
        assertEquals(2, new ImageVerifier().verify(reference, otherKey, IDENTITY, access(), false, true)
                .attestations().size());
    }

    @Test
    void aSignedButUnattestedImageIsRefusedNamingTheMissingTag() throws IOException {
        Path layout = RegistrySignatureTest.pack(dir.resolve("plain"), "plain", "plain\n");
        new CosignLayoutSigner().sign(layout, "1.0", IDENTITY, key.privateKey(), Map.of());
        PushResult pushed = push(layout, "kimigayo/plain");
        assertTrue(pushed.attestationTags().isEmpty());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> new ImageVerifier().verify(ImageReference.parse(registry.reference("kimigayo/plain:1.0")),
                        publicKey, IDENTITY, access(), false, true));
        assertTrue(e.getMessage().contains("has no cosign attestations in the registry (no tag "
                + CosignSignatureManifest.attestationTag(pushed.digest())), e.getMessage());
    }
}
