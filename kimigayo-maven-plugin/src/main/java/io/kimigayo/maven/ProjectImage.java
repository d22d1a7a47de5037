package io.kimigayo.maven;

import io.kimigayo.oci.reference.ImageReference;
import org.apache.maven.project.MavenProject;

import java.util.Locale;

/** The image name the goals share: the configured {@code image}, else the artifactId (lower case) and version. */
final class ProjectImage {

    private ProjectImage() {
    }

    static ImageReference of(String configured, MavenProject project) {
        String name = configured != null && !configured.isBlank() ? configured
                : project.getArtifactId().toLowerCase(Locale.ROOT) + ":" + project.getVersion();
        return ImageReference.parseImageName(name);
    }
}
