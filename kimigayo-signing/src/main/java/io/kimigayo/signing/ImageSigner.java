package io.kimigayo.signing;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.signing.attestation.AttestationOutcome;
import io.kimigayo.signing.attestation.CosignLayoutAttester;
import io.kimigayo.signing.cosign.CosignLayoutSigner;
import io.kimigayo.signing.cosign.SignatureOutcome;
import io.kimigayo.signing.key.CosignKeys;
import io.kimigayo.signing.openpgp.LookasideStore;
import io.kimigayo.signing.openpgp.OpenPgpImageSigner;
import io.kimigayo.signing.openpgp.OpenPgpSigner;
import io.kimigayo.signing.openpgp.RegistriesD;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;

/**
 * Signs an image of an OCI layout: the library entry point behind the {@code sign} goal. In cosign format it also
 * attests the image (CycloneDX SBOM and SLSA provenance, in-toto statements in DSSE envelopes) when the request
 * carries {@link SignRequest#attestations()}.
 */
public final class ImageSigner {

    public SignResult sign(SignRequest request) throws IOException {
        if (request.format() == SignatureFormat.COSIGN) {
            PrivateKey key = CosignKeys.readPrivateKey(request.key(), request.password());
            List<SignatureOutcome> outcomes = new CosignLayoutSigner().sign(request.layout(), request.tag(),
                    request.dockerReference(), key, request.annotations(), request.platformSignatures());
            SignatureOutcome outcome = outcomes.get(0);
            List<AttestationOutcome> attestations = request.attestations() == null ? List.of()
                    : new CosignLayoutAttester().attest(request.layout(), request.tag(), request.dockerReference(),
                    key, request.attestations());
            return new SignResult(outcome.imageDigest(), SignatureFormat.COSIGN,
                    request.layout() + ":" + outcome.signatureTag(), outcome.added(), null,
                    outcomes.subList(1, outcomes.size()), attestations);
        }
        String origin = request.layout().toString();
        OciLayout layout = OciLayout.open(request.layout(), origin);
        Descriptor image = layout.resolve(request.tag(), origin);
        layout.verifyImageOrIndex(image, origin);
        Digest digest = image.digest();
        OpenPgpSigner signer = new OpenPgpSigner(request.key(), request.gpgKeyId(), request.password());
        LookasideStore store = new LookasideStore(request.lookaside());
        int before = store.signatures(request.dockerReference(), digest).size();
        Path written = new OpenPgpImageSigner(signer, store).sign(request.dockerReference(), digest,
                request.timestamp());
        boolean added = store.signatures(request.dockerReference(), digest).size() > before;
        return new SignResult(digest, SignatureFormat.OPENPGP, written.toString(), added,
                RegistriesD.snippet(RegistriesD.scopeOf(request.dockerReference()), request.lookaside()), List.of());
    }
}
