package io.kimigayo.rootfs.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one currency between Kimigayo's stages: an ordered map from absolute path to {@link TreeEntry}.
 *
 * <p>Rules, so that every producer gets the same result for the same input:
 * <ul>
 *   <li>Adding a path creates its missing parents as directories (mode 0755, owner 0:0).</li>
 *   <li>A later entry replaces an earlier one at the same path; a directory replaced by anything else takes its
 *       contents with it, while a directory replaced by a directory keeps them.</li>
 *   <li>Writing never follows a symlink already in the tree: adding {@code /a/b} when {@code /a} is a symlink is an
 *       error, as is adding below a regular file.</li>
 *   <li>A hard link must point at a regular file already in the tree.</li>
 *   <li>Merging another tree ({@link #putAll}) puts its entries as a later layer would, except the directories it
 *       only created as parents: where this tree has a directory or a symlink there, this tree's entry stays.</li>
 * </ul>
 * Iteration is in path order, parents before their contents. The root directory itself is implicit.
 */
public final class FileTree {

    /** Mode of directories created implicitly as parents. */
    public static final int IMPLICIT_DIRECTORY_MODE = 0755;

    private final NavigableMap<TreePath, TreeEntry> entries = new TreeMap<>();
    /** Directories created only because something was added below them. */
    private final Set<TreePath> implicitDirectories = new HashSet<>();

    public FileTree() {
    }

    /** Adds or replaces the entry at {@code path}, creating missing parents. */
    public FileTree put(TreePath path, TreeEntry entry) {
        if (path.isRoot()) {
            throw new InvalidPathException("/", "the root directory is implicit and cannot be replaced");
        }
        if (entry instanceof TreeEntry.Hardlink link) {
            TreeEntry target = entries.get(link.target());
            if (!(target instanceof TreeEntry.RegularFile)) {
                throw new InvalidPathException(path.toString(), "hard link target " + link.target()
                        + (target == null ? " is not in the image" : " is a " + target.kind())
                        + "; a hard link must point at a regular file added before it");
            }
        }
        for (TreePath ancestor : path.ancestors()) {
            TreeEntry existing = entries.get(ancestor);
            if (existing == null) {
                entries.put(ancestor, new TreeEntry.Directory(IMPLICIT_DIRECTORY_MODE, 0, 0));
                implicitDirectories.add(ancestor);
            } else if (!existing.isDirectory()) {
                throw new InvalidPathException(path.toString(), ancestor + " is a " + existing.kind()
                        + " in the image, not a directory; Kimigayo never writes through a "
                        + existing.kind() + ". Add the entry at its real location instead");
            }
        }
        TreeEntry previous = entries.get(path);
        if (previous != null && previous.isDirectory() && !entry.isDirectory()) {
            removeBelow(path);
        }
        entries.put(path, entry);
        implicitDirectories.remove(path);
        return this;
    }

    public FileTree put(String path, TreeEntry entry) {
        return put(TreePath.of(path), entry);
    }

    public FileTree addFile(String path, Content content, int mode, int uid, int gid) {
        return put(path, new TreeEntry.RegularFile(content, mode, uid, gid));
    }

    public FileTree addDirectory(String path, int mode, int uid, int gid) {
        return put(path, new TreeEntry.Directory(mode, uid, gid));
    }

    public FileTree addSymlink(String path, String target, int uid, int gid) {
        return put(path, new TreeEntry.Symlink(target, uid, gid));
    }

    public FileTree addHardlink(String path, String target, int uid, int gid) {
        return put(path, new TreeEntry.Hardlink(TreePath.of(target), uid, gid));
    }

    /**
     * Adds every entry of {@code other} as a later layer would: in path order, hard links after the files they
     * point at; a directory {@code other} only created as a parent does not replace a directory or symlink this tree has.
     */
    public FileTree putAll(FileTree other) {
        List<Map.Entry<TreePath, TreeEntry>> links = new ArrayList<>();
        for (Map.Entry<TreePath, TreeEntry> e : other.entries.entrySet()) {
            if (e.getValue() instanceof TreeEntry.Hardlink) {
                links.add(e);
            } else if (!(other.implicitDirectories.contains(e.getKey()) && keepsOwnEntry(e.getKey()))) {
                put(e.getKey(), e.getValue());
                if (other.implicitDirectories.contains(e.getKey())) {
                    implicitDirectories.add(e.getKey());
                }
            }
        }
        links.forEach(e -> put(e.getKey(), e.getValue()));
        return this;
    }

    /**
     * Whether this tree's entry stands against another tree's implicit parent directory: a directory keeps its
     * attributes, and a symlink stays so that nothing is written through it (adding below it then fails).
     */
    private boolean keepsOwnEntry(TreePath path) {
        TreeEntry own = entries.get(path);
        return own != null && (own.isDirectory() || own instanceof TreeEntry.Symlink);
    }

    /** Removes the entry at {@code path} and, for a directory, everything below it. */
    public FileTree remove(TreePath path) {
        removeBelow(path);
        entries.remove(path);
        implicitDirectories.remove(path);
        return this;
    }

    private void removeBelow(TreePath directory) {
        // Paths order component by component, so everything below a directory directly follows it.
        var below = entries.tailMap(directory, false).keySet().iterator();
        while (below.hasNext()) {
            TreePath next = below.next();
            if (!directory.isAncestorOf(next)) {
                break;
            }
            below.remove();
            implicitDirectories.remove(next);
        }
    }

    public Optional<TreeEntry> get(TreePath path) {
        return Optional.ofNullable(entries.get(path));
    }

    public Optional<TreeEntry> get(String path) {
        return get(TreePath.of(path));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The entries in path order; parents come before their contents. */
    public Map<TreePath, TreeEntry> entries() {
        return Collections.unmodifiableNavigableMap(entries);
    }

    /** The paths in order. */
    public List<TreePath> paths() {
        return new ArrayList<>(entries.keySet());
    }
}
