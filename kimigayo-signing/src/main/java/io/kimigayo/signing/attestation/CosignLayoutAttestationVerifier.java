package io.kimigayo.signing.attestation;

import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.signing.cosign.SignatureVerificationException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the cosign attestations of an image (or image index) in an OCI layout against a public key, as
 * {@code cosign verify-attestation} does: each attestation is a DSSE envelope whose signature over the PAE must
 * verify with the key, whose payload is an in-toto statement naming this image's digest as its subject. Both a
 * CycloneDX SBOM ({@link CycloneDxPredicate#PREDICATE_TYPE}) and a SLSA provenance
 * ({@link SlsaProvenance#PREDICATE_TYPE}) must be among those that verify.
 */
public final class CosignLayoutAttestationVerifier {

    /** The predicate types an image must have attested. */
    public static final List<String> REQUIRED = List.of(CycloneDxPredicate.PREDICATE_TYPE,
            SlsaProvenance.PREDICATE_TYPE);

    /**
     * Verifies the attestations of the image (or of the index, by its own digest, and of each platform's manifest).
     *
     * @return the attestations that verified: the image's (or index's) first, then each platform manifest's
     * @throws SignatureVerificationException naming the image and what is missing or failed, attestation by
     *                                        attestation
     */
    public List<VerifiedAttestation> verify(Path layoutDirectory, String tag, PublicKey key) throws IOException {
        String origin = layoutDirectory.toString();
        OciLayout layout = OciLayout.open(layoutDirectory, origin);
        Descriptor image = layout.resolve(tag, origin);
        List<Descriptor> manifests = layout.verifyImageOrIndex(image, origin);
        boolean index = MediaTypes.isIndex(image.mediaType());
        List<VerifiedAttestation> verified = new ArrayList<>(verifyOne(layout, image.digest(),
                index ? "image index" : "image", key, origin));
        if (index) {
            for (Descriptor manifest : manifests) {
                verified.addAll(verifyOne(layout, manifest.digest(), "the " + manifest.platform() + " manifest", key,
                        origin));
            }
        }
        return verified;
    }

    private static List<VerifiedAttestation> verifyOne(OciLayout layout, Digest digest, String what, PublicKey key,
                                                       String origin) throws IOException {
        String attestationTag = CosignSignatureManifest.attestationTag(digest);
        Optional<Descriptor> attestations = layout.index().manifests().stream()
                .filter(d -> attestationTag.equals(d.annotations().get(Index.REF_NAME)))
                .findFirst();
        if (attestations.isEmpty()) {
            throw new SignatureVerificationException(origin + ": " + what + " " + digest + " has no cosign "
                    + "attestations (no " + attestationTag + " in index.json); attest it with kimigayo:sign (cosign "
                    + "format)");
        }
        Manifest manifest = layout.manifest(attestations.get(), origin);
        List<VerifiedAttestation> verified = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            String label = "attestation " + (i + 1) + " (" + layer.annotations().getOrDefault(
                    CosignSignatureManifest.PREDICATE_TYPE_ANNOTATION, "no predicateType annotation") + ", "
                    + layer.digest() + "): ";
            try {
                verified.add(check(layout, layer, i, digest, key, origin));
            } catch (Rejected e) {
                failures.add(label + e.getMessage());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String type : REQUIRED) {
            if (verified.stream().noneMatch(v -> v.predicateType().equals(type))) {
                missing.add(type);
            }
        }
        if (!missing.isEmpty()) {
            throw new SignatureVerificationException(origin + ": " + what + " " + digest + " has no attestation of "
                    + String.join(" and ", missing) + " that verifies with the given public key"
                    + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures))
                    + (failures.isEmpty() || missing.contains(CycloneDxPredicate.PREDICATE_TYPE)
                    && verified.stream().anyMatch(v -> v.predicateType().equals(SlsaProvenance.PREDICATE_TYPE))
                    ? "\n  (a CycloneDX attestation is made when the image's SBOM is in the sbom directory of "
                    + "the outputs when it is signed: pack the image so that it writes its SBOM, then sign again)"
                    : "\n  (check that the public key belongs to the key the image was signed with)"));
        }
        return verified;
    }

    /** Why an attestation was not accepted. */
    private static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    private static VerifiedAttestation check(OciLayout layout, Descriptor layer, int index, Digest image,
                                             PublicKey key, String origin) throws IOException, Rejected {
        if (!CosignSignatureManifest.ATTESTATION_MEDIA_TYPE.equals(layer.mediaType())) {
            throw new Rejected("it is a " + layer.mediaType() + ", not a DSSE envelope");
        }
        byte[] bytes = BlobStore.readVerified(layout.blobs().path(layer.digest()), layer, origin);
        Dsse.Envelope envelope;
        try {
            envelope = Dsse.Envelope.parse(bytes);
        } catch (IOException e) {
            throw new Rejected(e.getMessage());
        }
        if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new Rejected("its payloadType is " + envelope.payloadType() + ", not " + Dsse.IN_TOTO_PAYLOAD_TYPE);
        }
        if (!envelope.verifiedBy(key)) {
            throw new Rejected("the DSSE signature does not verify with this key (another key, or the statement was "
                    + "changed)");
        }
        InTotoStatement statement;
        try {
            statement = InTotoStatement.parse(envelope.payload());
        } catch (IOException e) {
            throw new Rejected(e.getMessage());
        }
        if (statement.subjects().stream().noneMatch(s -> s.digest().equals(image))) {
            throw new Rejected("its subject is " + statement.subjects().stream().map(s -> s.digest().toString())
                    .toList() + ", not this image");
        }
        String annotated = layer.annotations().get(CosignSignatureManifest.PREDICATE_TYPE_ANNOTATION);
        if (annotated != null && !annotated.equals(statement.predicateType())) {
            throw new Rejected("its annotation says " + annotated + " but the signed statement is a "
                    + statement.predicateType());
        }
        if (!statement.predicate().isObject()) {
            throw new Rejected("its predicate is not a JSON object");
        }
        return new VerifiedAttestation(index, layer.digest(), statement.predicateType(), image);
    }
}
