package io.kimigayo.rootfs.assemble;

import java.nio.file.Path;

/**
 * A file or directory of the user's added to the rootfs.
 *
 * @param source a file or a directory on disk
 * @param target where it goes in the image; for a directory, where its contents go
 * @param mode   permission bits for the file (for a directory source: for its files), or {@code null} for 0755/0644
 *               by the owner's execute bit
 * @param uid    owner
 * @param gid    group
 */
public record FileAddition(Path source, String target, Integer mode, int uid, int gid) {
}
