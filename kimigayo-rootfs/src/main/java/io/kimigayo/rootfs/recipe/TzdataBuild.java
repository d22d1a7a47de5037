package io.kimigayo.rootfs.recipe;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The compiled time-zone database in the build cache: {@code zoneinfo/} as it goes to {@link #PATH}, with a TZif
 * file per zone, a relative symlink per link name (tzdata's {@code Link} lines, {@code posixrules}) and the tables.
 *
 * @param entry the cache entry
 */
public record TzdataBuild(Path entry) {

    /** Where the database goes in the rootfs. */
    public static final String PATH = "/usr/share/zoneinfo";

    public Path zoneinfo() {
        return entry.resolve("zoneinfo");
    }

    /** The zones: the TZif files (regular files but the {@code .tab} tables). */
    public long zones() throws IOException {
        return files().stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && !p.getFileName().toString().endsWith(".tab")).count();
    }

    /** The link names: symlinks to a zone. */
    public long links() throws IOException {
        return files().stream().filter(Files::isSymbolicLink).count();
    }

    /** The bytes of the regular files. */
    public long bytes() throws IOException {
        long total = 0;
        for (Path p : files()) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                total += Files.size(p);
            }
        }
        return total;
    }

    /** Adds the database at {@link #PATH}: files 0644 root, symlinks as they are, in the order of their names. */
    public void addTo(FileTree tree) throws IOException {
        Path root = zoneinfo();
        for (Path p : files()) {
            String target = PATH + "/" + root.relativize(p).toString();
            if (Files.isSymbolicLink(p)) {
                tree.addSymlink(target, Files.readSymbolicLink(p).toString(), 0, 0);
            } else {
                tree.addFile(target, Content.of(p), 0644, 0, 0);
            }
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(zoneinfo())) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }
}
