package io.kimigayo.maven;

import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.PushRequest;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.oci.registry.RegistryAccess;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.util.List;

/**
 * Pushes the image pack-oci wrote (and its cosign signatures, after it) to a registry over the OCI distribution
 * API, without a daemon. Blobs the registry has are not sent again; base layers from the same registry are mounted.
 * Credentials: a settings.xml server ({@code serverId}, else the registry's host as id), then docker's config.json
 * ({@code credHelpers}, {@code credsStore}, {@code auths}). They are never logged.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractRegistryMojo {

    /**
     * Where to push: {@code registry/repository[:tag]}, e.g. {@code registry.example/team/app:1.0}. Without a tag,
     * the image's tag is used.
     */
    @Parameter(property = "kimigayo.to")
    private String to;

    /** More tags to push the same image under. */
    @Parameter(property = "kimigayo.tags")
    private List<String> tags;

    /** The image (name:tag) whose tag in the layout is pushed; default as pack-oci's. */
    @Parameter(property = "kimigayo.image")
    private String image;

    @Override
    protected String goal() {
        return "push";
    }

    @Override
    protected void run() throws IOException {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("no target; set <to> or -Dkimigayo.to=registry.example/team/app:1.0");
        }
        ImageReference local = ProjectImage.of(image, project);
        RegistryAccess access = registryAccess(null);
        report(new ImagePusher().push(PushRequest.to(to, outputDirectory.toPath().resolve("image"), local.tag(),
                tags, access)));
    }

    private void report(PushResult result) {
        getLog().info("Blobs: " + result.blobsUploaded() + " uploaded (" + result.bytesUploaded() + " bytes), "
                + result.blobsMounted() + " mounted, " + result.blobsPresent() + " already there; "
                + result.manifestsPut() + " manifests stored; " + result.requests() + " requests");
        for (String signatureTag : result.signatureTags()) {
            getLog().info("Signatures: " + result.reference().repository() + ":" + signatureTag);
        }
        for (String attestationTag : result.attestationTags()) {
            getLog().info("Attestations: " + result.reference().repository() + ":" + attestationTag);
        }
        for (String tag : result.tags()) {
            getLog().info("Pushed " + result.reference().repository() + ":" + tag + "@" + result.digest());
        }
        result.platformTags().forEach((tag, digest) -> getLog().info("Pushed " + result.reference().repository()
                + ":" + tag + "@" + digest + " (one platform's manifest)"));
        getLog().info("Digest: " + result.digest());
    }
}
