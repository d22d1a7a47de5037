package io.kimigayo.maven;

import io.kimigayo.oci.registry.RegistryAuthenticationException;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.signing.ImageVerifier;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import io.kimigayo.signing.attestation.VerifiedAttestation;
import io.kimigayo.signing.cosign.VerifiedSignature;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the image's cosign signatures against a public key, in the local layout or (with {@code registryImage}) in
 * a registry: every blob of the image must be intact and at least one signature must verify; with
 * {@code attestations}, its CycloneDX SBOM and SLSA provenance attestations must verify too. Fails naming why each
 * signature (or attestation) did not.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractRegistryMojo {

    /** The public key ({@code kimigayo.pub}). */
    @Parameter(property = "kimigayo.publicKey", required = true)
    private File publicKey;

    /** The image (name:tag) to verify; default as pack-oci's. */
    @Parameter(property = "kimigayo.image")
    private String image;

    /** The name the signature must vouch for; default any. */
    @Parameter(property = "kimigayo.identity")
    private String identity;

    /**
     * An image in a registry to verify instead of the local layout: {@code registry/repository:tag} or
     * {@code registry/repository@sha256:...}. The image and its {@code sha256-<hex>.sig} signature manifest are read
     * from the registry.
     */
    @Parameter(property = "kimigayo.registryImage")
    private String registryImage;

    /**
     * When the image is an image index, require a valid signature on each platform's manifest too (as
     * {@code sign -Dkimigayo.platformSignatures} writes them), not only on the index.
     */
    @Parameter(property = "kimigayo.platformSignatures", defaultValue = "false")
    private boolean platformSignatures;

    /**
     * Check the image's attestations too ({@code sha256-<hex>.att}, as sign writes them): a CycloneDX SBOM and a
     * SLSA provenance attestation whose DSSE signatures verify with {@code publicKey} and whose statements name the
     * image's digest; for an image index, the index's and each platform manifest's.
     */
    @Parameter(property = "kimigayo.attestations", defaultValue = "false")
    private boolean attestations;

    @Override
    protected String goal() {
        return "verify";
    }

    @Override
    protected void run() throws IOException, MojoFailureException {
        String expected = identity == null || identity.isBlank() ? null : identity.trim();
        String name;
        List<VerifiedSignature> verified;
        List<VerifiedAttestation> attested = List.of();
        try {
            if (registryImage != null && !registryImage.isBlank()) {
                ImageReference remote = ImageReference.parse(registryImage.trim());
                name = remote.toString();
                ImageVerifier.Verified result = new ImageVerifier().verify(remote, publicKey.toPath(), expected,
                        registryAccess(null), platformSignatures, attestations);
                verified = result.signatures();
                attested = result.attestations();
            } else {
                ImageReference reference = ProjectImage.of(image, project);
                name = reference.toString();
                Path layout = outputDirectory.toPath().resolve("image");
                verified = new ImageVerifier().verify(layout, reference.tag(), publicKey.toPath(), expected,
                        platformSignatures);
                if (attestations) {
                    attested = new ImageVerifier().verifyAttestations(layout, reference.tag(), publicKey.toPath());
                }
            }
        } catch (SignatureVerificationException | RegistryAuthenticationException e) {
            throw new MojoFailureException("verify: " + e.getMessage(), e);
        }
        for (VerifiedSignature s : verified) {
            getLog().info("Verified signature " + (s.layer() + 1) + " of " + name + " " + s.image() + " (payload "
                    + s.payloadDigest() + ", identity " + s.dockerReference() + ") with " + publicKey);
        }
        for (VerifiedAttestation a : attested) {
            getLog().info("Verified attestation " + (a.layer() + 1) + " of " + name + " " + a.image() + " ("
                    + a.predicateType() + ", envelope " + a.envelope() + ") with " + publicKey);
        }
    }
}
