package io.kimigayo.oci.pack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user of an image is checked when it is built, against the image's own /etc/passwd and /etc/group. */
class ImageUserTest {

    @TempDir
    Path temp;

    private Path out;

    private PackResult pack(String from, Path layer, String user) throws IOException {
        out = temp.resolve("out-" + System.nanoTime());
        return new ImagePacker().pack(TestImages.request(from, null, List.of(layer), "example/app:1.0", List.of(),
                EnumSet.of(OutputFormat.OCI_LAYOUT), new ContainerSettings(List.of("/bin/hello"), null, null, null,
                        user, null, null, null), out));
    }

    private Path withAccounts(String name) throws IOException {
        Path dir = TestImages.sourceTree(temp.resolve(name));
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nstaff:x:50:\n");
        return dir;
    }

    private String refused(String from, Path layer, String user) {
        return assertThrows(IllegalArgumentException.class, () -> pack(from, layer, user)).getMessage();
    }

    @Test
    void badValuesAreRefusedNamingThem() throws IOException {
        Path plain = TestImages.sourceTree(temp.resolve("plain"));
        assertTrue(refused("scratch", plain, "root").contains("user 'root': the image's /etc/passwd has no 'root' "
                + "(the image has no /etc/passwd); give numbers"), refused("scratch", plain, "root"));
        assertTrue(refused("scratch", plain, "a:b:c").contains("user 'a:b:c' is not user[:group]"));
        assertTrue(refused("scratch", plain, "-1").contains("'-1' is neither a number"));
        assertTrue(refused("scratch", plain, "bad user").contains("'bad user' is neither a number"));
        assertTrue(refused("scratch", plain, "99999999999").contains("is neither a number from 0 to 2147483647"));
        Path accounts = withAccounts("accounts");
        assertTrue(refused("scratch", accounts, "nobody").contains("the image's /etc/passwd has no 'nobody'"));
        assertTrue(refused("scratch", accounts, "app:wheel").contains("the image's /etc/group has no 'wheel'"));
    }

    @Test
    void numbersAndNamesTheImageHasArePacked() throws IOException {
        Path plain = TestImages.sourceTree(temp.resolve("plain"));
        assertEquals(2, pack("scratch", plain, "65532:65532").layerCount() + 1);
        Path accounts = withAccounts("accounts");
        pack("scratch", accounts, "app:staff");
        // names from a base image's layer
        PackResult base = pack("scratch", accounts, "app");
        Path baseLayout = out.resolve("image");
        pack("oci:" + baseLayout + ":1.0", TestImages.appTree(temp.resolve("app")), "root:staff");
        assertTrue(refused("oci:" + baseLayout + ":1.0", TestImages.appTree(temp.resolve("app2")), "ghost")
                .contains("/etc/passwd has no 'ghost'"));
        assertTrue(base.layerCount() > 0);
    }
}
