package io.kimigayo.maven;

import io.kimigayo.signing.attestation.AttestationRequest;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.time.Instant;
import java.util.Map;

/**
 * The attestation inputs of a goal that signs: the outputs' fixed places ({@code sbom/}, {@code rootfs/}), the
 * plugin as the builder, the project, the goal's parameters and the build timestamp.
 */
final class AttestationInputs {

    private AttestationInputs() {
    }

    static AttestationRequest of(MavenProject project, File outputDirectory, String pluginGroupId,
                                 String pluginArtifactId, String pluginVersion, Map<String, String> parameters,
                                 Instant timestamp) {
        return new AttestationRequest(outputDirectory.toPath().resolve("sbom"),
                outputDirectory.toPath().resolve("rootfs"),
                new AttestationRequest.Coordinates(pluginGroupId, pluginArtifactId, pluginVersion),
                new AttestationRequest.Coordinates(project.getGroupId(), project.getArtifactId(),
                        project.getVersion()),
                parameters, timestamp);
    }
}
