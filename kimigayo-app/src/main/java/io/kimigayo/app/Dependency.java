package io.kimigayo.app;

import java.nio.file.Path;

/**
 * A runtime dependency of the application.
 *
 * @param file     the jar
 * @param groupId  its group, to tell apart jars that share a file name
 * @param snapshot whether it is a SNAPSHOT (snapshots get their own layer: they change more often)
 */
public record Dependency(Path file, String groupId, boolean snapshot) {
}
