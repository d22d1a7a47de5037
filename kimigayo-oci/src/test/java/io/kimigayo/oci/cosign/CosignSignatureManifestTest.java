package io.kimigayo.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cosign signature manifest: its config, which manifests are cosign-shaped, and merging signatures. */
class CosignSignatureManifestTest {

    private static Descriptor layer(String payload, String signature) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return new Descriptor(CosignSignatureManifest.PAYLOAD_MEDIA_TYPE, Digest.of(bytes), bytes.length)
                .withAnnotations(Map.of(CosignSignatureManifest.SIGNATURE_ANNOTATION, signature));
    }

    private static Manifest manifest(List<Descriptor> layers, Map<String, String> annotations) {
        byte[] config = CosignSignatureManifest.config(layers);
        return Manifest.of(new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(config), config.length), layers,
                annotations);
    }

    @Test
    void theConfigIsGoContainerregistrysEmptyConfigListingEachLayer() throws Exception {
        Descriptor a = layer("payload", "c2lnLWE=");
        Descriptor b = layer("payload", "c2lnLWI=");
        assertEquals("{\"architecture\":\"\",\"config\":{},\"created\":\"0001-01-01T00:00:00Z\",\"history\":["
                        + "{\"created\":\"0001-01-01T00:00:00Z\"},{\"created\":\"0001-01-01T00:00:00Z\"}],\"os\":\"\","
                        + "\"rootfs\":{\"diff_ids\":[\"" + a.digest() + "\",\"" + b.digest() + "\"],\"type\":\"layers\"}}",
                new String(CosignSignatureManifest.config(List.of(a, b)), StandardCharsets.UTF_8));
        assertEquals("sha256-" + a.digest().hex() + ".sig", CosignSignatureManifest.tag(a.digest()));
    }

    @Test
    void mergingKeepsTheirsFirstAndAddsOnlySignaturesTheyLack() throws Exception {
        Descriptor theirs1 = layer("payload", "dGhlaXJzLTE=").withAnnotations(Map.of("dev.sigstore.cosign/bundle", "{}"));
        Descriptor theirs2 = layer("other payload", "dGhlaXJzLTI=");
        Descriptor same = layer("payload", "dGhlaXJzLTE=");
        Descriptor samePayloadOtherKey = layer("payload", "b3Vycw==");
        Manifest existing = manifest(List.of(theirs1, theirs2), Map.of("note", "kept"));

        CosignSignatureManifest.Merged merged = CosignSignatureManifest.merge(existing,
                List.of(same, samePayloadOtherKey, samePayloadOtherKey)).orElseThrow();

        assertEquals(List.of(samePayloadOtherKey), merged.added(), "the same payload with another signature is new");
        Manifest written = Json.read(merged.manifest(), Manifest.class);
        assertEquals(List.of(theirs1, theirs2, samePayloadOtherKey), written.layers());
        assertEquals(Map.of("note", "kept"), written.annotations());
        assertEquals(MediaTypes.OCI_MANIFEST, written.mediaType());
        assertEquals(merged.configDescriptor(), written.config());
        assertArrayEquals(CosignSignatureManifest.config(written.layers()), merged.config());
        assertEquals(Digest.of(merged.manifest()), merged.descriptor().digest());
        assertEquals(3, merged.signatures());

        assertTrue(CosignSignatureManifest.merge(existing, List.of(same)).isEmpty(), "nothing new: nothing to store");
        assertTrue(CosignSignatureManifest.merge(written, List.of(samePayloadOtherKey, theirs2)).isEmpty());
    }

    @Test
    void readAcceptsCosignsManifestsOciOrDocker() throws Exception {
        Manifest ours = manifest(List.of(layer("p", "c2ln")), null);
        assertEquals(ours, CosignSignatureManifest.read(Json.write(ours), MediaTypes.OCI_MANIFEST, "r/x:t"));
        // older cosign wrote Docker schema 2 media types
        String docker = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":"
                + "{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\"" + ours.config().digest()
                + "\",\"size\":" + ours.config().size() + "},\"layers\":" + Json.mapper().writeValueAsString(ours.layers())
                + "}";
        assertEquals(1, CosignSignatureManifest.read(docker.getBytes(StandardCharsets.UTF_8),
                MediaTypes.DOCKER_MANIFEST, "r/x:t").layers().size());
    }

    @Test
    void readRefusesWhatIsNotCosignShapedSayingWhy() {
        Manifest ours = manifest(List.of(layer("p", "c2ln")), null);
        String good = new String(Json.write(ours), StandardCharsets.UTF_8);
        assertRefused("{\"schemaVersion\":2,\"manifests\":[]}", MediaTypes.OCI_INDEX,
                "it is a " + MediaTypes.OCI_INDEX + ", not an image manifest");
        assertRefused("not json", MediaTypes.OCI_MANIFEST, "it is not a readable manifest");
        assertRefused(good.replace(CosignSignatureManifest.PAYLOAD_MEDIA_TYPE, MediaTypes.OCI_LAYER_GZIP),
                MediaTypes.OCI_MANIFEST, "layer 1 (" + ours.layers().get(0).digest() + ") is a " + MediaTypes.OCI_LAYER_GZIP);
        assertRefused(good.replace(CosignSignatureManifest.SIGNATURE_ANNOTATION, "x"), MediaTypes.OCI_MANIFEST,
                "has no " + CosignSignatureManifest.SIGNATURE_ANNOTATION + " annotation");
        assertRefused(good.replace("\"layers\":[", "\"subject\":{},\"layers\":["), MediaTypes.OCI_MANIFEST,
                "a field 'subject'");
        assertRefused(good.replace("\"size\":1,", "\"size\":1,\"urls\":[\"http://x\"],"), MediaTypes.OCI_MANIFEST,
                "has a field 'urls' Kimigayo would not keep");
        assertRefused(Json.mapper().createObjectNode().put("schemaVersion", 2).toString(), MediaTypes.OCI_MANIFEST,
                "it has no config");
        JsonNode noLayers = Json.mapper().valueToTree(Manifest.of(ours.config(), List.of(), null));
        assertRefused(noLayers.toString(), MediaTypes.OCI_MANIFEST, "it has no layers");
    }

    private static void assertRefused(String manifest, String mediaType, String reason) {
        CosignSignatureManifest.NotASignatureManifestException e = assertThrows(
                CosignSignatureManifest.NotASignatureManifestException.class,
                () -> CosignSignatureManifest.read(manifest.getBytes(StandardCharsets.UTF_8), mediaType, "r/x:t"));
        assertTrue(e.getMessage().startsWith("r/x:t is not a cosign signature manifest: "), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
    }

    @Test
    void anAttestationManifestHasEnvelopeLayersWithAnEmptySignatureAnnotation() throws Exception {
        byte[] envelope = "{\"payloadType\":\"application/vnd.in-toto+json\"}".getBytes(StandardCharsets.UTF_8);
        Descriptor attestation = new Descriptor(CosignSignatureManifest.ATTESTATION_MEDIA_TYPE, Digest.of(envelope),
                envelope.length).withAnnotations(Map.of(CosignSignatureManifest.SIGNATURE_ANNOTATION, "",
                CosignSignatureManifest.PREDICATE_TYPE_ANNOTATION, "https://slsa.dev/provenance/v1"));
        assertEquals("sha256-" + attestation.digest().hex() + ".att",
                CosignSignatureManifest.attestationTag(attestation.digest()));
        byte[] bytes = Json.write(manifest(List.of(attestation), null));
        assertEquals(List.of(attestation), CosignSignatureManifest.read(bytes, MediaTypes.OCI_MANIFEST, "r/x:t",
                CosignSignatureManifest.ATTESTATION_MEDIA_TYPE).layers());
        // an attestation manifest is not a signature manifest, nor the other way round
        CosignSignatureManifest.NotASignatureManifestException e = assertThrows(
                CosignSignatureManifest.NotASignatureManifestException.class,
                () -> CosignSignatureManifest.read(bytes, MediaTypes.OCI_MANIFEST, "r/x:t"));
        assertTrue(e.reason().contains("is a application/vnd.dsse.envelope.v1+json, not a "
                + CosignSignatureManifest.PAYLOAD_MEDIA_TYPE), e.reason());
        byte[] signatures = Json.write(manifest(List.of(layer("payload", "c2ln")), null));
        assertThrows(CosignSignatureManifest.NotASignatureManifestException.class,
                () -> CosignSignatureManifest.read(signatures, MediaTypes.OCI_MANIFEST, "r/x:t",
                        CosignSignatureManifest.ATTESTATION_MEDIA_TYPE));
    }
}
