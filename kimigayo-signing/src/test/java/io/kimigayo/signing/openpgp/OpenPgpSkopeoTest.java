package io.kimigayo.signing.openpgp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * skopeo is the judge: images pushed to a real registry, signed by Kimigayo into a lookaside directory, pulled with
 * {@code skopeo copy} under a {@code signedBy} policy. Accepted with the right key; rejected with another key, without
 * a signature, with a tampered signature, and with a signature for another image or another name.
 */
class OpenPgpSkopeoTest {

    private static final Instant BUILD_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final String REPOSITORY = "kimigayo/test";

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static GpgKeyring gpg;
    static ExternalTool skopeo;
    static String signerKey;
    static String otherKey;
    static Path signerSecret;
    static Path signerPublic;
    static Path otherPublic;
    static Path acceptAnything;
    static String signedRef;
    static String unsignedRef;
    static Digest signedDigest;
    static Digest unsignedDigest;

    @BeforeAll
    static void pushImagesAndMakeKeys() throws IOException {
        skopeo = ExternalTool.require("skopeo", "skopeo");
        registry = LocalRegistry.start(dir.resolve("registry"));
        gpg = new GpgKeyring(dir.resolve("gnupg"));
        signerKey = gpg.generate("Kimigayo Test <test@kimigayo.invalid>", "rsa2048", "sign", "");
        otherKey = gpg.generate("Someone Else <else@kimigayo.invalid>", "rsa2048", "sign", "");
        signerSecret = gpg.exportSecret(signerKey, dir.resolve("signer.asc"), true, "");
        signerPublic = gpg.exportPublic(signerKey, dir.resolve("signer.pub.asc"));
        otherPublic = gpg.exportPublic(otherKey, dir.resolve("other.pub.asc"));
        acceptAnything = Files.writeString(dir.resolve("accept-anything.json"),
                "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");

        signedRef = registry.reference(REPOSITORY + ":signed");
        unsignedRef = registry.reference(REPOSITORY + ":unsigned");
        signedDigest = packAndPush("signed", "the signed image\n");
        unsignedDigest = packAndPush("unsigned", "an image nobody signed\n");
        assertNotEquals(signedDigest, unsignedDigest);
    }

    @AfterAll
    static void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (gpg != null) {
            gpg.close();
        }
    }

    /** Packs a one-file image with ImagePacker, pushes it with skopeo, and returns the digest the registry has. */
    private static Digest packAndPush(String tag, String content) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + tag + "/etc"));
        Files.writeString(src.resolve("motd"), content);
        Path out = dir.resolve("out-" + tag);
        PackResult packed = new ImagePacker().pack(PackRequest.builder(ImageReference.parse(REPOSITORY + ":" + tag),
                        Platform.parse("linux/amd64"),
                        new BuildTimestamp(BUILD_TIME, BuildTimestamp.Source.OUTPUT_TIMESTAMP), out)
                .layers(List.of(DirectoryImport.of(src.getParent(), "/")))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        Path layout = out.resolve(OutputFormat.OCI_LAYOUT.fileName());
        skopeo.run(Map.of(), "--policy", acceptAnything.toString(), "copy", "--dest-tls-verify=false",
                "oci:" + layout + ":" + tag, "docker://" + registry.reference(REPOSITORY + ":" + tag)).requireSuccess();
        String inspected = skopeo.run(Map.of(), "--policy", acceptAnything.toString(), "inspect",
                "--tls-verify=false", "docker://" + registry.reference(REPOSITORY + ":" + tag)).requireSuccess().stdout();
        Digest pushed = Digest.parse(new ObjectMapper().readTree(inspected).get("Digest").asText());
        assertEquals(packed.manifestDigest(), pushed, "the registry serves the manifest ImagePacker wrote");
        return pushed;
    }

    /** A new lookaside directory for one test, and the registries.d directory pointing the registry at it. */
    private record Setup(String name, LookasideStore store, Path registriesD) {
    }

    private static Setup setup(TestInfo test) throws IOException {
        String name = test.getTestMethod().orElseThrow().getName();
        Path base = Files.createDirectories(dir.resolve("case-" + name));
        LookasideStore store = new LookasideStore(base.resolve("lookaside"));
        Path registriesD = Files.createDirectories(base.resolve("registries.d"));
        Files.writeString(registriesD.resolve("kimigayo.yaml"), RegistriesD.snippet(registry.host(), store.root()));
        return new Setup(name, store, registriesD);
    }

    private static Path policy(Path keyPath) throws IOException {
        Path file = Files.createTempFile(dir, "policy-", ".json");
        Files.writeString(file, SignedByPolicy.policyJson(RegistriesD.scopeOf(signedRef), keyPath));
        return file;
    }

    private static OpenPgpImageSigner signer(Setup setup) throws IOException {
        return new OpenPgpImageSigner(new OpenPgpSigner(signerSecret, null, null), setup.store());
    }

    /** skopeo copy docker://REF oci:OUT:x under the policy: what a user's pull would do. */
    private static ExternalTool.Result pull(Setup setup, Path policy, String reference) throws IOException {
        Path out = Files.createTempDirectory(dir, "pulled-");
        List<String> args = new ArrayList<>(List.of("--policy", policy.toString(),
                "--registries.d", setup.registriesD().toString(),
                "copy", "--remove-signatures", "--src-tls-verify=false",
                "docker://" + reference, "oci:" + out + ":x"));
        ExternalTool.Result result = skopeo.run(gpg.environment(), java.time.Duration.ofMinutes(2), args);
        System.out.println("[skopeo] " + setup.name() + ": " + reference + " -> exit " + result.exitCode() + ": "
                + result.stderr().strip().replaceAll("\\s*\n\\s*", " | "));
        return result;
    }

    private static void assertRejected(ExternalTool.Result result, String expected) {
        assertNotEquals(0, result.exitCode(), "skopeo accepted what it should reject:\n" + result);
        String said = result.stderr();
        assertTrue(said.toLowerCase(Locale.ROOT).contains("signature"), "skopeo's refusal names no signature:\n"
                + result);
        assertTrue(said.contains(expected), "expected skopeo to say '" + expected + "':\n" + result);
    }

    @Test
    void skopeoAcceptsTheImageSignedWithTheTrustedKey(TestInfo test) throws IOException {
        Setup setup = setup(test);
        Path written = signer(setup).sign(signedRef, signedDigest, BUILD_TIME);

        assertEquals(setup.store().root().resolve(REPOSITORY + "@sha256=" + signedDigest.hex() + "/signature-1"),
                written);
        ExternalTool.Result result = pull(setup, policy(signerPublic), signedRef);
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void skopeoRejectsItUnderAPolicyTrustingAnotherKey(TestInfo test) throws IOException {
        Setup setup = setup(test);
        signer(setup).sign(signedRef, signedDigest, BUILD_TIME);

        // gpgme verifies against the policy's keys only: the signer's key is unknown there ("No public key")
        ExternalTool.Result result = pull(setup, policy(otherPublic), signedRef);
        assertRejected(result, "Invalid GPG signature");
        assertTrue(result.stderr().contains(signerKey), result.toString());
    }

    @Test
    void skopeoRejectsAnImageWithoutSignature(TestInfo test) throws IOException {
        Setup setup = setup(test);
        signer(setup).sign(signedRef, signedDigest, BUILD_TIME);

        assertRejected(pull(setup, policy(signerPublic), unsignedRef),
                "A signature was required, but no signature exists");
    }

    @Test
    void skopeoRejectsATamperedSignature(TestInfo test) throws IOException {
        Setup setup = setup(test);
        Path written = signer(setup).sign(signedRef, signedDigest, BUILD_TIME);
        byte[] bytes = Files.readAllBytes(written);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int digestAt = text.indexOf(signedDigest.hex()); // inside the signed payload: re-point it by one bit
        assertTrue(digestAt > 0);
        bytes[digestAt + 10] ^= 0x01;
        Files.write(written, bytes);

        assertRejected(pull(setup, policy(signerPublic), signedRef), "Invalid GPG signature");
    }

    @Test
    void skopeoRejectsASignatureClaimingAnotherName(TestInfo test) throws IOException {
        Setup setup = setup(test);
        String otherName = registry.reference("kimigayo/other:signed");
        byte[] signature = new OpenPgpSigner(signerSecret, null, null).sign(AtomicSignaturePayload.builder()
                .dockerReference(otherName).manifestDigest(signedDigest).timestamp(BUILD_TIME).build().toJson());
        setup.store().write(signedRef, signedDigest, signature);

        assertRejected(pull(setup, policy(signerPublic), signedRef), "Signature for identity " + otherName
                + " is not accepted");
    }

    @Test
    void skopeoRejectsASignatureOfAnotherImage(TestInfo test) throws IOException {
        Setup setup = setup(test);
        byte[] signature = new OpenPgpSigner(signerSecret, null, null).sign(AtomicSignaturePayload.builder()
                .dockerReference(signedRef).manifestDigest(unsignedDigest).timestamp(BUILD_TIME).build().toJson());
        setup.store().write(signedRef, signedDigest, signature);

        assertRejected(pull(setup, policy(signerPublic), signedRef), "Signature for digest " + unsignedDigest
                + " does not match");
    }

    @Test
    void skopeoFindsOurSignatureBehindAnotherOneAtSignature2(TestInfo test) throws IOException {
        Setup setup = setup(test);
        Path otherSecret = gpg.exportSecret(otherKey, dir.resolve("other.asc"), true, "");
        Path first = new OpenPgpImageSigner(new OpenPgpSigner(otherSecret, null, null), setup.store())
                .sign(signedRef, signedDigest, BUILD_TIME);
        Path second = signer(setup).sign(signedRef, signedDigest, BUILD_TIME);

        assertEquals("signature-1", first.getFileName().toString());
        assertEquals("signature-2", second.getFileName().toString());
        ExternalTool.Result result = pull(setup, policy(signerPublic), signedRef);
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void skopeoAcceptsAnEd25519Signature(TestInfo test) throws IOException {
        Setup setup = setup(test);
        String edKey = gpg.generate("Kimigayo Ed25519 <ed@kimigayo.invalid>", "ed25519", "sign", "");
        Path secret = gpg.exportSecret(edKey, dir.resolve("ed.asc"), true, "");
        new OpenPgpImageSigner(new OpenPgpSigner(secret, null, null), setup.store())
                .sign(signedRef, signedDigest, BUILD_TIME);

        ExternalTool.Result result = pull(setup, policy(gpg.exportPublic(edKey, dir.resolve("ed.pub.asc"))), signedRef);
        assertEquals(0, result.exitCode(), result.toString());
    }

    /**
     * The lookaside path has no registry host in it: skopeo does not look under 127.0.0.1:PORT/, and skopeo's own
     * {@code --sign-by} writes exactly where {@link LookasideStore} does.
     */
    @Test
    void theLookasideLayoutIsTheOneSkopeoReadsAndWrites(TestInfo test) throws IOException {
        Setup setup = setup(test);
        byte[] signature = new OpenPgpSigner(signerSecret, null, null).sign(AtomicSignaturePayload.builder()
                .dockerReference(signedRef).manifestDigest(signedDigest).timestamp(BUILD_TIME).build().toJson());
        Path withHost = setup.store().root().resolve(registry.host() + "/" + REPOSITORY + "@sha256="
                + signedDigest.hex() + "/signature-1");
        Files.createDirectories(withHost.getParent());
        Files.write(withHost, signature);
        assertRejected(pull(setup, policy(signerPublic), signedRef),
                "A signature was required, but no signature exists");

        ExternalTool.Result signed = skopeo.run(gpg.environment(), "--policy", acceptAnything.toString(),
                "--registries.d", setup.registriesD().toString(), "copy", "--src-tls-verify=false",
                "--dest-tls-verify=false", "--sign-by", signerKey, "docker://" + signedRef, "docker://" + signedRef);
        assertEquals(0, signed.exitCode(), signed.toString());
        Path skopeosOwn = setup.store().signaturePath(signedRef, signedDigest, 1);
        assertTrue(Files.isRegularFile(skopeosOwn), "skopeo --sign-by did not write " + skopeosOwn);
        assertEquals(List.of(skopeosOwn), setup.store().signatures(signedRef, signedDigest));
        String payload = new String(gpg.decrypt(skopeosOwn), StandardCharsets.UTF_8);
        assertEquals(signedRef, AtomicSignaturePayload.parse(payload.getBytes(StandardCharsets.UTF_8))
                .dockerReference());
    }
}
