package io.kimigayo.signing.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.rootfs.tree.DirectoryImport;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed image pushed to the real registry: skopeo fetches the signature manifest at {@code sha256-<hex>.sig},
 * and our verifier, reading image and signature from the registry, accepts the right key and refuses another key
 * and an unsigned image.
 */
class RegistrySignatureTest {

    private static final String IDENTITY = "registry.example/kimigayo/signed";

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

    private static Path pack(String name, String content) throws IOException {
        return pack(dir, name, content);
    }

    /** Packs {@code kimigayo/NAME:1.0} with one file in {@code dir}; returns its OCI layout. */
    static Path pack(Path dir, String name, String content) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        Files.writeString(src.resolve("hello.txt"), content);
        new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo/" + name + ":1.0"),
                        Platform.parse("linux/amd64"), new BuildTimestamp(Instant.EPOCH, BuildTimestamp.Source.DEFAULT),
                        dir.resolve(name + "-out"))
                .baseDirectory(dir)
                .layers(List.of(DirectoryImport.of(src, "/")))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        return dir.resolve(name + "-out/image");
    }

    private static PushResult push(Path layout, String repository) throws IOException {
        return new ImagePusher().push(new PushRequest(layout, "1.0",
                ImageReference.parse(registry.reference(repository + ":1.0")), List.of("1.0"), access()));
    }

    @Test
    void theSignatureIsFetchableAtItsTagAndVerifiesFromTheRegistry() throws IOException {
        Path layout = pack("signed", "signed\n");
        new CosignLayoutSigner().sign(layout, "1.0", IDENTITY, key.privateKey(), Map.of());
        PushResult pushed = push(layout, "kimigayo/signed");
        String signatureTag = CosignSignatures.signatureTag(pushed.digest());
        assertEquals(signatureTag, pushed.signatureTag());

        ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
        JsonNode manifest = Json.mapper().readTree(skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("kimigayo/signed:" + signatureTag)).requireSuccess().stdout());
        JsonNode layer = manifest.path("layers").get(0);
        assertEquals(CosignSignatures.PAYLOAD_MEDIA_TYPE, layer.path("mediaType").asText());
        assertTrue(layer.path("annotations").has(CosignSignatures.SIGNATURE_ANNOTATION));

        List<VerifiedSignature> verified = new ImageVerifier().verify(
                ImageReference.parse(registry.reference("kimigayo/signed:1.0")), publicKey, IDENTITY, access());
        assertEquals(1, verified.size());
        assertEquals(IDENTITY, verified.get(0).dockerReference());
        // by digest too
        new ImageVerifier().verify(ImageReference.parse(registry.reference("kimigayo/signed@" + pushed.digest())),
                publicKey, null, access());

        CosignKeyPair other = CosignKeyPair.generate();
        Path otherPublic = dir.resolve("other.pub");
        CosignKeys.writePublicKey(otherPublic, other.publicKey());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> new ImageVerifier()
                .verify(ImageReference.parse(registry.reference("kimigayo/signed:1.0")), otherPublic, null, access()));
        assertTrue(e.getMessage().contains("does not verify with this key"), e.getMessage());
        assertTrue(e.getMessage().startsWith(registry.reference("kimigayo/signed:1.0")), e.getMessage());
    }

    @Test
    void anUnsignedImageInTheRegistryFailsSayingSo() throws IOException {
        Digest digest = push(pack("unsigned", "nobody signed this\n"), "kimigayo/unsigned").digest();
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> new ImageVerifier()
                .verify(ImageReference.parse(registry.reference("kimigayo/unsigned:1.0")), publicKey, null, access()));
        assertTrue(e.getMessage().contains("no tag " + CosignSignatures.signatureTag(digest)), e.getMessage());
    }

    @Test
    void anIndexGoesUpWithEachPlatformAndItsSignaturesAndVerifiesFromTheRegistry() throws IOException {
        Path src = Files.createDirectories(dir.resolve("multi-src"));
        Files.writeString(src.resolve("hello.txt"), "two platforms\n");
        var packed = new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo/multi:1.0"),
                        Platform.parse("linux/amd64"), new BuildTimestamp(Instant.EPOCH, BuildTimestamp.Source.DEFAULT),
                        dir.resolve("multi-out"))
                .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
                .baseDirectory(dir)
                .layers(List.of(DirectoryImport.of(src, "/")))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        Path layout = dir.resolve("multi-out/image");
        new CosignLayoutSigner().sign(layout, "1.0", IDENTITY, key.privateKey(), Map.of(), true);
        PushResult pushed = push(layout, "kimigayo/multi");
        assertEquals(packed.manifestDigest(), pushed.digest());
        assertEquals(List.of(pushed.digest(), packed.images().get(0).manifestDigest(),
                        packed.images().get(1).manifestDigest()).stream().map(CosignSignatures::signatureTag).toList(),
                pushed.signatureTags());

        ExternalTool skopeo = ExternalTool.require("skopeo", "skopeo");
        String raw = skopeo.run(Map.of(), "inspect", "--raw", "--tls-verify=false",
                "docker://" + registry.reference("kimigayo/multi:1.0")).requireSuccess().stdout();
        assertEquals(pushed.digest(), Digest.of(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (var image : packed.images()) {
            Path copy = dir.resolve("multi-copy-" + image.platform().architecture());
            skopeo.run(Map.of(), "copy", "--src-tls-verify=false", "--override-arch", image.platform().architecture(),
                    "docker://" + registry.reference("kimigayo/multi:1.0"), "oci:" + copy + ":x").requireSuccess();
            assertEquals(image.manifestDigest(), Json.read(Files.readAllBytes(copy.resolve("index.json")),
                    io.kimigayo.oci.model.Index.class).manifests().get(0).digest());
        }

        List<VerifiedSignature> verified = new ImageVerifier().verify(
                ImageReference.parse(registry.reference("kimigayo/multi:1.0")), publicKey, IDENTITY, access(), true);
        assertEquals(List.of(pushed.digest(), packed.images().get(0).manifestDigest(),
                packed.images().get(1).manifestDigest()), verified.stream().map(VerifiedSignature::image).toList());

        // a second push stores nothing new
        PushResult again = push(layout, "kimigayo/multi");
        assertEquals(0, again.blobsUploaded());
        assertEquals(0, again.manifestsPut());
    }
}
