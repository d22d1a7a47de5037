package io.kimigayo.app.java;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.elf.ElfFile;
import io.kimigayo.rootfs.elf.ElfLinkage;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adds to a runtime tree exactly the shared libraries its ELF files need, found the way the dynamic loader finds
 * them: a library already loaded under that SONAME, then the needing file's DT_RPATH / DT_RUNPATH ({@code $ORIGIN}
 * expanded), then the system directories. Libraries the tree lacks are taken from the file at the same path under
 * the target machine's root: the build machine's own {@code /} for a runtime of its machine, a sysroot of the
 * target's libraries for another machine (a JDK linked against glibc needs glibc's loader and libraries). Links in a
 * sysroot are followed inside it, never out to the build machine's files. Each library is recorded with its digest
 * and origin. A runtime whose programs use musl's loader needs none of that and gets nothing.
 */
public final class NativeDependencies {

    private static final String MUSL_LOADER_PREFIX = "/lib/ld-musl-";

    private final Path hostRoot;

    /**
     * @param hostRoot where the target machine's libraries are: the build machine's root directory ({@code /}) for
     *                 its own machine, a sysroot for another (tests may point elsewhere)
     */
    public NativeDependencies(Path hostRoot) {
        this.hostRoot = hostRoot;
    }

    /** The system library directories the loader searches, for a machine. */
    public static List<String> systemDirectories(String arch) {
        String triplet = arch + "-linux-gnu";
        return List.of("/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib");
    }

    /**
     * Adds the needed libraries to {@code tree} and returns what was added.
     *
     * @throws NativeBuildException naming every library that could not be found and who needs it
     */
    public List<NativeLibrary> addTo(FileTree tree, String arch) throws IOException {
        Deque<TreePath> queue = new ArrayDeque<>();
        Set<String> loaded = new HashSet<>();
        // Each ELF file is read once, and only what the loader reads of it.
        Map<TreePath, ElfLinkage> parsed = new HashMap<>();
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            if (e.getValue() instanceof TreeEntry.RegularFile file && ElfFile.isElf(file.content())) {
                queue.add(e.getKey());
                ElfLinkage elf = ElfFile.readLinkage(e.getKey().toString(), file.content());
                parsed.put(e.getKey(), elf);
                elf.dynamic().soname().ifPresent(loaded::add);
            }
        }
        if (usesMusl(queue, parsed)) {
            return List.of();
        }
        if (!Files.isDirectory(hostRoot)) {
            throw new NativeBuildException("the libraries of " + arch + " programs are looked up in " + hostRoot
                    + ", which does not exist; unpack that machine's libc6 and the libraries the JDK needs there "
                    + "(Debian: apt-get download libc6:" + debianName(arch) + " zlib1g:" + debianName(arch)
                    + " libgcc-s1:" + debianName(arch) + " libstdc++6:" + debianName(arch)
                    + ", then dpkg-deb -x each into it), or name another directory");
        }
        List<NativeLibrary> added = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<TreePath> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            TreePath path = queue.removeFirst();
            Optional<TreeEntry.RegularFile> file = regularFile(tree, path);
            if (file.isEmpty() || !ElfFile.isElf(file.get().content())) {
                continue;
            }
            ElfLinkage elf = parsed.containsKey(path) ? parsed.get(path)
                    : ElfFile.readLinkage(path.toString(), file.get().content());
            Optional<String> interpreter = elf.interpreter();
            if (interpreter.isPresent() && tree.get(interpreter.get()).isEmpty()) {
                NativeLibrary loader = addFromHost(tree, TreePath.of(interpreter.get()), path);
                added.add(loader);
                loaded.add(TreePath.of(interpreter.get()).fileName());
                enqueue(queue, seen, TreePath.of(interpreter.get()));
            }
            for (String needed : elf.dynamic().needed()) {
                if (loaded.contains(needed)) {
                    continue;
                }
                Optional<TreePath> found = find(tree, path, elf, needed, arch);
                if (found.isEmpty()) {
                    missing.add(needed + " (needed by " + path + ")");
                    continue;
                }
                loaded.add(needed);
                if (tree.get(found.get()).isEmpty()) {
                    added.add(addFromHost(tree, found.get(), path));
                }
                enqueue(queue, seen, found.get());
            }
        }
        if (!missing.isEmpty()) {
            if (isBuildMachine()) {
                throw new NativeBuildException("the Java runtime needs shared libraries that are neither in it nor "
                        + "on this machine: " + String.join(", ", missing) + ". Install them, or leave out the "
                        + "modules that need them");
            }
            throw new NativeBuildException("the Java runtime for " + arch + " needs shared libraries that are "
                    + "neither in it nor in " + hostRoot + ": " + String.join(", ", missing) + ". Install them "
                    + "there (from the " + debianName(arch) + " packages that hold them: apt-get download <package>:"
                    + debianName(arch) + ", then dpkg-deb -x into it), or leave out the modules that need them");
        }
        return added;
    }

    private static boolean usesMusl(Deque<TreePath> elfFiles, Map<TreePath, ElfLinkage> parsed) {
        for (TreePath path : elfFiles) {
            Optional<String> interpreter = parsed.get(path).interpreter();
            if (interpreter.isPresent()) {
                return interpreter.get().startsWith(MUSL_LOADER_PREFIX);
            }
        }
        return false;
    }

    private Optional<TreePath> find(FileTree tree, TreePath needer, ElfLinkage elf, String name, String arch) {
        if (name.contains("/")) {
            TreePath path = TreePath.of(name);
            return tree.get(path).isPresent() || hostFile(path).isPresent() ? Optional.of(path) : Optional.empty();
        }
        List<String> searchPath = new ArrayList<>();
        String runpath = elf.dynamic().runpath().orElse(null);
        String rpath = runpath == null ? elf.dynamic().rpath().orElse(null) : null;
        for (String list : new String[] {rpath, runpath}) {
            if (list != null) {
                for (String dir : list.split(":")) {
                    if (!dir.isEmpty()) {
                        searchPath.add(dir.replace("$ORIGIN", needer.parent().toString())
                                .replace("${ORIGIN}", needer.parent().toString()));
                    }
                }
            }
        }
        for (String dir : searchPath) {
            TreePath candidate = TreePath.of(dir + "/" + name);
            if (regularFile(tree, candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        for (String dir : systemDirectories(arch)) {
            TreePath candidate = TreePath.of(dir + "/" + name);
            if (tree.get(candidate).isPresent() || hostFile(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The regular file at {@code path}, following the tree's symlinks and hard links as the loader would (a
     * library is often reached through a symlink named by its SONAME); empty for anything else or a dangling link.
     */
    private static Optional<TreeEntry.RegularFile> regularFile(FileTree tree, TreePath path) {
        TreePath current = path;
        for (int hops = 0; hops < 40; hops++) {
            TreeEntry entry = tree.get(current).orElse(null);
            if (entry instanceof TreeEntry.RegularFile file) {
                return Optional.of(file);
            }
            if (entry instanceof TreeEntry.Hardlink link) {
                current = link.target();
            } else if (entry instanceof TreeEntry.Symlink link) {
                String target = link.target();
                try {
                    current = target.startsWith("/") ? TreePath.of(target)
                            : TreePath.of(current.parent() + "/" + target);
                } catch (RuntimeException climbsAboveRoot) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<Path> hostFile(TreePath path) {
        if (isBuildMachine()) {
            Path file = hostRoot.resolve(path.relativeName());
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        return inRoot(path.relativeName());
    }

    private boolean isBuildMachine() {
        return hostRoot.toAbsolutePath().normalize().equals(hostRoot.getFileSystem().getPath("/"));
    }

    /**
     * The regular file at {@code relative} under the root, following links as the target machine would see them:
     * an absolute link target starts again from the root, and {@code ..} never climbs above it.
     */
    private Optional<Path> inRoot(String relative) {
        java.util.List<String> todo = new ArrayList<>(List.of(relative.split("/")));
        java.util.List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.remove(0);
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path current = hostRoot.resolve(String.join("/", done)).resolve(part);
            if (Files.isSymbolicLink(current)) {
                if (++links > 40) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = Files.readSymbolicLink(current).toString();
                } catch (IOException e) {
                    return Optional.empty();
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                todo.addAll(0, List.of(target.split("/")));
                continue;
            }
            done.add(part);
        }
        Path file = hostRoot.resolve(String.join("/", done));
        return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Optional.of(file)
                : Optional.empty();
    }

    private static String debianName(String arch) {
        return switch (arch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private NativeLibrary addFromHost(FileTree tree, TreePath path, TreePath neededBy) throws IOException {
        Path file = hostFile(path).orElseThrow(() -> new NativeBuildException(path + " (needed by " + neededBy
                + ") is not " + (isBuildMachine() ? "on this machine" : "in " + hostRoot)));
        Path real = isBuildMachine() ? file.toRealPath() : file;
        tree.put(path, new TreeEntry.RegularFile(Content.of(real), 0755, 0, 0));
        return new NativeLibrary(path.toString(), real.toString(), Sha256.hex(real), neededBy.toString());
    }

    private static void enqueue(Deque<TreePath> queue, Set<TreePath> seen, TreePath path) {
        if (seen.add(path)) {
            queue.add(path);
        }
    }
}
