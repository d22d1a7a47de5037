package io.kimigayo.signing.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.CorruptBlobException;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cosign signatures in an OCI layout, judged by openssl and skopeo as well as by our verifier. */
class CosignLayoutSignerTest {

    private static final String REFERENCE = "registry.example/kimigayo/app";

    @TempDir
    Path dir;
    private Path layout;
    private Digest imageDigest;

    @BeforeEach
    void packImage() throws IOException {
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.writeString(content.resolve("hello.txt"), "hello\n");
        Path out = dir.resolve("out");
        var result = new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo/app:1.0"),
                        Platform.parse("linux/amd64"), new BuildTimestamp(Instant.EPOCH, BuildTimestamp.Source.DEFAULT),
                        out)
                .baseDirectory(dir)
                .layers(List.of(DirectoryImport.of(content, "/")))
                .settings(ContainerSettings.NONE)
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        layout = out.resolve("image");
        imageDigest = result.manifestDigest();
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private Path pem(Object key, String name) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key);
        }
        return Files.writeString(dir.resolve(name), text.toString());
    }

    private static String run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out.trim();
    }

    /** The payload and DER signature of the n-th layer of the signature manifest, written as files for openssl. */
    private Path[] payloadAndSignature(int n) throws IOException {
        OciLayout opened = OciLayout.open(layout, "test");
        Descriptor sig = opened.resolve(CosignSignatures.signatureTag(imageDigest), "test");
        Manifest manifest = opened.manifest(sig, "test");
        Descriptor layer = manifest.layers().get(n);
        Path payload = Files.write(dir.resolve("payload-" + n), Files.readAllBytes(opened.blobs().path(layer.digest())));
        Path der = Files.write(dir.resolve("sig-" + n + ".der"), Base64.getDecoder().decode(
                layer.annotations().get(CosignSignatures.SIGNATURE_ANNOTATION)));
        return new Path[] {payload, der};
    }

    @Test
    void openSslVerifiesTheSignatureAndRejectsAChangedPayloadOrAnotherKey() throws Exception {
        KeyPair key = newKey();
        SignatureOutcome outcome = new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, key.getPrivate(), Map.of());
        assertTrue(outcome.added());
        Path pub = pem(key.getPublic(), "kimigayo.pub");
        Path[] files = payloadAndSignature(0);

        assertEquals("0:Verified OK", run(dir, "openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                files[1].toString(), files[0].toString()));

        byte[] changed = Files.readAllBytes(files[0]);
        changed[changed.length / 2] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered"), changed);
        assertTrue(run(dir, "openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                files[1].toString(), tampered.toString()).contains("Verification failure"));

        Path otherPub = pem(newKey().getPublic(), "other.pub");
        assertTrue(run(dir, "openssl", "dgst", "-sha256", "-verify", otherPub.toString(), "-signature",
                files[1].toString(), files[0].toString()).contains("Verification failure"));
    }

    @Test
    void payloadIsTheSimpleSigningDocumentOfTheImage() throws Exception {
        new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, newKey().getPrivate(), Map.of("build", "42"));
        JsonNode payload = new ObjectMapper().readTree(Files.readAllBytes(payloadAndSignature(0)[0]));
        assertEquals("cosign container image signature", payload.at("/critical/type").asText());
        assertEquals(REFERENCE, payload.at("/critical/identity/docker-reference").asText());
        assertEquals(imageDigest.toString(), payload.at("/critical/image/docker-manifest-digest").asText());
        assertEquals("42", payload.at("/optional/build").asText());
    }

    @Test
    void ourVerifierAcceptsTheKeyAndRejectsAnotherKeyAndAnotherName() throws Exception {
        KeyPair key = newKey();
        new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, key.getPrivate(), Map.of());
        List<VerifiedSignature> ok = new CosignLayoutVerifier().verify(layout, "1.0", key.getPublic(), REFERENCE);
        assertEquals(1, ok.size());
        assertEquals(REFERENCE, ok.get(0).dockerReference());

        SignatureVerificationException other = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutVerifier().verify(layout, "1.0", newKey().getPublic(), null));
        assertTrue(other.getMessage().contains("does not verify with this key"), other.getMessage());

        SignatureVerificationException name = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutVerifier().verify(layout, "1.0", key.getPublic(), "elsewhere/app"));
        assertTrue(name.getMessage().contains("vouches for " + REFERENCE), name.getMessage());
    }

    @Test
    void anUnsignedImageFailsNamingTheMissingSignatureTag() throws Exception {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutVerifier().verify(layout, "1.0", newKey().getPublic(), null));
        assertTrue(e.getMessage().contains(CosignSignatures.signatureTag(imageDigest)), e.getMessage());
    }

    @Test
    void signingAgainWithTheSameKeyChangesNothingAndAnotherKeyAppendsALayer() throws Exception {
        KeyPair first = newKey();
        KeyPair second = newKey();
        CosignLayoutSigner signer = new CosignLayoutSigner();
        SignatureOutcome a = signer.sign(layout, "1.0", REFERENCE, first.getPrivate(), Map.of());
        byte[] index = Files.readAllBytes(layout.resolve("index.json"));
        SignatureOutcome again = signer.sign(layout, "1.0", REFERENCE, first.getPrivate(), Map.of());
        assertFalse(again.added());
        assertEquals(a.signatureManifest(), again.signatureManifest());
        assertArrayEquals(index, Files.readAllBytes(layout.resolve("index.json")));

        SignatureOutcome b = signer.sign(layout, "1.0", REFERENCE, second.getPrivate(), Map.of());
        assertTrue(b.added());
        assertEquals(2, b.signatureCount());
        assertNotEquals(a.signatureManifest(), b.signatureManifest());
        assertEquals(1, new CosignLayoutVerifier().verify(layout, "1.0", first.getPublic(), null).size());
        assertEquals(1, new CosignLayoutVerifier().verify(layout, "1.0", second.getPublic(), null).size());
        long sigEntries = OciLayout.open(layout, "t").index().manifests().stream()
                .filter(d -> CosignSignatures.signatureTag(imageDigest).equals(
                        d.annotations().get("org.opencontainers.image.ref.name"))).count();
        assertEquals(1, sigEntries, "one signature manifest per image, not one per signing");
    }

    @Test
    void verificationFailsWhenALayerBlobOfTheImageIsAltered() throws Exception {
        KeyPair key = newKey();
        new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, key.getPrivate(), Map.of());
        OciLayout opened = OciLayout.open(layout, "t");
        Manifest manifest = opened.manifest(opened.resolve("1.0", "t"), "t");
        Path blob = opened.blobs().path(manifest.layers().get(0).digest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        CorruptBlobException e = assertThrows(CorruptBlobException.class,
                () -> new CosignLayoutVerifier().verify(layout, "1.0", key.getPublic(), null));
        assertTrue(e.getMessage().contains(manifest.layers().get(0).digest().toString()), e.getMessage());
        // the hash the message gives is the damaged file's, as sha256sum computes it (not the SHA-256 of nothing)
        String sha256sum = run(dir, "sha256sum", blob.toString());
        String actual = sha256sum.substring(sha256sum.indexOf(':') + 1).trim().split("\\s+")[0];
        assertTrue(e.getMessage().contains("hashes to sha256:" + actual + " "), e.getMessage() + " / " + sha256sum);
    }

    @Test
    void skopeoStillReadsTheImageAndTheSignatureManifestOfASignedLayout() throws Exception {
        new CosignLayoutSigner().sign(layout, "1.0", REFERENCE, newKey().getPrivate(), Map.of());
        String inspect = run(dir, "skopeo", "inspect", "oci:" + layout + ":1.0");
        assertTrue(inspect.startsWith("0:"), inspect);
        assertTrue(inspect.contains(imageDigest.toString()), inspect);
        String raw = run(dir, "skopeo", "inspect", "--raw", "oci:" + layout + ":"
                + CosignSignatures.signatureTag(imageDigest));
        assertTrue(raw.startsWith("0:"), raw);
        assertTrue(raw.contains(CosignSignatures.PAYLOAD_MEDIA_TYPE), raw);
    }
}
