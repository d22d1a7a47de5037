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
        for (String tool : tools) {
            Path found = onPath(tool, path);
            toolchain.put(tool, found == null ? "absent" : found);
        }
        items.put("toolchain", toolchain);
        return items;
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
