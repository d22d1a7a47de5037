package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.MuslBuild;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenRC layout of the standard variant, and the {@code services} parameter's runlevel links. */
class OpenrcAssemblyTest {

    @TempDir
    Path work;

    private MuslBuild musl;
    private BusyboxBuild busybox;
    private Path openrc;

    @BeforeEach
    void fakeBuilds() throws IOException {
        musl = FakeBuilds.musl(work.resolve("musl"), new byte[]{0x7f, 'E', 'L', 'F'});
        busybox = FakeBuilds.busybox(work.resolve("busybox"), new byte[]{0x7f, 'E', 'L', 'F'},
                List.of("bin/sh", "sbin/getty", "bin/login", "sbin/start-stop-daemon"));
        openrc = FakeBuilds.openrc(work.resolve("openrc/root"), List.of("devfs", "sysfs", "procfs", "hostname",
                "loopback", "sysctl", "local", "killprocs", "hwclock", "localmount", "bootmisc"),
                "#!/usr/sbin/openrc-run\n");
        // as OpenRC's meson install links them: a desktop's runlevels, which ours replace
        Files.createDirectories(openrc.resolve("etc/runlevels/boot"));
        Files.createSymbolicLink(openrc.resolve("etc/runlevels/boot/hwclock"), Path.of("/etc/init.d/hwclock"));
    }

    private Path userFile(String name, boolean executable) throws IOException {
        Path file = work.resolve("user/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/sbin/openrc-run\nstart() { :; }\n");
        file.toFile().setExecutable(executable);
        return file;
    }

    private FileTree assemble(List<FileAddition> files, List<String> services) throws IOException {
        return new RootfsAssembler().assemble(musl, busybox, Optional.empty(), Optional.empty(), Optional.of(openrc),
                Variant.STANDARD, "1.0", List.of(), files, List.of(), ServiceLinks.parse(services));
    }

    private static String text(FileTree tree, String path) throws IOException {
        TreeEntry.RegularFile file = assertInstanceOf(TreeEntry.RegularFile.class, tree.get(path).orElseThrow(),
                path);
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String link(FileTree tree, String path) {
        return assertInstanceOf(TreeEntry.Symlink.class, tree.get(path).orElseThrow(
                () -> new AssertionError(path + " is missing")), path).target();
    }

    @Test
    void initHandsOverToOpenrcAndOffersALoginNotAShell() throws IOException {
        FileTree tree = assemble(List.of(), List.of());
        String inittab = text(tree, "/etc/inittab");
        assertTrue(inittab.contains("::sysinit:/usr/sbin/openrc sysinit\n::sysinit:/usr/sbin/openrc boot\n"
                + "::wait:/usr/sbin/openrc default\n::wait:/bin/echo Kimigayo OS is up\n"), inittab);
        assertTrue(inittab.contains("ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100\n"), inittab);
        assertFalse(inittab.contains("/bin/sh"), inittab);
        assertFalse(tree.get("/etc/init.d/rcS").isPresent(), "BusyBox init's rcS stays with OpenRC");
        assertEquals("/bin/busybox", link(tree, "/init"));
        assertEquals("/usr/sbin/openrc-run", link(tree, "/sbin/openrc-run"));
        assertFalse(tree.get("/sbin/start-stop-daemon").isPresent(), "BusyBox's start-stop-daemon shadows OpenRC's");
    }

    @Test
    void everyAccountIsLockedInShadow() throws IOException {
        FileTree tree = assemble(List.of(), List.of());
        assertEquals("root:*:0:0:99999:7:::\nnonroot:*:0:0:99999:7:::\n", text(tree, "/etc/shadow"));
        assertEquals(0600, tree.get("/etc/shadow").orElseThrow().mode());
        assertTrue(text(tree, "/etc/group").endsWith("\nuucp:x:14:\n"), "OpenRC's /run/lock group");
        assertTrue(text(tree, "/etc/fstab").startsWith("#"), "an /etc/fstab without mounts");
    }

    @Test
    void theRunlevelsHoldOnlyServicesForAVirtualMachine() throws IOException {
        FileTree tree = assemble(List.of(), List.of());
        assertEquals("/etc/init.d/devfs", link(tree, "/etc/runlevels/sysinit/devfs"));
        assertEquals("/etc/init.d/hostname", link(tree, "/etc/runlevels/boot/hostname"));
        assertEquals("/etc/init.d/loopback", link(tree, "/etc/runlevels/boot/loopback"));
        assertEquals("/etc/init.d/local", link(tree, "/etc/runlevels/default/local"));
        assertTrue(text(tree, "/etc/init.d/sysctl").contains("sysctl -q -p \"$conf\""), "BusyBox's sysctl -p");
        List<String> linked = tree.paths().stream().map(Object::toString)
                .filter(p -> p.matches("/etc/runlevels/[^/]+/[^/]+")).toList();
        assertEquals(List.of("/etc/runlevels/boot/hostname", "/etc/runlevels/boot/loopback",
                "/etc/runlevels/boot/sysctl", "/etc/runlevels/default/local", "/etc/runlevels/shutdown/killprocs",
                "/etc/runlevels/sysinit/devfs", "/etc/runlevels/sysinit/sysfs"), linked);
        assertTrue(tree.get("/etc/init.d/killprocs").isPresent(), "the shutdown runlevel's script");
        assertFalse(tree.get("/etc/init.d/hwclock").isPresent(), "a script for hardware a VM lacks");
        // scripts in no runlevel cost boot time (OpenRC sources each to order them) and serve disks an initramfs
        // lacks
        for (String unused : List.of("procfs", "localmount", "bootmisc")) {
            assertFalse(tree.get("/etc/init.d/" + unused).isPresent(), unused + " is left out");
        }
        List<String> scripts = tree.paths().stream().map(Object::toString)
                .filter(p -> p.matches("/etc/init.d/[^/]+")).sorted().toList();
        assertEquals(List.of("/etc/init.d/devfs", "/etc/init.d/hostname", "/etc/init.d/killprocs",
                "/etc/init.d/local", "/etc/init.d/loopback", "/etc/init.d/sysctl", "/etc/init.d/sysfs"), scripts);
    }

    @Test
    void aServiceFromFilesIsLinkedIntoItsRunlevel() throws IOException {
        FileTree tree = assemble(List.of(new FileAddition(userFile("myapp", true), "/etc/init.d/myapp", null, 0,
                0), new FileAddition(userFile("early", false), "/etc/init.d/early", 0755, 0, 0)),
                List.of("myapp", " early:boot "));
        assertEquals("/etc/init.d/myapp", link(tree, "/etc/runlevels/default/myapp"));
        assertEquals("/etc/init.d/early", link(tree, "/etc/runlevels/boot/early"));
    }

    @Test
    void aMissingScriptIsAnErrorNamingItAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assemble(List.of(), List.of("myapp")));
        assertEquals("services: /etc/init.d/myapp does not exist; add the service script with files or layers "
                + "(for example a file with target /etc/init.d/myapp)", e.getMessage());
    }

    @Test
    void aScriptThatIsNotExecutableIsAnError() throws IOException {
        List<FileAddition> files = List.of(new FileAddition(userFile("myapp", false), "/etc/init.d/myapp", null, 0,
                0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assemble(files, List.of("myapp")));
        assertTrue(e.getMessage().startsWith("services: /etc/init.d/myapp is not an executable file; give it mode "
                + "0755"), e.getMessage());
    }

    @Test
    void anUnknownRunlevelIsAnErrorListingTheRunlevels() throws IOException {
        List<FileAddition> files = List.of(new FileAddition(userFile("myapp", true), "/etc/init.d/myapp", null, 0,
                0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assemble(files, List.of("myapp:multiuser")));
        assertTrue(e.getMessage().startsWith("services: the runlevel 'multiuser' of 'myapp' does not exist; the "
                + "runlevels are [boot, default, nonetwork, shutdown, sysinit]"), e.getMessage());
    }

    @Test
    void malformedEntriesAreRefused() {
        for (String bad : List.of("", "my app", "myapp:", ":boot", "../etc/passwd", "a:b:c")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServiceLinks.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("services: '" + bad + "' is not a service; write <name> or "
                    + "<name>:<runlevel>"), e.getMessage());
        }
        assertEquals(List.of(new ServiceLinks.Service("myapp", "default"), new ServiceLinks.Service("x", "boot")),
                ServiceLinks.parse(List.of("myapp", "x:boot")));
    }

    @Test
    void servicesWithoutOpenrcAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RootfsAssembler().assemble(musl, busybox, Optional.empty(), Optional.empty(),
                        Optional.empty(), Variant.MINIMAL, "1.0", List.of(), List.of(), List.of(),
                        ServiceLinks.parse(List.of("myapp"))));
        assertTrue(e.getMessage().contains("this variant has no OpenRC (minimal)"), e.getMessage());
    }
}
