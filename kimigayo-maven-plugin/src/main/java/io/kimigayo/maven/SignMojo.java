package io.kimigayo.maven;

import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.signing.ImageSigner;
import io.kimigayo.signing.SignRequest;
import io.kimigayo.signing.SignResult;
import io.kimigayo.signing.SignatureFormat;
import io.kimigayo.signing.attestation.AttestationOutcome;
import io.kimigayo.signing.cosign.SignatureOutcome;
import io.kimigayo.signing.key.KeyPassword;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signs the image that pack-oci wrote: cosign format by default (stored in the OCI layout as
 * {@code sha256-<hex>.sig}, with the image's in-toto attestations as {@code sha256-<hex>.att}), or containers/image
 * OpenPGP simple signing into a lookaside directory. The key's
 * password comes from the environment ({@code KIMIGAYO_PASSWORD}, else {@code COSIGN_PASSWORD}) or from a
 * settings.xml server ({@code passwordServerId}); it is never logged.
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SignMojo extends AbstractKimigayoMojo {

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    /** cosign: the private key ({@code kimigayo.key} or a PEM EC key); openpgp: a secret key ring from gpg. */
    @Parameter(property = "kimigayo.key")
    private File key;

    /** {@code cosign} or {@code openpgp}. */
    @Parameter(property = "kimigayo.signatureFormat", defaultValue = "cosign")
    private String signatureFormat;

    /** The image (name:tag) whose tag in the layout is signed; default as pack-oci's. */
    @Parameter(property = "kimigayo.image")
    private String image;

    /**
     * The name the signature vouches for. Default: the image's repository (cosign) or the image reference with
     * tag (openpgp). Set it to where the image will be pulled from, e.g. {@code registry.example/team/app}.
     */
    @Parameter(property = "kimigayo.identity")
    private String identity;

    /** A settings.xml server whose password is the key's password. */
    @Parameter(property = "kimigayo.passwordServerId")
    private String passwordServerId;

    /** openpgp: the key id or fingerprint in the key ring; default the first key that can sign. */
    @Parameter(property = "kimigayo.gpgKeyId")
    private String gpgKeyId;

    /** openpgp: the lookaside directory the signatures are written to. */
    @Parameter(property = "kimigayo.lookaside", defaultValue = "${project.build.directory}/kimigayo/signatures")
    private File lookaside;

    /**
     * cosign: when the image is an image index (several {@code platforms}), sign each platform's manifest too, each
     * under its own {@code sha256-<hex>.sig}, as {@code cosign sign --recursive} does; the index itself is always
     * signed.
     */
    @Parameter(property = "kimigayo.platformSignatures", defaultValue = "false")
    private boolean platformSignatures;

    /** cosign: optional annotations in the signed payload. */
    @Parameter
    private Map<String, String> signatureAnnotations;

    /**
     * cosign: also attest the image, as {@code cosign attest} does: a CycloneDX SBOM attestation (from
     * {@code sbom/image.cdx.json}, or {@code sbom/image-<os>-<arch>.cdx.json} per platform) and a SLSA provenance v1
     * attestation, in-toto statements in DSSE envelopes signed with the same key, stored as
     * {@code sha256-<hex>.att}.
     */
    @Parameter(property = "kimigayo.attest", defaultValue = "true")
    private boolean attest;

    @Parameter(defaultValue = "${plugin.groupId}", readonly = true)
    private String pluginGroupId;

    @Parameter(defaultValue = "${plugin.artifactId}", readonly = true)
    private String pluginArtifactId;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Override
    protected String goal() {
        return "sign";
    }

    @Override
    protected void run() throws IOException, MojoFailureException {
        if (key == null) {
            throw new MojoFailureException("sign: no key; set <key> or -Dkimigayo.key (create one with "
                    + "mvn kimigayo:generate-key-pair)");
        }
        SignResult result;
        try (KeyPassword password = password()) {
            SignatureFormat format = SignatureFormat.parse(signatureFormat);
            ImageReference reference = ProjectImage.of(image, project);
            String vouchedFor = identity != null && !identity.isBlank() ? identity.trim()
                    : format == SignatureFormat.COSIGN ? reference.name() : reference.toString();
            SignRequest request = new SignRequest(outputDirectory.toPath().resolve("image"),
                    reference.tag(), vouchedFor, format, key.toPath(), password.chars(), gpgKeyId,
                    lookaside.toPath(), timestamp().instant(), signatureAnnotations, platformSignatures);
            if (attest && format == SignatureFormat.COSIGN) {
                Map<String, String> parameters = new TreeMap<>();
                parameters.put("image", reference.toString());
                parameters.put("identity", vouchedFor);
                parameters.put("signatureFormat", "cosign");
                parameters.put("platformSignatures", Boolean.toString(platformSignatures));
                request = request.withAttestations(AttestationInputs.of(project, outputDirectory, pluginGroupId,
                        pluginArtifactId, pluginVersion, parameters, timestamp().instant()));
            }
            result = new ImageSigner().sign(request);
        }
        getLog().info((result.added() ? "Signed " : "Already signed ") + result.imageDigest() + " ("
                + result.format().name().toLowerCase(Locale.ROOT) + "): " + result.location());
        for (SignatureOutcome platform : result.platformSignatures()) {
            getLog().info((platform.added() ? "Signed " : "Already signed ") + "platform manifest "
                    + platform.imageDigest() + ": " + outputDirectory.toPath().resolve("image") + ":"
                    + platform.signatureTag());
        }
        for (AttestationOutcome a : result.attestations()) {
            getLog().info((a.added() > 0 ? "Attested " : "Already attested ") + a.imageDigest() + " ("
                    + String.join(", ", a.predicateTypes()) + "): " + outputDirectory.toPath().resolve("image") + ":"
                    + a.attestationTag());
            if (a.sboms().isEmpty()) {
                getLog().warn("No SBOM for " + a.imageDigest() + " in " + outputDirectory.toPath().resolve("sbom")
                        + ": it has a SLSA provenance attestation but no CycloneDX one; SBOMs are written for images "
                        + "packed on Kimigayo OS (<from>rootfs</from>): pack it so, then sign again");
            }
        }
        if (result.registriesD() != null) {
            getLog().info("registries.d snippet for readers of the lookaside:\n" + result.registriesD());
        }
    }

    private KeyPassword password() throws MojoFailureException {
        String fromSettings = null;
        if (passwordServerId != null && !passwordServerId.isBlank()) {
            Server server = settings.getServer(passwordServerId);
            if (server == null) {
                throw new MojoFailureException("sign: settings.xml has no <server> with id " + passwordServerId);
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            fromSettings = Optional.ofNullable(decrypted.getServer()).map(Server::getPassword).orElse(null);
            if (fromSettings == null) {
                throw new MojoFailureException("sign: settings.xml server " + passwordServerId + " has no password");
            }
        }
        return KeyPassword.find(fromSettings, System.getenv()).orElseGet(() -> KeyPassword.of(new char[0],
                "none (plain keys need none)"));
    }
}
