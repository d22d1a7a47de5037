package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OpenRC in a rootfs, the Alpine way: BusyBox init runs {@code openrc sysinit}, {@code openrc boot} and
 * {@code openrc default} from {@code /etc/inittab}, then prints {@link EtcSkeleton#UP_MARKER}, and offers
 * {@code getty} + {@code login} on the machine's serial console. Every account's password is locked in
 * {@code /etc/shadow} ({@code *}: no password matches it), so the console gives no shell without one. The runlevels
 * hold only services that suit a VM or an initramfs: {@code /dev}, {@code /sys} and {@code /proc}, the host name,
 * the loopback interface, sysctl settings and {@code local} ({@code /etc/local.d/*.start}); /etc/init.d holds only
 * their scripts and {@code killprocs} (shutdown). OpenRC's own
 * {@code sysctl} service calls {@code sysctl --system}, which BusyBox's sysctl does not know: it is replaced by
 * one that applies the same files with {@code sysctl -p}; its {@code loopback} service by one that warns rather than
 * fails when the kernel has no IPv4 networking.
 */
final class OpenrcLayout {

    /** The runlevels and their services, in order. */
    static final Map<String, List<String>> RUNLEVELS = runlevels();

    static final String OPENRC = "/usr/sbin/openrc";

    /**
     * OpenRC's scripts kept in /etc/init.d: those of the runlevels, and {@code functions.sh} for scripts that source
     * it. The others are left out: they expect what a Kimigayo VM or initramfs does not have (a keyboard and VGA
     * console, a hardware clock, kernel modules, disks to mount or check, networking scripts, s6 or runit), and at
     * each boot OpenRC sources every script in /etc/init.d to order them: under QEMU's TCG each costs about 0.07 s
     * of boot time (the disk scripts {@code procfs}, {@code bootmisc}, {@code savecache}, {@code mount-ro},
     * {@code localmount} and {@code root}, in no runlevel, cost 0.5 s of guest time; docs/performance.md).
     */
    static final List<String> KEPT = List.of("devfs", "sysfs", "hostname", "loopback", "sysctl", "local",
            "killprocs", "functions.sh");

    private static Map<String, List<String>> runlevels() {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        levels.put("sysinit", List.of("devfs", "sysfs")); // /proc: OpenRC's init.sh mounts it first
        levels.put("boot", List.of("hostname", "loopback", "sysctl"));
        levels.put("default", List.of("local"));
        levels.put("shutdown", List.of("killprocs"));
        levels.put("nonetwork", List.of());
        return levels;
    }

    /** The serial console the kernel writes to on {@code arch}'s usual virtual machines. */
    static String serialConsole(String arch) {
        return "aarch64".equals(arch) ? "ttyAMA0" : "ttyS0";
    }

    static String inittab(String arch) {
        String tty = serialConsole(arch);
        return """
                # Kimigayo OS: BusyBox init hands over to OpenRC, then offers a login on the console.
                ::sysinit:%1$s sysinit
                ::sysinit:%1$s boot
                ::wait:%1$s default
                ::wait:/bin/echo %2$s
                %3$s::respawn:/sbin/getty -L 115200 %3$s vt100
                ::ctrlaltdel:/sbin/reboot
                ::shutdown:%1$s shutdown
                """.formatted(OPENRC, EtcSkeleton.UP_MARKER, tty);
    }

    static final String SYSCTL = """
            #!/usr/sbin/openrc-run
            # Kimigayo OS: applies /etc/sysctl.conf and /etc/sysctl.d/*.conf with BusyBox's sysctl -p (OpenRC's own
            # service calls sysctl --system, which BusyBox's sysctl does not have).
            description="Sets the kernel parameters of /etc/sysctl.conf and /etc/sysctl.d"

            depend()
            {
            \tbefore bootmisc logger
            \tkeyword -prefix -systemd-nspawn -vserver -docker -lxc
            }

            start()
            {
            \tlocal conf retval=0
            \tebegin "Configuring kernel parameters"
            \tfor conf in /etc/sysctl.conf /etc/sysctl.d/*.conf; do
            \t\t[ -r "$conf" ] || continue
            \t\tsysctl -q -p "$conf" >/dev/null || retval=1
            \tdone
            \teend $retval "Some kernel parameters failed to set"
            }
            """;

    static final String LOOPBACK = """
            #!/usr/sbin/openrc-run
            # Kimigayo OS: OpenRC's loopback service for Linux, with BusyBox's ip. On a kernel without IPv4 (the default
            # kernel has none) lo cannot be configured: the service says so instead of failing.
            description="Configures the loopback interface."

            depend()
            {
            \tafter clock
            \tkeyword -jail -prefix -systemd-nspawn -vserver
            }

            start()
            {
            \tif [ ! -e /sys/class/net/lo ] || [ ! -d /proc/sys/net/ipv4 ]; then
            \t\tewarn "Not bringing up lo: the kernel has no IPv4 networking"
            \t\treturn 0
            \tfi
            \tebegin "Bringing up network interface lo"
            \tip addr add 127.0.0.1/8 dev lo brd + 2>/dev/null || ip addr show dev lo | grep -q 'inet 127\\.0\\.0\\.1/'
            \tip link set lo up
            \teend $?
            }
            """;

    void addTo(FileTree tree, Path openrcRoot, String arch, List<UserAccount> accounts) throws IOException {
        if (!Files.isDirectory(openrcRoot)) {
            throw new IOException("the OpenRC build has no install tree at " + openrcRoot + "; remove that cache "
                    + "entry so it is built again");
        }
        // BusyBox's start-stop-daemon applet would shadow OpenRC's (/sbin comes first in PATH).
        tree.remove(TreePath.of("/sbin/start-stop-daemon"));
        new DirectoryImporter().importInto(tree, DirectoryImport.of(openrcRoot, "/"));
        // OpenRC's install links a desktop's runlevels (hwclock, modules, fsck, netmount, ...): ours replace them.
        tree.remove(TreePath.of("/etc/runlevels"));
        for (String dir : List.of("/etc/init.d/", "/etc/conf.d/")) {
            for (TreePath path : tree.paths()) {
                String p = path.toString();
                String name = p.startsWith(dir) ? p.substring(dir.length()) : "/";
                if (!name.contains("/") && !KEPT.contains(name)) {
                    tree.remove(path);
                }
            }
        }
        file(tree, "/etc/init.d/sysctl", SYSCTL, 0755);
        file(tree, "/etc/init.d/loopback", LOOPBACK, 0755);
        // The interpreter service scripts from Alpine and Gentoo name (#!/sbin/openrc-run).
        tree.addSymlink("/sbin/openrc-run", "/usr/sbin/openrc-run", 0, 0);
        for (Map.Entry<String, List<String>> level : RUNLEVELS.entrySet()) {
            tree.addDirectory("/etc/runlevels/" + level.getKey(), 0755, 0, 0);
            for (String service : level.getValue()) {
                tree.addSymlink("/etc/runlevels/" + level.getKey() + "/" + service, "/etc/init.d/" + service, 0, 0);
            }
        }
        for (String dir : List.of("/etc/local.d", "/etc/sysctl.d")) {
            tree.addDirectory(dir, 0755, 0, 0);
        }
        file(tree, "/etc/inittab", inittab(arch), 0644);
        file(tree, "/etc/fstab", "# Kimigayo OS: the root is the initramfs (or the container's); nothing to mount\n",
                0644);
        // OpenRC's init.sh makes /run/lock owned by the group uucp.
        String group = text(tree, "/etc/group");
        if (!group.contains("\nuucp:") && !group.startsWith("uucp:")) {
            file(tree, "/etc/group", group + "uucp:x:14:\n", 0644);
        }
        String shadow = accounts.stream().map(a -> a.name() + ":*:0:0:99999:7:::")
                .collect(Collectors.joining("\n", "", "\n"));
        file(tree, "/etc/shadow", shadow, 0600);
    }

    private static String text(FileTree tree, String path) throws IOException {
        if (tree.get(path).orElse(null) instanceof TreeEntry.RegularFile f) {
            try (java.io.InputStream in = f.content().open()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    static boolean isExecutableFile(TreeEntry entry) {
        return entry instanceof TreeEntry.RegularFile f && (f.mode() & 0111) != 0;
    }

    private static void file(FileTree tree, String path, String text, int mode) {
        tree.addFile(path, Content.of(text.getBytes(StandardCharsets.UTF_8)), mode, 0, 0);
    }
}
