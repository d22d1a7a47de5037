package io.kimigayo.app.java;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Debian packages a file of a machine belongs to, read from that machine's dpkg database
 * ({@code var/lib/dpkg/info/*.list} and {@code var/lib/dpkg/status} under its root): what a library copied into an
 * image came from, for its SBOM. A root without a dpkg database (a sysroot unpacked with {@code dpkg-deb -x}) knows
 * no packages, and every lookup is empty.
 */
public final class DebianPackages {

    /**
     * A Debian package.
     *
     * @param name         its name ({@code libc6})
     * @param version      its version ({@code 2.36-9+deb12u14})
     * @param architecture its architecture ({@code amd64})
     * @param distro       the distribution of the root, {@code debian-12}, or null when not known
     */
    public record Package(String name, String version, String architecture, String distro) {

        /** The upstream version: no epoch, no Debian revision, no repack suffix ({@code 1:1.2.13.dfsg-1} → 1.2.13). */
        public String upstreamVersion() {
            String v = version.replaceFirst("^[0-9]+:", "");
            int dash = v.lastIndexOf('-');
            if (dash > 0) {
                v = v.substring(0, dash);
            }
            return v.replaceFirst("[.+~](dfsg|ds|repack).*$", "");
        }
    }

    private final Path root;
    private Map<String, String> owners;
    private Map<String, Package> packages;

    public DebianPackages(Path root) {
        this.root = root;
    }

    /**
     * The package that installed {@code file} (an absolute path on this root, symbolic links resolved or not): the
     * path as given, then as dpkg lists it on a merged-/usr system ({@code /usr/lib/x} is listed as {@code /lib/x}).
     */
    public Optional<Package> owner(String file) throws IOException {
        load();
        List<String> candidates = new ArrayList<>(List.of(file));
        if (file.startsWith("/usr/")) {
            candidates.add(file.substring(4));
        } else {
            candidates.add("/usr" + file);
        }
        for (String candidate : candidates) {
            String owner = owners.get(candidate);
            if (owner != null && packages.containsKey(owner)) {
                return Optional.of(packages.get(owner));
            }
        }
        return Optional.empty();
    }

    private void load() throws IOException {
        if (owners != null) {
            return;
        }
        owners = new HashMap<>();
        packages = new HashMap<>();
        Path dpkg = root.resolve("var/lib/dpkg");
        Path status = dpkg.resolve("status");
        if (!Files.isRegularFile(status) || !Files.isDirectory(dpkg.resolve("info"))) {
            return;
        }
        String distro = distro();
        Map<String, String> fields = new HashMap<>();
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                addPackage(fields, distro);
                fields.clear();
            } else if (!Character.isWhitespace(line.charAt(0)) && line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        addPackage(fields, distro);
        try (DirectoryStream<Path> lists = Files.newDirectoryStream(dpkg.resolve("info"), "*.list")) {
            for (Path list : lists) {
                String name = list.getFileName().toString();
                String pkg = name.substring(0, name.length() - ".list".length());
                for (String path : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    owners.putIfAbsent(path, pkg);
                }
            }
        }
    }

    private void addPackage(Map<String, String> fields, String distro) {
        String name = fields.get("Package");
        String version = fields.get("Version");
        String arch = fields.get("Architecture");
        if (name == null || version == null || arch == null
                || !fields.getOrDefault("Status", "").endsWith(" installed")) {
            return;
        }
        Package p = new Package(name, version, arch, distro);
        packages.put(name + ":" + arch, p);
        packages.putIfAbsent(name, p);
    }

    private String distro() throws IOException {
        Path osRelease = root.resolve("etc/os-release");
        if (!Files.isRegularFile(osRelease)) {
            osRelease = root.resolve("usr/lib/os-release");
        }
        if (!Files.isRegularFile(osRelease)) {
            return null;
        }
        String id = null;
        String version = null;
        for (String line : Files.readAllLines(osRelease, StandardCharsets.UTF_8)) {
            if (line.startsWith("ID=")) {
                id = line.substring(3).replace("\"", "");
            } else if (line.startsWith("VERSION_ID=")) {
                version = line.substring(11).replace("\"", "");
            }
        }
        return id == null ? null : version == null ? id : id + "-" + version;
    }
}
