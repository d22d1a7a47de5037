package io.kimigayo.rootfs.policy;

import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackageManagerGateTest {

    private static Content bytes(String s) {
        return Content.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static FileTree cleanTree() {
        FileTree tree = new FileTree();
        tree.addFile("/bin/busybox", bytes("bb"), 0755, 0, 0);
        tree.addSymlink("/bin/sh", "/bin/busybox", 0, 0);
        tree.addSymlink("/usr/bin/env", "/bin/busybox", 0, 0);
        tree.addFile("/usr/lib/libc.so", bytes("libc"), 0755, 0, 0);
        return tree;
    }

    @Test
    void cleanTreePasses() {
        assertEquals(List.of(), new PackageManagerGate().offences(cleanTree()));
        assertEquals(List.of(), new PackageManagerGate().offences(new FileTree()));
    }

    @Test
    void findsEachPackageManagerInEachPathDirectory() {
        for (String dir : List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            for (String name : List.of("apk", "apt", "apt-get", "dpkg", "dpkg-deb", "rpm", "yum", "dnf", "microdnf",
                    "zypper", "pacman", "opkg")) {
                FileTree tree = cleanTree().addFile(dir + "/" + name, bytes("pm"), 0755, 0, 0);
                assertEquals(List.of(dir + "/" + name + " (file)"), new PackageManagerGate().offences(tree),
                        dir + "/" + name);
            }
        }
    }

    @Test
    void findsSymlinksAndHardLinksToo() {
        FileTree tree = cleanTree()
                .addSymlink("/sbin/apk", "/bin/busybox", 0, 0)
                .addHardlink("/usr/bin/rpm", "/bin/busybox", 0, 0);
        assertEquals(List.of("/sbin/apk (symlink)", "/usr/bin/rpm (hardlink)"),
                new PackageManagerGate().offences(tree));
    }

    @Test
    void busyboxPackageManagerAppletLinksAreFound() {
        FileTree tree = cleanTree()
                .addSymlink("/usr/bin/dpkg", "/bin/busybox", 0, 0)
                .addSymlink("/usr/bin/dpkg-deb", "/bin/busybox", 0, 0)
                .addSymlink("/bin/rpm", "/bin/busybox", 0, 0);
        assertEquals(List.of("/bin/rpm (symlink)", "/usr/bin/dpkg (symlink)", "/usr/bin/dpkg-deb (symlink)"),
                new PackageManagerGate().offences(tree));
    }

    @Test
    void everyOffenceIsListedInDirectoryThenNameOrder() {
        FileTree tree = cleanTree()
                .addFile("/usr/sbin/yum", bytes("y"), 0755, 0, 0)
                .addFile("/bin/apt-get", bytes("a"), 0755, 0, 0)
                .addFile("/bin/apk", bytes("a"), 0755, 0, 0)
                .addFile("/usr/local/bin/pacman", bytes("p"), 0755, 0, 0);
        assertEquals(List.of("/bin/apk (file)", "/bin/apt-get (file)", "/usr/sbin/yum (file)",
                "/usr/local/bin/pacman (file)"), new PackageManagerGate().offences(tree));
    }

    @Test
    void sameNamesOutsideThePathDirectoriesAreIgnored() {
        FileTree tree = cleanTree()
                .addFile("/opt/apk", bytes("x"), 0755, 0, 0)
                .addFile("/usr/lib/apk/db/installed", bytes("x"), 0644, 0, 0)
                .addFile("/usr/share/doc/dpkg", bytes("x"), 0644, 0, 0)
                .addFile("/etc/apt/sources.list", bytes("x"), 0644, 0, 0)
                .addFile("/usr/bin/sub/apk", bytes("x"), 0755, 0, 0)
                .addFile("/home/nonroot/bin/rpm", bytes("x"), 0755, 0, 0)
                .addFile("/var/lib/dpkg/status", bytes("x"), 0644, 0, 0);
        assertEquals(List.of(), new PackageManagerGate().offences(tree));
    }

    @Test
    void similarNamesAreNotPackageManagers() {
        FileTree tree = cleanTree()
                .addFile("/usr/bin/apk2", bytes("x"), 0755, 0, 0)
                .addFile("/usr/bin/aptitude-notes", bytes("x"), 0755, 0, 0)
                .addFile("/usr/bin/rpm2cpio", bytes("x"), 0755, 0, 0)
                .addFile("/usr/bin/APK", bytes("x"), 0755, 0, 0);
        assertEquals(List.of(), new PackageManagerGate().offences(tree));
    }

    @Test
    void policyViolationMessageListsEveryOffenceAndTheRemedy() {
        PolicyViolationException e = new PolicyViolationException("the rootfs holds package managers",
                List.of("/bin/apk (file)", "/usr/bin/rpm (symlink)"), "set allowPackageManagers=true");
        assertEquals("the rootfs holds package managers:\n  /bin/apk (file)\n  /usr/bin/rpm (symlink)\n"
                + "set allowPackageManagers=true", e.getMessage());
        assertEquals(List.of("/bin/apk (file)", "/usr/bin/rpm (symlink)"), e.offences());
    }
}
