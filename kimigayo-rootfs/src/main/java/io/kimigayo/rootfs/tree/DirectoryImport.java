package io.kimigayo.rootfs.tree;

import java.nio.file.Path;
import java.util.List;

/**
 * What to take from a directory on disk and where to put it in the image.
 *
 * @param source        the directory to read
 * @param target        where its contents go in the image, for example {@code /app}
 * @param includes      Ant-style patterns of paths to take (relative to {@code source}); empty means everything
 * @param excludes      Ant-style patterns of paths to leave out
 * @param fileMode      permission bits for every file, or {@code null} for 0755 when the owner may execute the file
 *                      on disk and 0644 otherwise (setuid, setgid and sticky bits are kept)
 * @param directoryMode permission bits for every directory, or {@code null} for 0755 (setgid and sticky kept)
 * @param uid           owner of every entry
 * @param gid           group of every entry
 */
public record DirectoryImport(Path source, String target, List<String> includes, List<String> excludes,
                              Integer fileMode, Integer directoryMode, int uid, int gid) {

    public DirectoryImport {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        target = target == null || target.isBlank() ? "/" : target;
    }

    /** Everything below {@code source}, placed at {@code target}, owned by root, with default modes. */
    public static DirectoryImport of(Path source, String target) {
        return of(source, target, List.of(), List.of());
    }

    /**
     * The paths below {@code source} that the patterns select, placed at {@code target}, owned by root, with
     * default modes.
     */
    public static DirectoryImport of(Path source, String target, List<String> includes, List<String> excludes) {
        return new DirectoryImport(source, target, includes, excludes, null, null, 0, 0);
    }
}
