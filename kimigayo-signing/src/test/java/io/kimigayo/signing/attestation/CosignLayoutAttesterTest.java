package io.kimigayo.signing.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attestations in an OCI layout, as cosign attest stores them, verified by our verifier (the real cosign judges them
 * in the attest-registry integration test).
 */
class CosignLayoutAttesterTest {

    private static final String REFERENCE = "registry.example/kimigayo/app";
    private static final Instant TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MUSL_SHA = "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4";

    @TempDir
    Path dir;

    private PackResult pack(Path out, List<Platform> platforms) throws IOException {
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.writeString(content.resolve("hello.txt"), "hello\n");
        return new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo/app:1.0"),
                        platforms.get(0), new BuildTimestamp(TIMESTAMP, BuildTimestamp.Source.OUTPUT_TIMESTAMP), out)
                .platforms(platforms)
                .baseDirectory(dir)
                .layers(List.of(DirectoryImport.of(content, "/")))
                .settings(ContainerSettings.NONE)
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
    }

    /** The outputs of a build: the image, its SBOM (CycloneDX 1.6) and the rootfs.json of a Java image. */
    private Path outputs(String name, List<Platform> platforms, List<String> sbomFiles) throws IOException {
        Path out = dir.resolve(name);
        pack(out, platforms);
        Path sbom = Files.createDirectories(out.resolve("sbom"));
        for (String file : sbomFiles) {
            Files.writeString(sbom.resolve(file), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
                    + "\"serialNumber\":\"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\",\"metadata\":{\"timestamp\":"
                    + "\"2026-01-01T00:00:00Z\",\"component\":{\"type\":\"container\",\"name\":\"" + file + "\"}},"
                    + "\"components\":[{\"type\":\"library\",\"name\":\"musl\",\"version\":\"1.2.5\",\"purl\":"
                    + "\"pkg:generic/musl@1.2.5\"}],\"x-precision\":0.10000000000000000001}\n");
        }
        Path rootfs = Files.createDirectories(out.resolve("rootfs"));
        RootfsManifest manifest = new RootfsManifest("kimigayo", "0.1.0", "standard", "x86_64",
                "2026-01-01T00:00:00Z",
                List.of(new RootfsManifest.Component("musl", "1.2.5", "MIT", "musl-1.2.5.tar.gz",
                        "https://deb.debian.org/debian/pool/main/m/musl/musl_1.2.5.orig.tar.gz", MUSL_SHA, "k1"),
                        new RootfsManifest.Component("ca-certificates", "2024", "MPL-2.0", null, null, null, null)),
                10, new RootfsManifest.Sizes(1, 1), new RootfsManifest.Digests("1", "t", "i"), List.of(), List.of())
                .withJavaRuntime(new RootfsManifest.JavaRuntime("/opt/java", "21.0.5+11", List.of("java.base"),
                        false, "app.Main", List.of(new RootfsManifest.NativeLibrary("/lib/libz.so.1",
                        "/usr/lib/x86_64-linux-gnu/libz.so.1", "b".repeat(64), "/opt/java/lib/libzip.so")),
                        List.of()));
        Files.write(rootfs.resolve("rootfs.json"), manifest.toJson());
        return out;
    }

    private static AttestationRequest request(Path out) {
        return new AttestationRequest(out.resolve("sbom"), out.resolve("rootfs"),
                new AttestationRequest.Coordinates("io.kimigayo", "kimigayo-maven-plugin", "0.1.0"),
                new AttestationRequest.Coordinates("com.example", "app", "1.0"),
                Map.of("image", "kimigayo/app:1.0", "identity", REFERENCE), TIMESTAMP);
    }

    private static Manifest attestations(Path layout, Digest image) throws IOException {
        OciLayout opened = OciLayout.open(layout, "test");
        return opened.manifest(opened.resolve(CosignSignatureManifest.attestationTag(image), "test"), "test");
    }

    /** The statement in the n-th envelope of the image's attestation manifest. */
    private static JsonNode statement(Path layout, Digest image, int n) throws IOException {
        Descriptor layer = attestations(layout, image).layers().get(n);
        byte[] envelope = Files.readAllBytes(OciLayout.open(layout, "test").blobs().path(layer.digest()));
        return JSON.readTree(Base64.getDecoder().decode(JSON.readTree(envelope).path("payload").asText()));
    }

    @Test
    void anImageGetsItsSbomAndProvenanceAsCosignStoresThemAndTheyVerify() throws Exception {
        KeyPair key = DsseTest.newKey();
        Path out = outputs("out", List.of(Platform.parse("linux/amd64")), List.of("image.cdx.json"));
        Path layout = out.resolve("image");
        Digest image = OciLayout.open(layout, "test").resolve("1.0", "test").digest();

        List<AttestationOutcome> outcomes = new CosignLayoutAttester().attest(layout, "1.0", REFERENCE,
                key.getPrivate(), request(out));
        assertEquals(1, outcomes.size());
        assertEquals(2, outcomes.get(0).added());
        assertEquals(List.of(CycloneDxPredicate.PREDICATE_TYPE, SlsaProvenance.PREDICATE_TYPE),
                outcomes.get(0).predicateTypes());

        Manifest manifest = attestations(layout, image);
        assertEquals(2, manifest.layers().size());
        for (Descriptor layer : manifest.layers()) {
            assertEquals("application/vnd.dsse.envelope.v1+json", layer.mediaType());
            assertEquals("", layer.annotations().get("dev.cosignproject.cosign/signature"));
        }
        assertEquals("https://cyclonedx.org/bom", manifest.layers().get(0).annotations().get("predicateType"));
        assertEquals("https://slsa.dev/provenance/v1", manifest.layers().get(1).annotations().get("predicateType"));

        JsonNode sbom = statement(layout, image, 0);
        assertEquals("https://in-toto.io/Statement/v1", sbom.path("_type").asText());
        assertEquals(REFERENCE, sbom.path("subject").get(0).path("name").asText());
        assertEquals(image.hex(), sbom.path("subject").get(0).path("digest").path("sha256").asText());
        // the predicate is the file's document, values as written
        assertEquals(JSON.readTree(Files.readAllBytes(out.resolve("sbom/image.cdx.json"))), sbom.path("predicate"));
        assertTrue(sbom.path("predicate").toString().contains("\"x-precision\":0.10000000000000000001"),
                sbom.path("predicate").toString());

        JsonNode provenance = statement(layout, image, 1).path("predicate");
        assertEquals(SlsaProvenance.BUILD_TYPE, provenance.at("/buildDefinition/buildType").asText());
        assertEquals("pkg:maven/io.kimigayo/kimigayo-maven-plugin@0.1.0",
                provenance.at("/runDetails/builder/id").asText());
        assertEquals("0.1.0", provenance.at("/runDetails/builder/version/kimigayo-maven-plugin").asText());
        assertEquals("pkg:maven/com.example/app@1.0",
                provenance.at("/buildDefinition/externalParameters/project/purl").asText());
        assertEquals("kimigayo/app:1.0", provenance.at("/buildDefinition/externalParameters/parameters/image")
                .asText());
        assertEquals("linux/amd64", provenance.at("/buildDefinition/externalParameters/platforms/0").asText());
        assertEquals("2026-01-01T00:00:00Z", provenance.at("/runDetails/metadata/startedOn").asText());
        assertEquals("2026-01-01T00:00:00Z", provenance.at("/runDetails/metadata/finishedOn").asText());
        assertEquals(1767225600L, provenance.at("/buildDefinition/internalParameters/sourceDateEpoch").asLong());
        assertTrue(provenance.at("/buildDefinition/internalParameters/reproducible").asBoolean());
        JsonNode dependencies = provenance.at("/buildDefinition/resolvedDependencies");
        assertEquals(3, dependencies.size(), dependencies.toString());
        assertEquals("musl", dependencies.get(0).path("name").asText());
        assertEquals("https://deb.debian.org/debian/pool/main/m/musl/musl_1.2.5.orig.tar.gz",
                dependencies.get(0).path("uri").asText());
        assertEquals(MUSL_SHA, dependencies.get(0).at("/digest/sha256").asText());
        assertEquals("1.2.5", dependencies.get(0).at("/annotations/version").asText());
        assertEquals("java-runtime", dependencies.get(1).path("name").asText());
        assertEquals("21.0.5+11", dependencies.get(1).at("/annotations/version").asText());
        assertEquals("file:///usr/lib/x86_64-linux-gnu/libz.so.1", dependencies.get(2).path("uri").asText());
        assertEquals("b".repeat(64), dependencies.get(2).at("/digest/sha256").asText());
        assertEquals("image.cdx.json", provenance.at("/runDetails/byproducts/0/name").asText());

        List<VerifiedAttestation> verified = new CosignLayoutAttestationVerifier().verify(layout, "1.0",
                key.getPublic());
        assertEquals(List.of(CycloneDxPredicate.PREDICATE_TYPE, SlsaProvenance.PREDICATE_TYPE),
                verified.stream().map(VerifiedAttestation::predicateType).toList());
    }

    @Test
    void attestingAgainOrInAnotherBuildGivesTheSameBytes() throws Exception {
        KeyPair key = DsseTest.newKey();
        Path first = outputs("first", List.of(Platform.parse("linux/amd64")), List.of("image.cdx.json"));
        Path second = outputs("second", List.of(Platform.parse("linux/amd64")), List.of("image.cdx.json"));
        AttestationOutcome a = new CosignLayoutAttester().attest(first.resolve("image"), "1.0", REFERENCE,
                key.getPrivate(), request(first)).get(0);
        AttestationOutcome again = new CosignLayoutAttester().attest(first.resolve("image"), "1.0", REFERENCE,
                key.getPrivate(), request(first)).get(0);
        AttestationOutcome b = new CosignLayoutAttester().attest(second.resolve("image"), "1.0", REFERENCE,
                key.getPrivate(), request(second)).get(0);
        assertEquals(0, again.added());
        assertEquals(2, again.attestationCount());
        assertEquals(a.manifest(), again.manifest());
        assertEquals(a.manifest(), b.manifest());
        assertEquals(a.imageDigest(), b.imageDigest());
    }

    @Test
    void anotherKeysAttestationsAreKeptAndOnlyTheRightKeyVerifies() throws Exception {
        KeyPair ours = DsseTest.newKey();
        KeyPair theirs = DsseTest.newKey();
        Path out = outputs("out", List.of(Platform.parse("linux/amd64")), List.of("image.cdx.json"));
        Path layout = out.resolve("image");
        new CosignLayoutAttester().attest(layout, "1.0", REFERENCE, theirs.getPrivate(), request(out));
        SignatureVerificationException refused = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutAttestationVerifier().verify(layout, "1.0", ours.getPublic()));
        assertTrue(refused.getMessage().contains("has no attestation of https://cyclonedx.org/bom and "
                + "https://slsa.dev/provenance/v1 that verifies with the given public key"), refused.getMessage());
        assertTrue(refused.getMessage().contains("attestation 1 (https://cyclonedx.org/bom, sha256:"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("the DSSE signature does not verify with this key"),
                refused.getMessage());

        AttestationOutcome added = new CosignLayoutAttester().attest(layout, "1.0", REFERENCE, ours.getPrivate(),
                request(out)).get(0);
        assertEquals(2, added.added());
        assertEquals(4, added.attestationCount());
        assertEquals(4, new CosignLayoutAttestationVerifier().verify(layout, "1.0", theirs.getPublic()).size()
                + new CosignLayoutAttestationVerifier().verify(layout, "1.0", ours.getPublic()).size());
    }

    @Test
    void withoutAnSbomFileOnlyTheProvenanceIsMadeAndVerifyNamesTheMissingSbom() throws Exception {
        KeyPair key = DsseTest.newKey();
        Path out = outputs("out", List.of(Platform.parse("linux/amd64")), List.of());
        Path layout = out.resolve("image");
        AttestationOutcome outcome = new CosignLayoutAttester().attest(layout, "1.0", REFERENCE, key.getPrivate(),
                request(out)).get(0);
        assertEquals(List.of(SlsaProvenance.PREDICATE_TYPE), outcome.predicateTypes());
        assertTrue(outcome.sboms().isEmpty());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutAttestationVerifier().verify(layout, "1.0", key.getPublic()));
        assertTrue(e.getMessage().contains("has no attestation of https://cyclonedx.org/bom that verifies"),
                e.getMessage());
        assertTrue(e.getMessage().contains("pack the image so that it writes its SBOM"), e.getMessage());
    }

    @Test
    void anImageWithoutAttestationsSaysSo() throws Exception {
        Path out = outputs("out", List.of(Platform.parse("linux/amd64")), List.of());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> new CosignLayoutAttestationVerifier().verify(out.resolve("image"), "1.0",
                        DsseTest.newKey().getPublic()));
        assertTrue(e.getMessage().contains("has no cosign attestations (no sha256-"), e.getMessage());
    }

    @Test
    void aFileThatIsNotCycloneDxIsRefusedNamingIt() throws Exception {
        Path out = outputs("out", List.of(Platform.parse("linux/amd64")), List.of());
        Files.writeString(out.resolve("sbom/image.cdx.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");
        IOException e = assertThrows(IOException.class, () -> new CosignLayoutAttester().attest(out.resolve("image"),
                "1.0", REFERENCE, DsseTest.newKey().getPrivate(), request(out)));
        assertTrue(e.getMessage().contains("image.cdx.json is not a CycloneDX JSON document"), e.getMessage());
    }

    @Test
    void anIndexAndEachPlatformGetTheirOwnAttestations() throws Exception {
        KeyPair key = DsseTest.newKey();
        Path out = outputs("out", List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")),
                List.of("image-linux-amd64.cdx.json", "image-linux-arm64.cdx.json"));
        Path layout = out.resolve("image");
        List<AttestationOutcome> outcomes = new CosignLayoutAttester().attest(layout, "1.0", REFERENCE,
                key.getPrivate(), request(out));
        assertEquals(3, outcomes.size());
        // the index: each platform's SBOM, then the provenance of the whole
        assertEquals(List.of(CycloneDxPredicate.PREDICATE_TYPE, CycloneDxPredicate.PREDICATE_TYPE,
                SlsaProvenance.PREDICATE_TYPE), outcomes.get(0).predicateTypes());
        assertEquals(List.of("image-linux-amd64.cdx.json", "image-linux-arm64.cdx.json"),
                outcomes.get(0).sboms().stream().map(p -> p.getFileName().toString()).toList());
        // each platform: its own SBOM and provenance
        assertEquals(List.of("image-linux-amd64.cdx.json"),
                outcomes.get(1).sboms().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("image-linux-arm64.cdx.json"),
                outcomes.get(2).sboms().stream().map(p -> p.getFileName().toString()).toList());
        JsonNode arm = statement(layout, outcomes.get(2).imageDigest(), 0);
        assertEquals("image-linux-arm64.cdx.json", arm.at("/predicate/metadata/component/name").asText());
        assertEquals(outcomes.get(2).imageDigest().hex(), arm.at("/subject/0/digest/sha256").asText());
        JsonNode indexProvenance = statement(layout, outcomes.get(0).imageDigest(), 2).path("predicate");
        assertEquals("linux/amd64 linux/arm64/v8", String.join(" ", Stream.of(0, 1).map(i -> indexProvenance
                .at("/buildDefinition/externalParameters/platforms/" + i).asText()).toList()));

        List<VerifiedAttestation> verified = new CosignLayoutAttestationVerifier().verify(layout, "1.0",
                key.getPublic());
        assertEquals(7, verified.size());
        List<Digest> subjects = new ArrayList<>(verified.stream().map(VerifiedAttestation::image).distinct()
                .toList());
        assertEquals(outcomes.stream().map(AttestationOutcome::imageDigest).toList(), subjects);
    }
}
