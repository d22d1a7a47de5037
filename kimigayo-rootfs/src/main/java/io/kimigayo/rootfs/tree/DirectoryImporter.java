package io.kimigayo.rootfs.tree;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a directory on disk into a {@link FileTree}.
 *
 * <p>Nothing about the checkout leaks into the image except names, contents, link targets, the owner's execute bit
 * and the setuid/setgid/sticky bits: timestamps, owners and the umask-dependent group/other bits are replaced by
 * fixed values, so two checkouts of the same sources give the same tree. Symlinks are recorded as links and never
 * followed; files that share an inode become hard links to the first of them in path order.
 */
public final class DirectoryImporter {

    private static final int SPECIAL_BITS = 07000;
    /** setuid means nothing on a directory; setgid and sticky do. */
    private static final int DIRECTORY_SPECIAL_BITS = 03000;
    private static final int OWNER_EXECUTE = 0100;

    /** Adds the entries that {@code spec} selects to {@code tree} and returns the tree. */
    public FileTree importInto(FileTree tree, DirectoryImport spec) throws IOException {
        Path source = spec.source();
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(source + ": not a directory"
                    + (Files.isSymbolicLink(source) ? " (it is a symlink; name the real directory)" : "")
                    + "; a layer's directory must be an existing directory");
        }
        TreePath target = TreePath.of(spec.target());
        List<PathPattern> includes = spec.includes().stream().map(PathPattern::of).toList();
        List<PathPattern> excludes = spec.excludes().stream().map(PathPattern::of).toList();

        Map<String, Path> found = new TreeMap<>(DirectoryImporter::compareRelative);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source)) {
                    add(found, source, dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                add(found, source, file);
                return FileVisitResult.CONTINUE;
            }
        });

        Map<Object, TreePath> firstOfInode = new HashMap<>();
        for (Map.Entry<String, Path> e : found.entrySet()) {
            String rel = e.getKey();
            if (!selected(rel, includes, excludes)) {
                continue;
            }
            Path file = e.getValue();
            TreePath path = target.resolve(rel);
            int diskMode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(file)) {
                tree.put(path, new TreeEntry.Symlink(FileNames.linkTarget(file, Files.readSymbolicLink(file)),
                        spec.uid(), spec.gid()));
            } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                int mode = spec.directoryMode() != null ? spec.directoryMode() : 0755 | (diskMode & DIRECTORY_SPECIAL_BITS);
                tree.put(path, new TreeEntry.Directory(mode, spec.uid(), spec.gid()));
            } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                int links = (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
                if (links > 1) {
                    Object inode = Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS) + ":"
                            + Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                    TreePath first = firstOfInode.putIfAbsent(inode, path);
                    if (first != null) {
                        tree.put(path, new TreeEntry.Hardlink(first, spec.uid(), spec.gid()));
                        continue;
                    }
                }
                int mode = spec.fileMode() != null ? spec.fileMode()
                        : ((diskMode & OWNER_EXECUTE) != 0 ? 0755 : 0644) | (diskMode & SPECIAL_BITS);
                tree.put(path, new TreeEntry.RegularFile(Content.of(file), mode, spec.uid(), spec.gid()));
            } else {
                throw new IOException(file + ": not a regular file, directory or symlink (sockets, pipes and "
                        + "device nodes cannot be taken from a directory); exclude it from the layer");
            }
        }
        return tree;
    }

    private static boolean selected(String rel, List<PathPattern> includes, List<PathPattern> excludes) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matches(rel));
        return included && excludes.stream().noneMatch(p -> p.matches(rel));
    }

    /**
     * Records a file under its name read from its bytes ({@link FileNames}); two files never share a name, so two
     * names that the locale would have turned into the same string cannot become one entry.
     */
    private static void add(Map<String, Path> found, Path source, Path file) throws IOException {
        String rel = FileNames.relative(source, file);
        Path other = found.putIfAbsent(rel, file);
        if (other != null) {
            throw new IOException(FileNames.printable(file) + " and " + FileNames.printable(other) + " would both "
                    + "be " + rel + " in the image; rename one of them");
        }
    }

    /** Component-wise order, the same as {@link TreePath}'s, so hard link roles do not depend on the walk. */
    private static int compareRelative(String a, String b) {
        return TreePath.of(a).compareTo(TreePath.of(b));
    }
}
