package io.kimigayo.maven;

import io.kimigayo.rootfs.prebuilt.PrebuiltResolver;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the prebuilt Kimigayo OS ({@code io.kimigayo:kimigayo-os:<version>}) through Maven: the local repository
 * first, then the project's repositories, with Maven's checksums, offline mode and mirrors.
 */
final class MavenPrebuiltResolver implements PrebuiltResolver {

    static final String GROUP_ID = "io.kimigayo";
    static final String ARTIFACT_ID = "kimigayo-os";

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final String version;

    MavenPrebuiltResolver(RepositorySystem system, RepositorySystemSession session,
                          List<RemoteRepository> repositories, String version) {
        this.system = system;
        this.session = session;
        this.repositories = repositories == null ? List.of() : List.copyOf(repositories);
        this.version = version;
    }

    @Override
    public Path resolve(String classifier, String extension) throws IOException {
        DefaultArtifact artifact = new DefaultArtifact(GROUP_ID, ARTIFACT_ID, classifier, extension, version);
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            String why = e.getMessage();
            if (session.isOffline()) {
                why = "Maven is offline and the local repository does not have it";
            }
            throw new IOException(why, e);
        }
    }

    @Override
    public String coordinates(String classifier, String extension) {
        return GROUP_ID + ":" + ARTIFACT_ID + ":" + version + ":" + extension + ":" + classifier;
    }
}
