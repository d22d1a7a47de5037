package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.cacerts.CaBundle;
import io.kimigayo.rootfs.cacerts.TrustedCertificate;
import io.kimigayo.rootfs.policy.PackageManagerGate;
import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.MuslBuild;
import io.kimigayo.rootfs.recipe.ToolBuild;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootfsAssemblerTest {

    private static final byte[] LIBC = {0x7f, 'E', 'L', 'F', 'l', 'i', 'b', 'c'};
    private static final byte[] BUSYBOX = {0x7f, 'E', 'L', 'F', 'b', 'b'};
    private static final List<String> LINKS = List.of("bin/sh", "usr/bin/env", "sbin/nologin", "bin/busybox",
            "usr/bin/[");

    @TempDir
    Path work;

    private MuslBuild musl;
    private BusyboxBuild busybox;

    @BeforeEach
    void fakeBuilds() throws IOException {
        Path muslEntry = work.resolve("cache/builds/musl-1.2.5-0123");
        Files.createDirectories(muslEntry.resolve("dest/usr/lib"));
        Files.write(muslEntry.resolve("dest/usr/lib/libc.so"), LIBC);
        musl = new MuslBuild(muslEntry, "musl-key", "x86_64");
        busybox = busyboxWith(LINKS);
    }

    private BusyboxBuild busyboxWith(List<String> links) throws IOException {
        Path entry = Files.createDirectories(work.resolve("cache/builds/busybox-" + links.size()));
        Files.write(entry.resolve("busybox"), BUSYBOX);
        Files.writeString(entry.resolve("busybox.config"), "CONFIG_PIE=y\n");
        Files.writeString(entry.resolve("busybox.links"), String.join("\n", links) + "\n\n");
        return new BusyboxBuild(entry);
    }

    private FileTree assemble(Variant variant) throws IOException {
        return new RootfsAssembler().assemble(musl, busybox, variant, "1.0", List.of(), List.of());
    }

    private static TreeEntry entry(FileTree tree, String path) {
        return tree.get(path).orElseThrow(() -> new AssertionError(path + " is not in the tree"));
    }

    private static String text(FileTree tree, String path) throws IOException {
        return new String(bytes(tree, path), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(FileTree tree, String path) throws IOException {
        TreeEntry.RegularFile file = assertInstanceOf(TreeEntry.RegularFile.class, entry(tree, path), path);
        try (InputStream in = file.content().open()) {
            return in.readAllBytes();
        }
    }

    private static void assertSymlink(FileTree tree, String path, String target) {
        TreeEntry.Symlink link = assertInstanceOf(TreeEntry.Symlink.class, entry(tree, path), path);
        assertEquals(target, link.target(), path);
    }

    @Test
    void minimalTreeHoldsExactlyTheSkeletonMuslAndBusybox() throws IOException {
        FileTree tree = assemble(Variant.MINIMAL);
        assertEquals(List.of("/bin", "/bin/busybox", "/bin/sh", "/dev", "/etc", "/etc/group", "/etc/hostname",
                "/etc/hosts", "/etc/os-release", "/etc/passwd", "/home", "/home/nonroot", "/lib",
                "/lib/ld-musl-x86_64.so.1", "/mnt", "/proc", "/root", "/run", "/sbin", "/sbin/nologin", "/sys", "/tmp",
                "/usr", "/usr/bin", "/usr/bin/[", "/usr/bin/env", "/usr/lib", "/usr/lib/libc.so", "/usr/sbin", "/var",
                "/var/log", "/var/tmp"), tree.paths().stream().map(TreePath::toString).toList());
    }

    @Test
    void busyboxIsTheBinaryAndAppletsLinkToIt() throws IOException {
        FileTree tree = assemble(Variant.STANDARD);

        TreeEntry.RegularFile bb = assertInstanceOf(TreeEntry.RegularFile.class, entry(tree, "/bin/busybox"),
                "the applet list names bin/busybox too; it must stay the binary");
        assertEquals(0755, bb.mode());
        assertEquals(0, bb.uid());
        assertArrayEquals(BUSYBOX, bytes(tree, "/bin/busybox"));
        for (String applet : List.of("/bin/sh", "/usr/bin/env", "/sbin/nologin", "/usr/bin/[")) {
            assertSymlink(tree, applet, "/bin/busybox");
        }
    }

    @Test
    void muslIsTheLibcAndTheLoader() throws IOException {
        FileTree tree = assemble(Variant.MINIMAL);
        assertArrayEquals(LIBC, bytes(tree, "/usr/lib/libc.so"));
        assertEquals(0755, entry(tree, "/usr/lib/libc.so").mode());
        assertSymlink(tree, "/lib/ld-musl-x86_64.so.1", "/usr/lib/libc.so");
    }

    @Test
    void loaderFollowsTheArch() throws IOException {
        MuslBuild arm = new MuslBuild(musl.entry(), "k", "aarch64");
        FileTree tree = new RootfsAssembler().assemble(arm, busybox, Variant.MINIMAL, "1.0", List.of(), List.of());
        assertSymlink(tree, "/lib/ld-musl-aarch64.so.1", "/usr/lib/libc.so");
        assertFalse(tree.get("/lib/ld-musl-x86_64.so.1").isPresent());
    }

    @Test
    void passwdAndGroupHaveRootAndNonroot() throws IOException {
        FileTree tree = assemble(Variant.MINIMAL);
        assertEquals("root:x:0:0:root:/root:/bin/sh\n"
                + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n", text(tree, "/etc/passwd"));
        assertEquals("root:x:0:\nnonroot:x:65532:\n", text(tree, "/etc/group"));
        assertEquals(0644, entry(tree, "/etc/passwd").mode());

        TreeEntry home = entry(tree, "/home/nonroot");
        assertTrue(home.isDirectory());
        assertEquals(65532, home.uid());
        assertEquals(65532, home.gid());
        TreeEntry root = entry(tree, "/root");
        assertEquals(0700, root.mode());
        assertEquals(0, root.uid());
    }

    @Test
    void withoutANologinAppletNonrootGetsBinFalse() throws IOException {
        busybox = busyboxWith(List.of("bin/sh", "bin/false", "bin/busybox"));
        FileTree tree = assemble(Variant.MINIMAL);
        assertEquals("root:x:0:0:root:/root:/bin/sh\n"
                + "nonroot:x:65532:65532:nonroot:/home/nonroot:/bin/false\n", text(tree, "/etc/passwd"));
        assertFalse(tree.get("/sbin/nologin").isPresent());
    }

    @Test
    void osReleaseNamesKimigayoOsWithVersionAndVariant() throws IOException {
        String standard = text(assemble(Variant.STANDARD), "/etc/os-release");
        assertEquals("""
                NAME="Kimigayo OS"
                ID=kimigayo
                VERSION_ID=1.0
                VERSION="1.0 (standard)"
                VARIANT_ID=standard
                PRETTY_NAME="Kimigayo OS 1.0 (standard)"
                """, standard);
        String minimal = text(new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "2.3.4", List.of(),
                List.of()), "/etc/os-release");
        assertTrue(minimal.contains("VERSION_ID=2.3.4\n"), minimal);
        assertTrue(minimal.contains("VARIANT_ID=minimal\n"), minimal);
        assertTrue(minimal.contains("PRETTY_NAME=\"Kimigayo OS 2.3.4 (minimal)\"\n"), minimal);
    }

    @Test
    void hostsAndHostname() throws IOException {
        FileTree tree = assemble(Variant.MINIMAL);
        assertEquals("kimigayo\n", text(tree, "/etc/hostname"));
        assertTrue(text(tree, "/etc/hosts").startsWith("127.0.0.1\tlocalhost\n"), text(tree, "/etc/hosts"));
    }

    @Test
    void tmpDirectoriesAreWorldWritableAndSticky() throws IOException {
        FileTree tree = assemble(Variant.MINIMAL);
        assertEquals(01777, entry(tree, "/tmp").mode());
        assertEquals(01777, entry(tree, "/var/tmp").mode());
        assertEquals(0755, entry(tree, "/etc").mode());
        assertEquals(0755, entry(tree, "/proc").mode());
    }

    @Test
    void standardBootsWithBusyboxInit() throws IOException {
        FileTree tree = assemble(Variant.STANDARD);
        String inittab = text(tree, "/etc/inittab");
        assertTrue(inittab.contains("::sysinit:/etc/init.d/rcS\n"), inittab);
        assertTrue(inittab.contains("::respawn:-/bin/sh\n"), inittab);

        TreeEntry rcS = entry(tree, "/etc/init.d/rcS");
        assertEquals(0755, rcS.mode());
        String script = text(tree, "/etc/init.d/rcS");
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assertTrue(script.contains("mount -t proc proc /proc\n"), script);
        assertTrue(script.contains("echo \"Kimigayo OS is up\"\n"), script);

        assertSymlink(tree, "/init", "/bin/busybox");
    }

    @Test
    void theCaBundleGoesToEtcSslWithCertPemLinkingToItAndAUserFileReplacesIt() throws IOException {
        CaBundle bundle = new CaBundle(List.of(new TrustedCertificate("Test Root", new byte[] {0x30, 0x03, 1, 2, 3})),
                List.of());
        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Optional.of(bundle), Variant.STANDARD, "1.0",
                List.of(), List.of());
        TreeEntry.RegularFile crt = assertInstanceOf(TreeEntry.RegularFile.class,
                entry(tree, "/etc/ssl/certs/ca-certificates.crt"));
        assertEquals(0644, crt.mode());
        assertEquals(0, crt.uid());
        assertEquals(0, crt.gid());
        assertEquals("-----BEGIN CERTIFICATE-----\nMAMBAgM=\n-----END CERTIFICATE-----\n",
                text(tree, "/etc/ssl/certs/ca-certificates.crt"));
        assertSymlink(tree, "/etc/ssl/cert.pem", "certs/ca-certificates.crt");
        assertEquals(0755, entry(tree, "/etc/ssl/certs").mode());

        Path mine = work.resolve("my-bundle.crt");
        Files.writeString(mine, "mine\n");
        FileTree replaced = new RootfsAssembler().assemble(musl, busybox, Optional.of(bundle), Variant.STANDARD,
                "1.0", List.of(), List.of(new FileAddition(mine, "/etc/ssl/certs/ca-certificates.crt", null, 0, 0)));
        assertEquals("mine\n", text(replaced, "/etc/ssl/certs/ca-certificates.crt"));

        assertFalse(assemble(Variant.STANDARD).get("/etc/ssl").isPresent(), "no bundle given, no /etc/ssl");
    }

    @Test
    void minimalHasNoInit() throws IOException {
        FileTree tree = assemble(Variant.MINIMAL);
        assertFalse(tree.get("/etc/inittab").isPresent());
        assertFalse(tree.get("/etc/init.d/rcS").isPresent());
        assertFalse(tree.get("/etc/init.d").isPresent());
        assertFalse(tree.get("/init").isPresent());
    }

    @Test
    void userFileReplacesAnAppletLink() throws IOException {
        Path env = work.resolve("my-env");
        Files.writeString(env, "#!/bin/sh\necho my env\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rwxr-xr-x"));

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "1.0", List.of(),
                List.of(new FileAddition(env, "/usr/bin/env", null, 0, 0)));

        TreeEntry.RegularFile file = assertInstanceOf(TreeEntry.RegularFile.class, entry(tree, "/usr/bin/env"));
        assertEquals(0755, file.mode(), "executable on disk: 0755");
        assertEquals("#!/bin/sh\necho my env\n", text(tree, "/usr/bin/env"));
        assertSymlink(tree, "/bin/sh", "/bin/busybox");
    }

    @Test
    void userFileModesAndOwners() throws IOException {
        Path conf = work.resolve("app.conf");
        Files.writeString(conf, "key=value\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path secret = work.resolve("secret");
        Files.writeString(secret, "s3cr3t\n");

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "1.0", List.of(), List.of(
                new FileAddition(conf, "/etc/app/", null, 1000, 1000),
                new FileAddition(secret, "/etc/app/secret", 0600, 1000, 1001)));

        TreeEntry c = entry(tree, "/etc/app/app.conf");
        assertEquals(0644, c.mode(), "not executable on disk: 0644, whatever the other bits on disk");
        assertEquals(1000, c.uid());
        assertEquals("key=value\n", text(tree, "/etc/app/app.conf"));
        TreeEntry s = entry(tree, "/etc/app/secret");
        assertEquals(0600, s.mode());
        assertEquals(1000, s.uid());
        assertEquals(1001, s.gid());
    }

    @Test
    void directoryAdditionImportsATree() throws IOException {
        Path app = Files.createDirectories(work.resolve("app/conf"));
        Path run = work.resolve("app/run.sh");
        Files.writeString(run, "#!/bin/sh\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(app.resolve("settings.txt"), "a=b\n");

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "1.0", List.of(),
                List.of(new FileAddition(work.resolve("app"), "/opt/app", null, 1000, 1000)));

        assertEquals(0755, entry(tree, "/opt/app/run.sh").mode());
        assertEquals(1000, entry(tree, "/opt/app/run.sh").uid());
        assertEquals("a=b\n", text(tree, "/opt/app/conf/settings.txt"));
        assertEquals(0644, entry(tree, "/opt/app/conf/settings.txt").mode());
        assertTrue(entry(tree, "/opt/app/conf").isDirectory());
        assertEquals(1000, entry(tree, "/opt/app/conf").gid());
    }

    @Test
    void directoryAdditionWithAModeAppliesItToItsFiles() throws IOException {
        Files.createDirectories(work.resolve("bin"));
        Files.writeString(work.resolve("bin/tool"), "tool\n");
        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "1.0", List.of(),
                List.of(new FileAddition(work.resolve("bin"), "/usr/local/bin", 0750, 0, 0)));
        assertEquals(0750, entry(tree, "/usr/local/bin/tool").mode());
    }

    @Test
    void missingSourceIsAnErrorNamingIt() {
        Path missing = work.resolve("does-not-exist");
        IOException e = assertThrows(IOException.class, () -> new RootfsAssembler().assemble(musl, busybox,
                Variant.MINIMAL, "1.0", List.of(), List.of(new FileAddition(missing, "/x", null, 0, 0))));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("fix the source of that file"), e.getMessage());
    }

    @Test
    void extraUsersGetPasswdAndGroupLinesAndTheirHome() throws IOException {
        List<UserAccount> users = List.of(
                new UserAccount("app", 1000, 1000, null, null),
                new UserAccount("svc", 1001, 1002, "/srv/svc", "/sbin/nologin"));

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "1.0", users, List.of());

        assertEquals("root:x:0:0:root:/root:/bin/sh\n"
                + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"
                + "app:x:1000:1000:app:/home/app:/bin/sh\n"
                + "svc:x:1001:1002:svc:/srv/svc:/sbin/nologin\n", text(tree, "/etc/passwd"));
        assertEquals("root:x:0:\nnonroot:x:65532:\napp:x:1000:\nsvc:x:1002:\n", text(tree, "/etc/group"));

        TreeEntry appHome = entry(tree, "/home/app");
        assertTrue(appHome.isDirectory());
        assertEquals(1000, appHome.uid());
        assertEquals(1000, appHome.gid());
        assertEquals(0755, appHome.mode());
        TreeEntry svcHome = entry(tree, "/srv/svc");
        assertEquals(1001, svcHome.uid());
        assertEquals(1002, svcHome.gid());
    }

    @Test
    void userNamedLikeABuiltInOneReplacesIt() throws IOException {
        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Variant.MINIMAL, "1.0",
                List.of(new UserAccount("nonroot", 2000, 2000, null, "/bin/sh")), List.of());
        assertEquals("root:x:0:0:root:/root:/bin/sh\nnonroot:x:2000:2000:nonroot:/home/nonroot:/bin/sh\n",
                text(tree, "/etc/passwd"));
        assertEquals("root:x:0:\nnonroot:x:2000:\n", text(tree, "/etc/group"));
        assertEquals(2000, entry(tree, "/home/nonroot").uid());
    }

    @Test
    void assembledTreeHasNoPackageManager() throws IOException {
        assertEquals(List.of(), new PackageManagerGate().offences(assemble(Variant.STANDARD)));
    }

    @Test
    void sameInputsGiveTheSameTree() throws IOException {
        FileTree a = assemble(Variant.STANDARD);
        FileTree b = assemble(Variant.STANDARD);
        assertEquals(a.paths(), b.paths());
        for (TreePath p : a.paths()) {
            TreeEntry x = a.get(p).orElseThrow();
            TreeEntry y = b.get(p).orElseThrow();
            assertEquals(x.kind(), y.kind(), p.toString());
            assertEquals(x.mode(), y.mode(), p.toString());
            assertEquals(x.uid(), y.uid(), p.toString());
            assertEquals(x.gid(), y.gid(), p.toString());
        }
    }

    @Test
    void extendedAddsMuslsDevelopmentFilesAndTheToolsBeforeTheUsersFiles() throws IOException {
        Path dest = musl.destination();
        Files.createDirectories(dest.resolve("usr/include/sys"));
        Files.writeString(dest.resolve("usr/include/stdio.h"), "/* stdio */\n");
        Files.writeString(dest.resolve("usr/include/sys/types.h"), "/* types */\n");
        for (String crt : List.of("crt1.o", "crti.o", "crtn.o", "Scrt1.o", "rcrt1.o", "libm.a")) {
            Files.writeString(dest.resolve("usr/lib/" + crt), crt);
        }
        Files.writeString(dest.resolve("usr/lib/musl-gcc.specs"), "specs");
        Path tcc = work.resolve("cache/builds/tcc-0.9.27-1/dest");
        Files.createDirectories(tcc.resolve("usr/bin"));
        Files.createDirectories(tcc.resolve("usr/lib/tcc/include"));
        Files.write(tcc.resolve("usr/bin/tcc"), BUSYBOX);
        Files.setPosixFilePermissions(tcc.resolve("usr/bin/tcc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tcc.resolve("usr/bin/cc"), Path.of("tcc"));
        Files.writeString(tcc.resolve("usr/lib/tcc/libtcc1.a"), "!<arch>\n");
        Path libcA = work.resolve("cache/builds/musl-static-1/dest/usr/lib");
        Files.createDirectories(libcA);
        Files.writeString(libcA.resolve("libc.a"), "!<arch>\n");
        Path mine = Files.writeString(work.resolve("my-cc"), "#!/bin/sh\n");

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, Optional.empty(), Variant.EXTENDED, "1.0",
                List.of(), List.of(new FileAddition(mine, "/usr/bin/cc", null, 0, 0)),
                List.of(new ToolBuild(libcA.getParent().getParent().getParent()),
                        new ToolBuild(tcc.getParent())));

        assertEquals("/* stdio */\n", text(tree, "/usr/include/stdio.h"));
        assertEquals("/* types */\n", text(tree, "/usr/include/sys/types.h"));
        for (String crt : List.of("crt1.o", "crti.o", "crtn.o", "Scrt1.o", "rcrt1.o", "libm.a")) {
            TreeEntry.RegularFile file = assertInstanceOf(TreeEntry.RegularFile.class, entry(tree, "/usr/lib/" + crt));
            assertEquals(0644, file.mode(), crt);
        }
        assertFalse(tree.get("/usr/lib/musl-gcc.specs").isPresent(), "gcc's specs are for the build machine");
        assertEquals("!<arch>\n", text(tree, "/usr/lib/libc.a"));
        assertArrayEquals(LIBC, bytes(tree, "/usr/lib/libc.so"));
        TreeEntry.RegularFile tccFile = assertInstanceOf(TreeEntry.RegularFile.class, entry(tree, "/usr/bin/tcc"));
        assertEquals(0755, tccFile.mode());
        assertEquals(0, tccFile.uid());
        assertEquals("!<arch>\n", text(tree, "/usr/lib/tcc/libtcc1.a"));
        assertEquals("#!/bin/sh\n", text(tree, "/usr/bin/cc"), "the user's file replaces the tool's link");
        assertTrue(text(tree, "/etc/os-release").contains("VARIANT_ID=extended"));
    }

    @Test
    void standardHasNoDevelopmentFiles() throws IOException {
        Files.createDirectories(musl.destination().resolve("usr/include"));
        Files.writeString(musl.destination().resolve("usr/include/stdio.h"), "");
        Files.writeString(musl.destination().resolve("usr/lib/crt1.o"), "");
        FileTree tree = assemble(Variant.STANDARD);
        assertFalse(tree.get("/usr/include").isPresent());
        assertFalse(tree.get("/usr/lib/crt1.o").isPresent());
        // extended holds everything standard does (init, services, ...), and more
        FileTree extended = assemble(Variant.EXTENDED);
        List<TreePath> missing = tree.paths().stream().filter(p -> extended.get(p.toString()).isEmpty()).toList();
        assertEquals(List.of(), missing, "paths of standard that extended lacks");
        assertTrue(extended.get("/usr/include/stdio.h").isPresent());
    }
}
