package io.kimigayo.rootfs.cacerts;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user's CA certificates under /usr/local/share/ca-certificates, appended to the bundle. */
class LocalCertificatesTest {

    private static String caOne;
    private static String caTwo;

    /** Two self-signed CA certificates made by openssl (an independent encoder of PEM). */
    @BeforeAll
    static void makeCertificates(@TempDir Path dir) throws Exception {
        caOne = openssl(dir, "one");
        caTwo = openssl(dir, "two");
    }

    private static String openssl(Path dir, String name) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve(name + ".key").toString(), "-out",
                dir.resolve(name + ".pem").toString(), "-days", "2", "-subj", "/CN=test CA " + name)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "openssl: " + output);
        return Files.readString(dir.resolve(name + ".pem"));
    }

    private static FileTree treeWithBundle(String bundle) {
        FileTree tree = new FileTree();
        tree.addFile(CaBundle.BUNDLE_PATH, Content.of(bundle.getBytes(StandardCharsets.US_ASCII)), 0644, 0, 0);
        tree.addSymlink(CaBundle.CERT_PEM_PATH, "certs/ca-certificates.crt", 0, 0);
        return tree;
    }

    private static void add(FileTree tree, String name, String text) {
        tree.addFile(LocalCertificates.DIRECTORY + "/" + name, Content.of(text.getBytes(StandardCharsets.US_ASCII)),
                0644, 0, 0);
    }

    private static String read(FileTree tree, String path) throws IOException {
        TreeEntry.RegularFile file = (TreeEntry.RegularFile) tree.get(path).orElseThrow();
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void certificatesAreAppendedAfterTheBundleInTheOrderOfTheirNames() throws IOException {
        FileTree tree = treeWithBundle(caOne);
        add(tree, "b.crt", caOne);
        add(tree, "a.crt", caTwo + "\n" + caOne);
        assertEquals(3, LocalCertificates.appendTo(tree));
        // openssl writes 64-character base64 lines with \n, as the bundle does: the same text comes back
        assertEquals(caOne + caTwo + caOne + caOne, read(tree, CaBundle.BUNDLE_PATH));
        assertEquals(caTwo + "\n" + caOne, read(tree, LocalCertificates.DIRECTORY + "/a.crt"), "the file stays");
    }

    @Test
    void withoutABundleOneIsMadeOfTheAddedCertificatesWithItsLink() throws IOException {
        FileTree tree = new FileTree();
        add(tree, "corp.crt", caTwo);
        assertEquals(1, LocalCertificates.appendTo(tree));
        assertEquals(caTwo, read(tree, CaBundle.BUNDLE_PATH));
        assertEquals(new TreeEntry.Symlink("certs/ca-certificates.crt", 0, 0),
                tree.get(CaBundle.CERT_PEM_PATH).orElseThrow());
    }

    @Test
    void withoutAddedCertificatesTheTreeStaysAsItWas() throws IOException {
        FileTree tree = treeWithBundle(caOne);
        tree.addDirectory(LocalCertificates.DIRECTORY, 0755, 0, 0);
        assertEquals(0, LocalCertificates.appendTo(tree));
        assertEquals(caOne, read(tree, CaBundle.BUNDLE_PATH));
        FileTree empty = new FileTree();
        assertEquals(0, LocalCertificates.appendTo(empty));
        assertTrue(empty.get(CaBundle.BUNDLE_PATH).isEmpty());
    }

    @Test
    void aFileThatIsNotAPemCertificateIsAnErrorNamingIt() {
        for (List<String> bad : List.of(
                List.of("key.crt", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n"
                        + "-----END PRIVATE KEY-----\n", "no -----BEGIN CERTIFICATE----- block"),
                List.of("junk.crt", "hello\n" + caOne, "text outside"),
                List.of("tail.crt", caOne + "trailing words\n", "text after the last certificate"),
                List.of("broken.crt", "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n",
                        "not an X.509 certificate"),
                List.of("corp.pem", caOne, "named *.crt"))) {
            FileTree tree = treeWithBundle(caOne);
            add(tree, bad.get(0), bad.get(1));
            IOException e = assertThrows(IOException.class, () -> LocalCertificates.appendTo(tree), bad.get(0));
            assertTrue(e.getMessage().startsWith(LocalCertificates.DIRECTORY + "/" + bad.get(0)), e.getMessage());
            assertTrue(e.getMessage().contains(bad.get(2)), e.getMessage());
        }
    }

    @Test
    void aSymlinkThereIsRefused() {
        FileTree tree = treeWithBundle(caOne);
        tree.addSymlink(LocalCertificates.DIRECTORY + "/link.crt", "/etc/ssl/cert.pem", 0, 0);
        IOException e = assertThrows(IOException.class, () -> LocalCertificates.appendTo(tree));
        assertTrue(e.getMessage().contains("link.crt is a symlink"), e.getMessage());
    }
}
