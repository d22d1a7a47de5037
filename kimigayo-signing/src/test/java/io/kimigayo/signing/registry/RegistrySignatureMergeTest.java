package io.kimigayo.signing.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.registry.RegistryException;
import io.kimigayo.signing.ImageVerifier;
import io.kimigayo.signing.cosign.CosignLayoutSigner;
import io.kimigayo.signing.cosign.CosignSignatures;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import io.kimigayo.signing.cosign.VerifiedSignature;
import io.kimigayo.signing.key.CosignKeyPair;
import io.kimigayo.signing.key.CosignKeys;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signatures already in the registry are kept when a signed image is pushed: the image signed with key A, pushed,
 * then the same image signed with key B in another layout, pushed, leaves both signatures under
 * {@code sha256-<hex>.sig}, as cosign appends. Judges: the real registry (its manifest fetched with skopeo, its
 * blobs with curl, its access log), openssl verifying each signature against its own key, and our verifier.
 */
class RegistrySignatureMergeTest {

    private static final String IDENTITY = "registry.example/kimigayo/merged";

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static ExternalTool skopeo;
    static ExternalTool curl;
    static ExternalTool openssl;
    static CosignKeyPair keyA;
    static CosignKeyPair keyB;
    static Path publicA;
    static Path publicB;

    @BeforeAll
    static void start() throws IOException {
        skopeo = ExternalTool.require("skopeo", "skopeo");
        curl = ExternalTool.require("curl", "curl");
        openssl = ExternalTool.require("openssl", "openssl");
        registry = LocalRegistry.start(dir.resolve("registry"));
        keyA = CosignKeyPair.generate();
        keyB = CosignKeyPair.generate();
        publicA = dir.resolve("a.pub");
        publicB = dir.resolve("b.pub");
        CosignKeys.writePublicKey(publicA, keyA.publicKey());
        CosignKeys.writePublicKey(publicB, keyB.publicKey());
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

    /** Packs one image and copies its layout once per signer: every copy holds the same image (same digest). */
    private static List<Path> packInto(String name, int copies) throws IOException {
        Path packed = RegistrySignatureTest.pack(dir, name, name + "\n");
        List<Path> layouts = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            Path copy = dir.resolve(name + "-layout-" + i);
            ExternalTool.require("cp", "coreutils").run(Map.of(), "-a", packed.toString(), copy.toString())
                    .requireSuccess();
            layouts.add(copy);
        }
        return layouts;
    }

    private static PushResult push(Path layout, String repository) throws IOException {
        return new ImagePusher().push(new PushRequest(layout, "1.0",
                ImageReference.parse(registry.reference(repository + ":1.0")), List.of("1.0"), access()));
    }

    private static String raw(String reference) throws IOException {
        return skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false", "docker://" + registry.reference(reference))
                .requireSuccess().stdout();
    }

    private static Path blob(String repository, String digest, Path to) throws IOException {
        curl.run(Map.of(), "-sSf", "-o", to.toString(),
                "http://" + registry.host() + "/v2/" + repository + "/blobs/" + digest).requireSuccess();
        assertEquals(digest, Digest.of(Files.readAllBytes(to)).toString(), "the registry served the blob it names");
        return to;
    }

    /** openssl's verdict on a signature layer of the registry's manifest, with a public key. */
    private static boolean opensslVerifies(String repository, JsonNode layer, Path publicKey, String name)
            throws IOException {
        Path payload = blob(repository, layer.path("digest").asText(), dir.resolve(name + ".payload"));
        Path signature = dir.resolve(name + ".der");
        Files.write(signature, Base64.getDecoder().decode(
                layer.path("annotations").path(CosignSignatures.SIGNATURE_ANNOTATION).asText()));
        ExternalTool.Result verdict = openssl.run(Map.of(), "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), payload.toString());
        assertTrue(verdict.exitCode() == 0 || verdict.stdout().contains("Verification failure"), verdict::toString);
        return verdict.exitCode() == 0 && verdict.stdout().strip().equals("Verified OK");
    }

    @Test
    void aSignatureWithAnotherKeyIsAddedToTheOneInTheRegistryAndBothVerify() throws IOException {
        String repository = "kimigayo/merged";
        List<Path> layouts = packInto("merged", 2);
        Path signedA = layouts.get(0);
        Path signedB = layouts.get(1);
        new CosignLayoutSigner().sign(signedA, "1.0", IDENTITY, keyA.privateKey(), Map.of());
        new CosignLayoutSigner().sign(signedB, "1.0", IDENTITY, keyB.privateKey(), Map.of());

        PushResult first = push(signedA, repository);
        String signatureTag = CosignSignatures.signatureTag(first.digest());
        String onlyA = raw(repository + ":" + signatureTag);
        assertEquals(1, Json.mapper().readTree(onlyA).path("layers").size());

        PushResult second = push(signedB, repository);
        assertEquals(first.digest(), second.digest(), "the same image");
        assertEquals(1, second.manifestsPut(), "only the merged signature manifest is stored");
        assertEquals(1, second.blobsUploaded(), "the new config; the payload is byte for byte A's, already there");

        String mergedRaw = raw(repository + ":" + signatureTag);
        JsonNode merged = Json.mapper().readTree(mergedRaw);
        JsonNode layers = merged.path("layers");
        assertEquals(2, layers.size(), mergedRaw);
        assertEquals(Json.mapper().readTree(onlyA).path("layers").get(0), layers.get(0),
                "the registry's signature comes first, unchanged");
        assertEquals(layers.get(0).path("digest"), layers.get(1).path("digest"),
                "two keys over the same image and name sign the same payload");
        assertNotEquals(layers.get(0).path("annotations"), layers.get(1).path("annotations"));

        // openssl: each signature verifies with its own key only, over the payload the registry serves
        assertTrue(opensslVerifies(repository, layers.get(0), publicA, "layer0-a"));
        assertTrue(opensslVerifies(repository, layers.get(1), publicB, "layer1-b"));
        assertTrue(!opensslVerifies(repository, layers.get(0), publicB, "layer0-b"), "the judge refuses A's with B");
        assertTrue(!opensslVerifies(repository, layers.get(1), publicA, "layer1-a"), "the judge refuses B's with A");

        // the config lists both layers, as go-containerregistry writes it for cosign
        Path config = blob(repository, merged.path("config").path("digest").asText(), dir.resolve("merged-config"));
        JsonNode rootfs = Json.mapper().readTree(config.toFile()).path("rootfs");
        assertEquals(2, rootfs.path("diff_ids").size());
        assertEquals(layers.get(0).path("digest").asText(), rootfs.path("diff_ids").get(0).asText());
        assertEquals(layers.get(1).path("digest").asText(), rootfs.path("diff_ids").get(1).asText());

        ImageReference image = ImageReference.parse(registry.reference(repository + ":1.0"));
        List<VerifiedSignature> byA = new ImageVerifier().verify(image, publicA, IDENTITY, access());
        assertEquals(List.of(0), byA.stream().map(VerifiedSignature::layer).toList());
        List<VerifiedSignature> byB = new ImageVerifier().verify(image, publicB, IDENTITY, access());
        assertEquals(List.of(1), byB.stream().map(VerifiedSignature::layer).toList());
        Path publicC = dir.resolve("c.pub");
        CosignKeys.writePublicKey(publicC, CosignKeyPair.generate().publicKey());
        assertThrows(SignatureVerificationException.class,
                () -> new ImageVerifier().verify(image, publicC, null, access()));

        // pushing either signed layout again changes nothing and sends nothing
        for (Path again : List.of(signedA, signedB)) {
            int mark = registry.requests().size();
            PushResult repeat = push(again, repository);
            List<LocalRegistry.Request> requests = registry.requests().subList(mark, registry.requests().size());
            assertEquals(0, repeat.blobsUploaded(), requests.toString());
            assertEquals(0, repeat.manifestsPut(), requests.toString());
            assertTrue(requests.stream().noneMatch(LocalRegistry.Request::isBlobUpload), requests.toString());
            assertTrue(requests.stream().noneMatch(r -> r.method().equals("PUT")), requests.toString());
            assertEquals(mergedRaw, raw(repository + ":" + signatureTag), "the signature manifest is unchanged");
        }
    }

    @Test
    void aSignatureOverAnotherPayloadIsUploadedWithIt() throws IOException {
        String repository = "kimigayo/two-names";
        List<Path> layouts = packInto("two-names", 2);
        new CosignLayoutSigner().sign(layouts.get(0), "1.0", IDENTITY, keyA.privateKey(), Map.of());
        new CosignLayoutSigner().sign(layouts.get(1), "1.0", IDENTITY + "-mirror", keyB.privateKey(),
                Map.of("ci", "job-2"));
        PushResult first = push(layouts.get(0), repository);
        PushResult second = push(layouts.get(1), repository);
        assertEquals(2, second.blobsUploaded(), "B's payload and the merged config");

        JsonNode layers = Json.mapper().readTree(raw(repository + ":" + CosignSignatures.signatureTag(first.digest())))
                .path("layers");
        assertEquals(2, layers.size());
        assertTrue(opensslVerifies(repository, layers.get(0), publicA, "names-0"));
        assertTrue(opensslVerifies(repository, layers.get(1), publicB, "names-1"));
        ImageReference image = ImageReference.parse(registry.reference(repository + ":1.0"));
        assertEquals(IDENTITY, new ImageVerifier().verify(image, publicA, IDENTITY, access()).get(0).dockerReference());
        assertEquals(IDENTITY + "-mirror",
                new ImageVerifier().verify(image, publicB, IDENTITY + "-mirror", access()).get(0).dockerReference());
    }

    @Test
    void aSignatureStoredWhileTheImageGoesUpIsKeptToo() throws IOException {
        String repository = "kimigayo/race";
        List<Path> layouts = packInto("race", 2);
        new CosignLayoutSigner().sign(layouts.get(0), "1.0", IDENTITY, keyA.privateKey(), Map.of());
        new CosignLayoutSigner().sign(layouts.get(1), "1.0", IDENTITY, keyB.privateKey(), Map.of());
        AtomicBoolean otherPushed = new AtomicBoolean();
        List<IOException> failures = new ArrayList<>();
        // another job pushes the image signed with B while our push is sending the image's blobs
        RegistryAccess racing = access().withProgress(message -> {
            if (message.contains("uploaded to") && otherPushed.compareAndSet(false, true)) {
                try {
                    push(layouts.get(1), repository);
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        });
        PushResult ours = new ImagePusher().push(new PushRequest(layouts.get(0), "1.0",
                ImageReference.parse(registry.reference(repository + ":1.0")), List.of("1.0"), racing));
        assertTrue(otherPushed.get(), "the other push ran during ours");
        assertEquals(List.of(), failures);

        JsonNode layers = Json.mapper().readTree(raw(repository + ":" + CosignSignatures.signatureTag(ours.digest())))
                .path("layers");
        assertEquals(2, layers.size(), layers.toString());
        assertTrue(opensslVerifies(repository, layers.get(0), publicB, "race-0"), "B's, stored first, comes first");
        assertTrue(opensslVerifies(repository, layers.get(1), publicA, "race-1"));
    }

    @Test
    void anIndexUnderTheSignatureTagFailsThePushAndIsLeftAlone() throws IOException {
        String repository = "kimigayo/not-cosign";
        Path layout = packInto("not-cosign", 1).get(0);
        new CosignLayoutSigner().sign(layout, "1.0", IDENTITY, keyA.privateKey(), Map.of());
        JsonNode entry = Json.mapper().readTree(layout.resolve("index.json").toFile()).path("manifests");
        String imageDigest = null;
        for (JsonNode e : entry) {
            if ("1.0".equals(e.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                imageDigest = e.path("digest").asText();
            }
        }
        String signatureTag = CosignSignatures.signatureTag(Digest.parse(imageDigest));
        Path index = dir.resolve("index-under-sig.json");
        Files.writeString(index, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[]}", StandardCharsets.UTF_8);
        curl.run(Map.of(), "-sSf", "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.index.v1+json",
                "--data-binary", "@" + index, "http://" + registry.host() + "/v2/" + repository + "/manifests/"
                        + signatureTag).requireSuccess();
        String before = raw(repository + ":" + signatureTag);

        RegistryException e = assertThrows(RegistryException.class, () -> push(layout, repository));
        String where = registry.host() + "/" + repository + ":" + signatureTag;
        assertTrue(e.getMessage().startsWith(where + " already holds a manifest that is not a cosign signature "
                + "manifest (it is a application/vnd.oci.image.index.v1+json, not an image manifest)"), e.getMessage());
        assertTrue(e.getMessage().contains("skopeo delete docker://" + where), e.getMessage());
        assertTrue(e.getMessage().contains("push the image without signatures"), e.getMessage());
        assertEquals(before, raw(repository + ":" + signatureTag), "the index is still there, unchanged");
        ExternalTool.Result image = skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference(repository + ":1.0"));
        assertNotEquals(0, image.exitCode(), "the push failed before storing the image: " + image);
    }
}
