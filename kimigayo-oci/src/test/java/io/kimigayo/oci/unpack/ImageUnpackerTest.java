package io.kimigayo.oci.unpack;

import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.oci.pack.TestLayouts;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static io.kimigayo.oci.pack.TestLayouts.dir;
import static io.kimigayo.oci.pack.TestLayouts.file;
import static io.kimigayo.oci.pack.TestLayouts.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unpacking an image as a container runtime lays out its root filesystem, refusing entries that leave it. */
class ImageUnpackerTest {

    @TempDir
    Path temp;

    private Path layout(List<List<TestLayouts.Entry>> layers) throws IOException {
        return TestLayouts.layout(temp.resolve("layout"), layers);
    }

    @Test
    void layersApplyInOrderWithWhiteoutsLinksAndModes() throws IOException {
        Path layout = layout(List.of(
                List.of(dir("etc", 0755), file("etc/motd", "old\n", 0644), file("etc/gone", "x", 0644),
                        dir("opt/lib", 0755), file("opt/lib/a", "a", 0644), file("opt/lib/b", "b", 0644),
                        file("bin/app", "#!/bin/sh\n", 04755)),
                List.of(file("etc/motd", "new\n", 0600), file("etc/.wh.gone", "", 0644),
                        file("opt/lib/.wh..wh..opq", "", 0644), file("opt/lib/c", "c", 0644),
                        link("bin/hard", "bin/app", TarConstants.LF_LINK),
                        link("bin/sh", "app", TarConstants.LF_SYMLINK), dir("./var/empty/", 0700))));
        Path root = temp.resolve("root");
        ImageUnpacker.Unpacked unpacked = new ImageUnpacker().unpack(layout, "1.0", root, true);
        assertEquals(List.of("/bin/app"), unpacked.config().config().entrypoint());
        assertEquals("/work", unpacked.config().config().workingDir());
        assertEquals("new\n", Files.readString(root.resolve("etc/motd")), "the upper layer wins");
        assertEquals(0600, mode(root.resolve("etc/motd")));
        assertFalse(Files.exists(root.resolve("etc/gone")), "whited out");
        assertEquals(List.of("c"), names(root.resolve("opt/lib")), "the opaque whiteout hid the lower layer's files");
        assertEquals(04755, mode(root.resolve("bin/app")), "setuid kept");
        assertEquals(Files.getAttribute(root.resolve("bin/app"), "unix:ino"),
                Files.getAttribute(root.resolve("bin/hard"), "unix:ino"), "a hard link is a hard link");
        assertEquals(Path.of("app"), Files.readSymbolicLink(root.resolve("bin/sh")));
        assertEquals(0700, mode(root.resolve("var/empty")));
        assertEquals(1000, Files.getAttribute(root.resolve("etc/motd"), "unix:uid"));
    }

    private static int mode(Path p) throws IOException {
        return (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void entriesLeavingTheRootAreRefusedNamingLayerAndEntry() throws IOException {
        Path outside = temp.resolve("outside");
        Files.createDirectories(outside);
        for (List<TestLayouts.Entry> hostile : List.of(
                List.of(file("../escaped", "x", 0644)),
                List.of(file("a/../../escaped", "x", 0644)),
                List.of(file("/etc/escaped", "x", 0644)),
                List.of(link("out", outside.toString(), TarConstants.LF_SYMLINK), file("out/escaped", "x", 0644)),
                List.of(link("h", "../../etc/passwd", TarConstants.LF_LINK)))) {
            Path layout = layout(List.of(hostile));
            Path root = temp.resolve("root-" + System.nanoTime());
            IOException e = assertThrows(IOException.class, () -> new ImageUnpacker().unpack(layout, "1.0", root,
                    false));
            assertTrue(e.getMessage().contains("layer sha256:"), e.getMessage());
            assertTrue(e.getMessage().contains("refused") || e.getMessage().contains("not a file of the image"),
                    e.getMessage());
            assertEquals(List.of(), names(outside), "nothing was written outside: " + hostile);
            io.kimigayo.core.output.AtomicFiles.deleteRecursively(layout);
        }
        assertFalse(Files.exists(temp.resolve("escaped")));
    }

    @Test
    void anImageOfThePackerUnpacksAsUmociWould() throws IOException {
        Path src = TestImages.sourceTree(temp.resolve("src"));
        new ImagePacker().pack(TestImages.request("scratch", null, List.of(src), "example/app:1.0", List.of(),
                EnumSet.of(OutputFormat.OCI_LAYOUT), new ContainerSettings(List.of("/bin/hello"), null, null, null,
                        null, null, null, null), temp.resolve("out")));
        Path root = temp.resolve("root");
        new ImageUnpacker().unpack(temp.resolve("out/image"), "1.0", root, true);
        assertEquals("#!/bin/sh\necho hello\n", Files.readString(root.resolve("bin/hello")));
        assertEquals(0755, mode(root.resolve("bin/hello")));
        assertEquals("key=value\n".repeat(50), Files.readString(root.resolve("etc/app/config.txt")));
        IOException e = assertThrows(IOException.class, () -> new ImageUnpacker().unpack(temp.resolve("out/image"),
                "1.0", root, true));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }
}
