package io.kimigayo.signing.cosign;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PlatformImage;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.tree.DirectoryImport;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signatures of an image index (several platforms), as cosign signs one, with and without each platform's. */
class IndexSignatureTest {

    private static final String REFERENCE = "registry.example/kimigayo/os";

    @TempDir
    Path dir;
    private Path layout;
    private Digest index;
    private List<PlatformImage> platforms;

    @BeforeEach
    void packIndex() throws IOException {
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.writeString(content.resolve("hello.txt"), "hello\n");
        Path out = dir.resolve("out");
        PackResult result = new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo/os:1.0"),
                        Platform.parse("linux/amd64"), new BuildTimestamp(Instant.EPOCH, BuildTimestamp.Source.DEFAULT),
                        out)
                .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
                .baseDirectory(dir)
                .layers(List.of(DirectoryImport.of(content, "/")))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        layout = out.resolve("image");
        index = result.manifestDigest();
        platforms = result.images();
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** openssl's verdict on the first signature stored under the signature tag of {@code digest}. */
    private String openssl(Digest digest, KeyPair key) throws Exception {
        OciLayout opened = OciLayout.open(layout, "test");
        Manifest manifest = opened.manifest(opened.resolve(CosignSignatures.signatureTag(digest), "test"), "test");
        Descriptor layer = manifest.layers().get(0);
        Path payload = dir.resolve("payload");
        Files.write(payload, Files.readAllBytes(opened.blobs().path(layer.digest())));
        assertTrue(Files.readString(payload).contains("\"docker-manifest-digest\":\"" + digest + "\""));
        Path der = Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(
                layer.annotations().get(CosignSignatures.SIGNATURE_ANNOTATION)));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key.getPublic());
        }
        Path pub = Files.writeString(dir.resolve("key.pub"), text.toString());
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                der.toString(), payload.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    private List<String> signatureTags() throws IOException {
        return OciLayout.open(layout, "test").index().manifests().stream()
                .map(d -> d.annotations().get(Index.REF_NAME))
                .filter(OciLayout::isArtifactTag)
                .toList();
    }

    @Test
    void theIndexIsSignedByItsOwnDigestAndThePlatformsOnlyWhenAsked() throws Exception {
        KeyPair key = newKey();
        List<SignatureOutcome> outcomes = new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, key.getPrivate(),
                Map.of(), false);
        assertEquals(1, outcomes.size());
        assertEquals(index, outcomes.get(0).imageDigest());
        assertEquals(List.of(CosignSignatures.signatureTag(index)), signatureTags());
        assertEquals("Verified OK", openssl(index, key));

        CosignLayoutVerifier verifier = new CosignLayoutVerifier();
        List<VerifiedSignature> indexOnly = verifier.verify(layout, "1.0", key.getPublic(), REFERENCE);
        assertEquals(List.of(index), indexOnly.stream().map(VerifiedSignature::image).toList());
        SignatureVerificationException unsigned = assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(layout, "1.0", key.getPublic(), REFERENCE, true));
        assertTrue(unsigned.getMessage().contains("the linux/amd64 manifest " + platforms.get(0).manifestDigest()
                + " has no cosign signature"), unsigned.getMessage());

        // recursive: each platform's manifest under its own tag; the index's signature is already there
        outcomes = new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, key.getPrivate(), Map.of(), true);
        assertEquals(List.of(false, true, true), outcomes.stream().map(SignatureOutcome::added).toList());
        assertEquals(List.of(index, platforms.get(0).manifestDigest(), platforms.get(1).manifestDigest()),
                outcomes.stream().map(SignatureOutcome::imageDigest).toList());
        assertEquals(3, signatureTags().size());
        for (PlatformImage platform : platforms) {
            assertEquals("Verified OK", openssl(platform.manifestDigest(), key));
        }
        List<VerifiedSignature> all = verifier.verify(layout, "1.0", key.getPublic(), REFERENCE, true);
        assertEquals(outcomes.stream().map(SignatureOutcome::imageDigest).toList(),
                all.stream().map(VerifiedSignature::image).toList());
    }

    @Test
    void anotherKeyOrAnAlteredPlatformLayerFailsVerification() throws Exception {
        KeyPair key = newKey();
        new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, key.getPrivate(), Map.of(), true);
        SignatureVerificationException other = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutVerifier().verify(layout, "1.0", newKey().getPublic(), null, true));
        assertTrue(other.getMessage().contains("no signature of image index " + index), other.getMessage());

        OciLayout opened = OciLayout.open(layout, "test");
        Descriptor arm = opened.index().manifests().stream().filter(d -> "1.0".equals(
                d.annotations().get(Index.REF_NAME))).findFirst().orElseThrow();
        Manifest armManifest = opened.manifest(opened.verifyImageOrIndex(arm, "test").get(1), "test");
        Path blob = opened.blobs().path(armManifest.layers().get(0).digest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        assertThrows(CorruptBlobException.class,
                () -> new CosignLayoutVerifier().verify(layout, "1.0", key.getPublic(), null, false));
    }
}
