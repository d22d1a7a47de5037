package io.kimigayo.oci.pack;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static io.kimigayo.oci.pack.TestLayouts.dir;
import static io.kimigayo.oci.pack.TestLayouts.file;
import static io.kimigayo.oci.pack.TestLayouts.link;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A base image (oci:) whose layers would write outside the root (../, absolute names, paths through a symbolic link,
 * hard links out) is refused, naming the layer and the entry; a damaged gzip layer names its blob.
 */
class BaseLayerEntriesTest {

    @TempDir
    Path temp;

    private IOException packFails(Path layout) throws IOException {
        Path app = TestImages.appTree(temp.resolve("app-" + System.nanoTime()));
        Path out = temp.resolve("out-" + System.nanoTime());
        IOException e = assertThrows(IOException.class, () -> new ImagePacker().pack(TestImages.request(
                "oci:" + layout + ":1.0", null, List.of(app), "example/app:2.0", List.of(),
                EnumSet.of(OutputFormat.OCI_LAYOUT), ContainerSettings.NONE, out)));
        assertFalse(Files.exists(out.resolve("image")), "no image written");
        return e;
    }

    @Test
    void unsafeEntriesAreRefusedNamingLayerAndEntry() throws IOException {
        int n = 0;
        for (List<List<TestLayouts.Entry>> layers : List.of(
                List.of(List.of(file("../escaped", "x", 0644))),
                List.of(List.of(dir("a", 0755), file("a/../../escaped", "x", 0644))),
                List.of(List.of(file("/etc/passwd", "root::0:0::/:/bin/sh\n", 0644))),
                List.of(List.of(link("lib", "/usr/lib", TarConstants.LF_SYMLINK)),
                        List.of(file("lib/evil.so", "x", 0644))),
                List.of(List.of(link("out", "../../..", TarConstants.LF_SYMLINK), file("out/x", "x", 0644))),
                List.of(List.of(link("h", "../../etc/shadow", TarConstants.LF_LINK))))) {
            IOException e = packFails(TestLayouts.layout(temp.resolve("layout" + n++), layers));
            String m = e.getMessage();
            assertTrue(m.contains(": layer sha256:"), m);
            assertTrue(m.contains("entry "), m);
            assertTrue(m.contains("refuses such a base image"), m);
        }
    }

    @Test
    void linksInsideTheRootAndWhiteoutsArePacked() throws IOException {
        Path layout = TestLayouts.layout(temp.resolve("fine"), List.of(
                List.of(dir("usr/lib", 0755), link("lib", "usr/lib", TarConstants.LF_SYMLINK),
                        file("usr/lib/a.so", "a", 0644), link("usr/lib/b.so", "usr/lib/a.so", TarConstants.LF_LINK),
                        link("bin/sh", "/bin/busybox", TarConstants.LF_SYMLINK), file("x/../y", "y", 0644)),
                List.of(file(".wh.lib", "", 0644), dir("lib", 0755), file("lib/c.so", "c", 0644))));
        Path out = temp.resolve("out");
        new ImagePacker().pack(TestImages.request("oci:" + layout + ":1.0", null,
                List.of(TestImages.appTree(temp.resolve("app"))), "example/app:2.0", List.of(),
                EnumSet.of(OutputFormat.OCI_LAYOUT), ContainerSettings.NONE, out));
        assertTrue(Files.isDirectory(out.resolve("image")));
    }

    @Test
    void aTruncatedGzipLayerNamesItsBlob() throws IOException {
        byte[] tar = TestLayouts.tar(List.of(file("etc/motd", "hello ".repeat(5000), 0644)));
        byte[] gzip = TestLayouts.gzip(tar);
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
        Path layout = TestLayouts.layout(temp.resolve("truncated"), List.of(tar), List.of(truncated), true);
        String m = packFails(layout).getMessage();
        assertTrue(m.contains("layer blob sha256:" + io.kimigayo.oci.digest.Digest.of(truncated).hex()), m);
        assertTrue(m.contains("is not a complete gzip stream"), m);
        assertTrue(m.contains("the image is damaged"), m);
    }

    @Test
    void anIndexThatIsNotJsonIsNamed() throws IOException {
        Path layout = Files.createDirectories(temp.resolve("not-json"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\": 2, \"manifests\": [ oops");
        String m = packFails(layout).getMessage();
        assertTrue(m.contains(layout.resolve("index.json") + " is not a valid Index (JSON): "), m);
        assertTrue(m.contains("at line 1, column"), m);
        assertFalse(m.contains("com.fasterxml"), m);
    }

    @Test
    void aFileThatCannotBeReadIsNamedWithWhatWentWrong() throws IOException {
        Path gone = Files.writeString(temp.resolve("gone.txt"), "soon gone");
        io.kimigayo.rootfs.tree.FileTree tree = new io.kimigayo.rootfs.tree.FileTree()
                .addFile("/etc/gone.txt", io.kimigayo.rootfs.tree.Content.of(gone), 0644, 0, 0);
        Files.delete(gone);
        IOException e = assertThrows(IOException.class, () -> new io.kimigayo.oci.layer.LayerWriter()
                .write(tree, TestImages.TIME.instant(), Files.createDirectories(temp.resolve("blobs"))));
        assertTrue(e.getMessage().startsWith("/etc/gone.txt: its content could not be read (NoSuchFileException: "
                + gone + "); check that " + gone + " exists"), e.getMessage());
    }
}
