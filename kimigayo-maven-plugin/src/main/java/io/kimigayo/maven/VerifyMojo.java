package io.kimigayo.maven;

import io.kimigayo.oci.pack.ImageReference;
import io.kimigayo.signing.ImageVerifier;
import io.kimigayo.signing.cosign.SignatureVerificationException;
import io.kimigayo.signing.cosign.VerifiedSignature;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Checks the image's cosign signatures against a public key: every blob of the image must be intact and at least
 * one signature must verify. Fails naming why each signature did not.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractKimigayoMojo {

    /** The public key ({@code kimigayo.pub}). */
    @Parameter(property = "kimigayo.publicKey", required = true)
    private File publicKey;

    /** The image (name:tag) to verify; default as pack-oci's. */
    @Parameter(property = "kimigayo.image")
    private String image;

    /** The name the signature must vouch for; default any. */
    @Parameter(property = "kimigayo.identity")
    private String identity;

    @Override
    protected String goal() {
        return "verify";
    }

    @Override
    protected void run() throws IOException, MojoFailureException {
        ImageReference reference = ProjectImage.of(image, project);
        List<VerifiedSignature> verified;
        try {
            verified = new ImageVerifier().verify(outputDirectory.toPath().resolve("image"), reference.tag(),
                    publicKey.toPath(), identity == null || identity.isBlank() ? null : identity.trim());
        } catch (SignatureVerificationException e) {
            throw new MojoFailureException("verify: " + e.getMessage(), e);
        }
        for (VerifiedSignature s : verified) {
            getLog().info("Verified signature " + (s.layer() + 1) + " of " + reference + " (payload " + s.payloadDigest()
                    + ", identity " + s.dockerReference() + ") with " + publicKey);
        }
    }
}
