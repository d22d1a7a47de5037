package io.kimigayo.app.uptodate;

import io.kimigayo.app.ApplicationRequest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.nativebuild.TargetArch;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a build reads that its request does not name: the code that builds (the plugin's and its libraries' jars), the
 * JVM that runs it (its version and every native library it has mapped, zlib among them), and the C toolchain of each
 * machine (the executables {@code gcc}, {@code ld} and {@code make} found on the PATH, by content). The JDKs that make
 * the runtimes are named by the request and are in the key with their whole tree.
 */
public final class Identity {

    private Identity() {
    }

    /** The identity items of a build of {@code request}, by name, as values {@link BuildInputs} writes. */
    public static Map<String, Object> of(ApplicationRequest request) throws IOException {
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("code", codeLocations());
        Map<String, String> jvm = new TreeMap<>();
        for (String p : List.of("java.home", "java.vm.name", "java.vm.vendor", "java.vm.version",
                "java.runtime.version", "os.arch", "os.name", "file.encoding", "sun.jnu.encoding")) {
            jvm.put(p, String.valueOf(System.getProperty(p)));
        }
        items.put("jvm", jvm);
        items.put("jvm.mapped", mappedLibraries());
        String path = System.getenv("PATH");
        items.put("PATH", String.valueOf(path));
        Set<String> tools = new LinkedHashSet<>();
        for (RootfsRequest rootfs : request.rootfs()) {
            TargetArch target = TargetArch.parse(rootfs.arch() == null ? TargetArch.host().id() : rootfs.arch());
            String prefix = target == TargetArch.host() ? "" : target.gnuTriplet() + "-";
            tools.add(prefix + "gcc");
            tools.add(prefix + "ld");
        }
        tools.add("make");
        Map<String, Object> toolchain = new TreeMap<>();
        List<Path> executables = new ArrayList<>();
        for (String tool : tools) {
            Path found = onPath(tool, path);
            toolchain.put(tool, found == null ? "absent" : found);
            if (found != null) {
                executables.add(found);
            }
        }
        // the time zones' compiler, asked for its version by every build (TzdataRecipe looks in these two places)
        for (String dir : List.of("/usr/sbin", "/usr/bin")) {
            Path zic = Path.of(dir, "zic");
            if (Files.isExecutable(zic)) {
                toolchain.put("zic", zic);
                executables.add(zic);
                break;
            }
        }
        items.put("toolchain", toolchain);
        items.put("toolchain.libraries", libraries(executables));
        // what the SBOM says of the libraries copied from each machine's root: its dpkg database and os-release
        Set<Path> roots = new LinkedHashSet<>();
        for (RootfsRequest rootfs : request.rootfs()) {
            String arch = rootfs.arch() == null ? TargetArch.host().id() : rootfs.arch();
            roots.add(request.runtime().sysrootFor(arch, TargetArch.host().id()));
        }
        Map<String, Object> packages = new TreeMap<>();
        for (Path root : roots) {
            packages.put(root.toString(), dpkgDatabase(root));
        }
        items.put("packages", packages);
        return items;
    }

    /** The files {@link io.kimigayo.app.java.DebianPackages} reads under a root. */
    static List<Path> dpkgDatabase(Path root) throws IOException {
        List<Path> files = new ArrayList<>(List.of(root.resolve("etc/os-release"), root.resolve("usr/lib/os-release"),
                root.resolve("var/lib/dpkg/status")));
        Path info = root.resolve("var/lib/dpkg/info");
        if (Files.isDirectory(info)) {
            try (var lists = Files.newDirectoryStream(info, "*.list")) {
                List<Path> sorted = new ArrayList<>();
                lists.forEach(sorted::add);
                sorted.sort(null);
                files.addAll(sorted);
            }
        }
        return files;
    }

    /**
     * The shared libraries the host's executables load, as the dynamic loader finds them (RUNPATH or RPATH, then the
     * system directories), and their loader: what {@code ld --version} and the rest run with.
     */
    static List<Path> libraries(List<Path> executables) throws IOException {
        Set<Path> found = new java.util.TreeSet<>();
        java.util.Deque<Path> queue = new java.util.ArrayDeque<>();
        for (Path e : executables) {
            queue.add(e.toRealPath());
        }
        Set<Path> seen = new LinkedHashSet<>();
        List<String> system = io.kimigayo.app.java.NativeDependencies.systemDirectories(TargetArch.host().id());
        while (!queue.isEmpty()) {
            Path file = queue.poll();
            if (!seen.add(file) || !io.kimigayo.rootfs.elf.ElfFile.isElf(file)) {
                continue;
            }
            io.kimigayo.rootfs.elf.ElfLinkage elf = io.kimigayo.rootfs.elf.ElfFile.readLinkage(file.toString(),
                    io.kimigayo.rootfs.tree.Content.of(file));
            List<String> dirs = new ArrayList<>();
            String runpath = elf.dynamic().runpath().orElse(null);
            String rpath = runpath == null ? elf.dynamic().rpath().orElse(null) : null;
            for (String list : new String[] {rpath, runpath}) {
                if (list != null) {
                    for (String d : list.split(":")) {
                        dirs.add(d.replace("${ORIGIN}", file.getParent().toString())
                                .replace("$ORIGIN", file.getParent().toString()));
                    }
                }
            }
            dirs.addAll(system);
            elf.interpreter().ifPresent(i -> {
                found.add(Path.of(i));
                queue.add(Path.of(i));
            });
            for (String needed : elf.dynamic().needed()) {
                for (String d : dirs) {
                    Path candidate = Path.of(d, needed);
                    if (Files.isRegularFile(candidate)) {
                        found.add(candidate);
                        queue.add(candidate.toRealPath());
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** The jars (or class directories) this code and its libraries are loaded from. */
    static List<Path> codeLocations() {
        Set<Path> locations = new LinkedHashSet<>();
        ClassLoader loader = Identity.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                if ("file".equals(url.getProtocol())) {
                    try {
                        locations.add(Path.of(url.toURI()));
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        locations.add(Path.of(url.getPath()));
                    }
                }
            }
        } else {
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    locations.add(Path.of(entry).toAbsolutePath().normalize());
                }
            }
        }
        // the classes of this module and the libraries it calls, wherever the class loader found them
        for (Class<?> c : List.of(Identity.class, ApplicationRequest.class, RootfsRequest.class,
                io.kimigayo.oci.pack.ImagePacker.class, io.kimigayo.signing.ImageSigner.class,
                io.kimigayo.core.hash.Sha256.class)) {
            try {
                var source = c.getProtectionDomain().getCodeSource();
                if (source != null && source.getLocation() != null) {
                    locations.add(Path.of(source.getLocation().toURI()));
                }
            } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
                locations.add(Path.of("unknown code location of " + c.getName()));
            }
        }
        return new ArrayList<>(locations);
    }

    /** Where the system's shared libraries are; a library mapped from elsewhere (Maven's jansi, unpacked into /tmp
     * under a new name each run, for the console's colours) is not one the build's output depends on. */
    private static final List<String> SYSTEM_LIBRARIES = List.of("/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/",
            "/usr/local/lib/");

    /** The native libraries (and the JDK's files) this JVM has mapped: its own code, zlib, libc. */
    static List<Path> mappedLibraries() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of(Path.of("/proc/self/maps is not readable"));
        }
        String javaHome = System.getProperty("java.home");
        Set<Path> files = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(maps)) {
            int slash = line.indexOf('/');
            if (slash < 0 || line.endsWith("(deleted)")) {
                continue;
            }
            String name = line.substring(slash);
            String file = name.substring(name.lastIndexOf('/') + 1);
            boolean system = SYSTEM_LIBRARIES.stream().anyMatch(name::startsWith);
            if (name.startsWith(javaHome + "/") || (system && file.matches(".*\\.so(\\..*)?"))) {
                files.add(Path.of(name));
            }
        }
        return new ArrayList<>(files);
    }

    private static Path onPath(String tool, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
