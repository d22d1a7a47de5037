package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories and {@code /etc} files every Kimigayo OS rootfs has: the usual top-level directories,
 * passwd/group, os-release naming the OS with version and variant, hosts and hostname; for the standard variant
 * also BusyBox init's inittab and the rcS script that mounts the kernel filesystems, and {@code /init} so the tree
 * boots as an initramfs.
 */
final class EtcSkeleton {

    /** What rcS prints when the system is up; the boot check waits for it. */
    static final String UP_MARKER = "Kimigayo OS is up";

    /** The one file of the skeleton that holds the OS version. */
    static final String OS_RELEASE = "/etc/os-release";

    /** The contents of {@link #OS_RELEASE}: the OS with its version and variant. */
    static String osRelease(Variant variant, String version) {
        return "NAME=\"Kimigayo OS\"\nID=kimigayo\nVERSION_ID=" + version + "\n"
                + "VERSION=\"" + version + " (" + variant.id() + ")\"\nVARIANT_ID=" + variant.id() + "\n"
                + "PRETTY_NAME=\"Kimigayo OS " + version + " (" + variant.id() + ")\"\n";
    }

    void addTo(FileTree tree, Variant variant, String version, List<UserAccount> accounts, boolean hasNologin) {
        for (String dir : List.of("/bin", "/sbin", "/lib", "/usr/bin", "/usr/sbin", "/usr/lib", "/etc", "/dev",
                "/proc", "/sys", "/run", "/var", "/var/log", "/mnt")) {
            tree.addDirectory(dir, 0755, 0, 0);
        }
        tree.addDirectory("/tmp", 01777, 0, 0);
        tree.addDirectory("/var/tmp", 01777, 0, 0);
        for (UserAccount a : accounts) {
            tree.addDirectory(a.home(), a.uid() == 0 ? 0700 : 0755, a.uid(), a.gid());
        }
        String passwd = accounts.stream()
                .map(a -> hasNologin || !a.shell().equals("/sbin/nologin") ? a : new UserAccount(a.name(), a.uid(),
                        a.gid(), a.home(), "/bin/false"))
                .map(UserAccount::passwdLine).collect(Collectors.joining("\n", "", "\n"));
        String group = accounts.stream().map(a -> a.name() + ":x:" + a.gid() + ":")
                .collect(Collectors.joining("\n", "", "\n"));
        file(tree, "/etc/passwd", passwd, 0644);
        file(tree, "/etc/group", group, 0644);
        file(tree, OS_RELEASE, osRelease(variant, version), 0644);
        file(tree, "/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost\n", 0644);
        file(tree, "/etc/hostname", "kimigayo\n", 0644);
        if (variant.includesStandard()) {
            file(tree, "/etc/inittab", """
                    ::sysinit:/etc/init.d/rcS
                    ::respawn:-/bin/sh
                    ::ctrlaltdel:/sbin/reboot
                    ::shutdown:/bin/umount -a -r
                    """, 0644);
            file(tree, "/etc/init.d/rcS", """
                    #!/bin/sh
                    mount -t proc proc /proc
                    mount -t sysfs sysfs /sys
                    mount -t devtmpfs devtmpfs /dev 2>/dev/null
                    mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
                    hostname -F /etc/hostname
                    echo "%s"
                    """.formatted(UP_MARKER), 0755);
            tree.addSymlink("/init", "/bin/busybox", 0, 0);
        }
    }

    private static void file(FileTree tree, String path, String text, int mode) {
        tree.addFile(path, Content.of(text.getBytes(StandardCharsets.UTF_8)), mode, 0, 0);
    }
}
