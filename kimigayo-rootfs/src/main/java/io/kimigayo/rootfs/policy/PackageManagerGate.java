package io.kimigayo.rootfs.policy;

import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreePath;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kimigayo OS images are immutable: nothing in them installs software at run time. This gate finds package
 * managers (as files or links) in the PATH directories.
 */
public final class PackageManagerGate {

    /** The names that count as package managers. */
    public static final Set<String> NAMES = Set.of("apk", "apt", "apt-get", "dpkg", "dpkg-deb", "rpm", "yum", "dnf",
            "microdnf", "zypper", "pacman", "opkg");

    /** The directories searched. */
    public static final List<String> PATH_DIRECTORIES = List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin",
            "/usr/local/bin", "/usr/local/sbin");

    /** One line per package manager found, such as {@code /usr/bin/apk (file)}. */
    public List<String> offences(FileTree tree) {
        List<String> found = new ArrayList<>();
        for (String dir : PATH_DIRECTORIES) {
            for (String name : NAMES.stream().sorted().toList()) {
                TreePath path = TreePath.of(dir + "/" + name);
                tree.get(path).ifPresent(entry -> found.add(path + " (" + entry.kind() + ")"));
            }
        }
        return found;
    }
}
