package io.kimigayo.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A runtime dependency of the application.
 *
 * @param file       the jar (or, for a project of the same build that was not packaged, its classes directory)
 * @param groupId    its group
 * @param artifactId its artifact
 * @param version    its version
 * @param classifier its classifier, or empty
 * @param kind       which layer it goes to
 */
public record Dependency(Path file, String groupId, String artifactId, String version, String classifier,
                         Kind kind) {

    /** Which layer a dependency goes to: each changes at its own pace, so each is its own layer (as Jib does). */
    public enum Kind {
        /** A released artifact: changes only when the pom does. */
        RELEASE,
        /** A SNAPSHOT from a repository: changes more often. */
        SNAPSHOT,
        /** A project of the same (multi-module) build: changes with the code. */
        PROJECT
    }

    public Dependency {
        Objects.requireNonNull(file, "file");
        groupId = groupId == null ? "" : groupId;
        artifactId = artifactId == null ? "" : artifactId;
        version = version == null ? "" : version;
        classifier = classifier == null ? "" : classifier;
        kind = kind == null ? Kind.RELEASE : kind;
    }

    /** {@code groupId:artifactId}. */
    public String coordinates() {
        return groupId + ":" + artifactId;
    }

    /** Whether the file is a classes directory rather than a jar. */
    public boolean isDirectory() {
        return Files.isDirectory(file);
    }
}
