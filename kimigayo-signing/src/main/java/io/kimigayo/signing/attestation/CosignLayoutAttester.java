package io.kimigayo.signing.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.model.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attests an image of an OCI layout the way {@code cosign attest} does and stores the attestations in the same
 * layout: a manifest tagged {@code sha256-<hex>.att} (the shape of cosign's signature manifest) whose layers are
 * DSSE envelopes ({@code application/vnd.dsse.envelope.v1+json}) around in-toto statements, each annotated with its
 * {@code predicateType} and an empty {@code dev.cosignproject.cosign/signature}.
 *
 * <p>Each image manifest gets its CycloneDX SBOM (when its file exists) and its SLSA provenance. An image index gets
 * its own too (its subject is the index): the SBOM is {@code image.cdx.json} when there is one, else each platform's
 * {@code image-<os>-<arch>.cdx.json}; each platform's manifest gets its own SBOM and provenance. Envelopes are
 * deterministic, so attesting again with the same key and inputs changes nothing; attestations already there (another
 * key, another build) are kept and ours appended, as cosign does.
 */
public final class CosignLayoutAttester {

    /** The SBOM of an image (or of an index when there is one for all its platforms). */
    public static final String SBOM_FILE = "image.cdx.json";

    /** The SBOM of one platform's image of an index: {@code image-<os>-<arch>.cdx.json}. */
    public static String platformSbomFile(Platform platform) {
        return "image-" + platform.os() + "-" + platform.architecture() + ".cdx.json";
    }

    /**
     * Attests the image (or the index and each of its platforms' manifests).
     *
     * @param layoutDirectory the OCI layout holding the image
     * @param tag             the image's tag, or null when the layout holds one image
     * @param subjectName     the name the statements give their subject (the repository, as cosign writes it)
     * @return what attesting did: the image's (or index's) outcome first, then each platform manifest's
     */
    public List<AttestationOutcome> attest(Path layoutDirectory, String tag, String subjectName, PrivateKey key,
                                           AttestationRequest request) throws IOException {
        String origin = layoutDirectory.toString();
        OciLayout layout = OciLayout.open(layoutDirectory, origin);
        Descriptor image = layout.resolve(tag, origin);
        List<Descriptor> manifests = layout.verifyImageOrIndex(image, origin);
        boolean index = MediaTypes.isIndex(image.mediaType());
        String baseName = image.annotations().get("org.opencontainers.image.base.name");
        String baseDigest = image.annotations().get("org.opencontainers.image.base.digest");
        Path sboms = request.sbomDirectory();

        List<AttestationOutcome> outcomes = new ArrayList<>();
        if (!index) {
            Platform platform = platformOfImage(layout, image, origin);
            outcomes.add(attestOne(layoutDirectory, image.digest(), subjectName, key, request, null,
                    List.of(platform), existing(sboms, SBOM_FILE), baseName, baseDigest, origin));
            return outcomes;
        }
        List<Platform> platforms = manifests.stream().map(Descriptor::platform).toList();
        List<Path> indexSboms = existing(sboms, SBOM_FILE);
        if (indexSboms.isEmpty()) {
            for (Platform p : platforms) {
                indexSboms.addAll(existing(sboms, platformSbomFile(p)));
            }
        }
        outcomes.add(attestOne(layoutDirectory, image.digest(), subjectName, key, request, null, platforms,
                indexSboms, baseName, baseDigest, origin));
        for (Descriptor manifest : manifests) {
            outcomes.add(attestOne(layoutDirectory, manifest.digest(), subjectName, key, request,
                    manifest.platform(), List.of(manifest.platform()),
                    existing(sboms, platformSbomFile(manifest.platform())), baseName, baseDigest, origin));
        }
        return outcomes;
    }

    private static List<Path> existing(Path directory, String name) {
        List<Path> found = new ArrayList<>();
        if (directory != null && Files.isRegularFile(directory.resolve(name))) {
            found.add(directory.resolve(name));
        }
        return found;
    }

    /** The platform an image's config names. */
    private static Platform platformOfImage(OciLayout layout, Descriptor image, String origin) throws IOException {
        Manifest manifest = layout.manifest(image, origin);
        Descriptor config = manifest.config();
        JsonNode node = Json.mapper().readTree(BlobStore.readVerified(layout.blobs().path(config.digest()), config,
                origin));
        return new Platform(node.path("architecture").asText(""), node.path("os").asText(""),
                node.path("variant").asText(null));
    }

    private static AttestationOutcome attestOne(Path layoutDirectory, Digest digest, String subjectName,
                                                PrivateKey key, AttestationRequest request, Platform platform,
                                                List<Platform> platforms, List<Path> sboms, String baseName,
                                                String baseDigest, String origin) throws IOException {
        List<InTotoStatement.Subject> subject = List.of(new InTotoStatement.Subject(subjectName, digest));
        Map<byte[], String> envelopes = new LinkedHashMap<>();
        for (Path sbom : sboms) {
            InTotoStatement statement = new InTotoStatement(subject, CycloneDxPredicate.PREDICATE_TYPE,
                    CycloneDxPredicate.read(sbom));
            envelopes.put(Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement.toBytes(), key),
                    CycloneDxPredicate.PREDICATE_TYPE);
        }
        InTotoStatement provenance = new InTotoStatement(subject, SlsaProvenance.PREDICATE_TYPE,
                SlsaProvenance.predicate(request, platform, platforms, baseName, baseDigest, sboms));
        envelopes.put(Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, provenance.toBytes(), key), SlsaProvenance.PREDICATE_TYPE);

        OciLayout layout = OciLayout.open(layoutDirectory, origin);
        String attestationTag = CosignSignatureManifest.attestationTag(digest);
        List<Descriptor> layers = new ArrayList<>(existingAttestations(layout, attestationTag, origin));
        BlobStore blobs = layout.blobs();
        int added = 0;
        for (Map.Entry<byte[], String> e : envelopes.entrySet()) {
            Descriptor ours = new Descriptor(CosignSignatureManifest.ATTESTATION_MEDIA_TYPE, Digest.of(e.getKey()),
                    e.getKey().length).withAnnotations(annotations(e.getValue()));
            if (layers.stream().anyMatch(l -> CosignSignatureManifest.sameSignature(l, ours))) {
                continue;
            }
            Descriptor blob = blobs.put(CosignSignatureManifest.ATTESTATION_MEDIA_TYPE, e.getKey());
            layers.add(blob.withAnnotations(annotations(e.getValue())));
            added++;
        }
        List<String> predicateTypes = List.copyOf(envelopes.values());
        if (added == 0) {
            Descriptor current = layout.resolve(attestationTag, origin);
            return new AttestationOutcome(digest, attestationTag, current.digest(), predicateTypes, sboms, 0,
                    layers.size());
        }
        Descriptor config = blobs.put(MediaTypes.OCI_CONFIG, CosignSignatureManifest.config(layers));
        byte[] manifest = Json.write(Manifest.of(config, layers, null));
        Descriptor manifestBlob = blobs.put(MediaTypes.OCI_MANIFEST, manifest);
        layout.withTag(attestationTag, manifestBlob);
        return new AttestationOutcome(digest, attestationTag, manifestBlob.digest(), predicateTypes, sboms, added,
                layers.size());
    }

    /** An attestation layer's annotations, as cosign attest writes them. */
    private static Map<String, String> annotations(String predicateType) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CosignSignatureManifest.SIGNATURE_ANNOTATION, "");
        annotations.put(CosignSignatureManifest.PREDICATE_TYPE_ANNOTATION, predicateType);
        return annotations;
    }

    private static List<Descriptor> existingAttestations(OciLayout layout, String attestationTag, String origin)
            throws IOException {
        Optional<Descriptor> existing = layout.index().manifests().stream()
                .filter(d -> attestationTag.equals(d.annotations().get(Index.REF_NAME)))
                .findFirst();
        if (existing.isEmpty()) {
            return List.of();
        }
        return layout.manifest(existing.get(), origin).layers();
    }
}
