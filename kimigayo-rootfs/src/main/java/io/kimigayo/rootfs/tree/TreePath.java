package io.kimigayo.rootfs.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A normalised absolute path inside an image's filesystem, such as {@code /usr/bin/env}.
 *
 * <p>Paths are normalised on creation: repeated and trailing slashes and {@code .} components are dropped and
 * {@code ..} is resolved lexically. A {@code ..} that would climb above the root is rejected, as is a NUL byte.
 * Relative input is taken relative to the root. Paths order component by component, so a directory sorts
 * directly before its contents.
 */
public final class TreePath implements Comparable<TreePath> {

    /** The root directory {@code /}. */
    public static final TreePath ROOT = new TreePath(List.of());

    private final List<String> components;

    private TreePath(List<String> components) {
        this.components = components;
    }

    /**
     * Parses and normalises a path.
     *
     * @throws InvalidPathException when the path is empty, holds a NUL byte or climbs above the root with {@code ..}
     */
    public static TreePath of(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidPathException("\"\"", "an image path must not be empty; use \"/\" for the root");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidPathException(path, "an image path must not contain a NUL byte");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidPathException(path,
                            "'..' climbs above the image root; give a path inside the image such as /opt/app");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return parts.isEmpty() ? ROOT : new TreePath(Collections.unmodifiableList(parts));
    }

    /** Resolves a relative path (for example a file name found while walking a directory) below this one. */
    public TreePath resolve(String relative) {
        if (relative.startsWith("/")) {
            throw new InvalidPathException(relative, "expected a path relative to " + this);
        }
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                throw new InvalidPathException(relative, "'..' is not allowed in a path below " + this);
            }
        }
        return of(this + "/" + relative);
    }

    public boolean isRoot() {
        return components.isEmpty();
    }

    /** The parent directory; the root has none. */
    public TreePath parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root directory has no parent");
        }
        return components.size() == 1 ? ROOT : new TreePath(components.subList(0, components.size() - 1));
    }

    /** The last component, or the empty string for the root. */
    public String fileName() {
        return isRoot() ? "" : components.get(components.size() - 1);
    }

    public int depth() {
        return components.size();
    }

    /** The ancestors of this path from the topmost directory below the root down to the direct parent. */
    public List<TreePath> ancestors() {
        List<TreePath> result = new ArrayList<>();
        for (int i = 1; i < components.size(); i++) {
            result.add(new TreePath(components.subList(0, i)));
        }
        return result;
    }

    /** Whether {@code other} lies strictly below this path. */
    public boolean isAncestorOf(TreePath other) {
        return other.components.size() > components.size()
                && other.components.subList(0, components.size()).equals(components);
    }

    /** The path without its leading slash, as tar entry names are written ({@code usr/bin/env}). */
    public String relativeName() {
        return String.join("/", components);
    }

    @Override
    public int compareTo(TreePath other) {
        int n = Math.min(components.size(), other.components.size());
        for (int i = 0; i < n; i++) {
            int c = components.get(i).compareTo(other.components.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(components.size(), other.components.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreePath p && p.components.equals(components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    @Override
    public String toString() {
        return "/" + relativeName();
    }
}
