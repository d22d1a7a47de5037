package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.archive.TarReader;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.MuslBuild;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rootfs assembled on a prebuilt one (read back from its tar) has the bytes of one assembled from the same
 * builds, whatever the OS version, files, services and timestamp the user gives.
 */
class PrebuiltAssemblyTest {

    private static final Instant RELEASED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant MINE = Instant.parse("2026-11-30T12:34:56Z");

    @TempDir
    Path work;

    private MuslBuild musl;
    private BusyboxBuild busybox;
    private Path openrc;

    @BeforeEach
    void fakeBuilds() throws IOException {
        musl = FakeBuilds.musl(work.resolve("musl"), new byte[]{0x7f, 'E', 'L', 'F', 1});
        busybox = FakeBuilds.busybox(work.resolve("busybox"), new byte[]{0x7f, 'E', 'L', 'F', 2},
                List.of("bin/sh", "sbin/getty", "bin/login", "sbin/nologin"));
        openrc = FakeBuilds.openrc(work.resolve("openrc/root"), List.of("devfs", "sysfs", "hostname", "loopback",
                "sysctl", "local", "killprocs"), "#!/usr/sbin/openrc-run\ndepend() { need localmount; }\n");
    }

    private FileTree assemble(Variant variant, String version, List<FileAddition> files, List<String> services)
            throws IOException {
        return new RootfsAssembler().assemble(musl, busybox, Optional.empty(), Optional.empty(),
                variant == Variant.MINIMAL ? Optional.empty() : Optional.of(openrc), variant, version, List.of(),
                files, List.of(), ServiceLinks.parse(services));
    }

    private static byte[] tar(FileTree tree, Instant time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter().write(tree, time, out);
        return out.toByteArray();
    }

    private static FileTree read(byte[] tar) throws IOException {
        return new TarReader().read(new ByteArrayInputStream(tar), "prebuilt.tar");
    }

    private List<FileAddition> files() throws IOException {
        Path script = work.resolve("user/myapp");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/sbin/openrc-run\ndepend() { need net; after local; }\nstart() { :; }\n");
        script.toFile().setExecutable(true);
        Path etc = Files.createDirectories(work.resolve("user/etc"));
        Files.writeString(etc.resolve("motd"), "welcome\n");
        return List.of(new FileAddition(script, "/etc/init.d/myapp", null, 0, 0),
                new FileAddition(etc, "/etc", null, 0, 0));
    }

    @Test
    void standardWithAnotherVersionFilesAndAServiceGivesTheSameBytes() throws IOException {
        byte[] prebuilt = tar(assemble(Variant.STANDARD, "0.1.0", List.of(), List.of()), RELEASED);
        List<FileAddition> files = files();
        byte[] fromSource = tar(assemble(Variant.STANDARD, "7.3.1", files, List.of("myapp")), MINE);
        FileTree finished = new RootfsAssembler().finishPrebuilt(read(prebuilt), Variant.STANDARD, "0.1.0",
                "7.3.1", files, ServiceLinks.parse(List.of("myapp")));
        byte[] onPrebuilt = tar(finished, MINE);
        assertArrayEquals(fromSource, onPrebuilt);
        String osRelease = new String(((io.kimigayo.rootfs.tree.TreeEntry.RegularFile) finished
                .get("/etc/os-release").orElseThrow()).content().open().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(osRelease.contains("VERSION_ID=7.3.1\n"), osRelease);
        assertTrue(finished.get("/etc/runlevels/default/myapp").isPresent(), "the service is linked");
    }

    @Test
    void theSameConfigurationGivesTheSameBytesForEachVariant() throws IOException {
        for (Variant variant : List.of(Variant.MINIMAL, Variant.STANDARD)) {
            byte[] prebuilt = tar(assemble(variant, "0.1.0", List.of(), List.of()), RELEASED);
            byte[] fromSource = tar(assemble(variant, "0.1.0", List.of(), List.of()), MINE);
            assertArrayEquals(fromSource, tar(new RootfsAssembler().finishPrebuilt(read(prebuilt), variant,
                    "0.1.0", "0.1.0", List.of(), List.of()), MINE), variant.id());
        }
    }

    @Test
    void aTreeThisCodeDidNotAssembleIsRefused() throws IOException {
        FileTree other = read(tar(assemble(Variant.STANDARD, "0.1.0", List.of(), List.of()), RELEASED));
        other.addFile("/etc/os-release", Content.of("NAME=Other\n".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RootfsAssembler()
                .finishPrebuilt(other, Variant.STANDARD, "0.1.0", "1.0", List.of(), List.of()));
        assertTrue(e.getMessage().contains("fromSource"), e.getMessage());
    }
}
