package io.kimigayo.oci.registry;

import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.pack.TestImages;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.testing.ExternalTool;
import io.kimigayo.testing.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real registry over HTTPS with a certificate from a CA made here by openssl: the push works when that CA is
 * given, fails without it (never falling back to plain HTTP) saying to give the CA, and works unverified only with
 * allowInsecure.
 */
class TlsTest {

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static Path ca;
    static PackResult image;

    @BeforeAll
    static void start() throws IOException {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        Path pki = Files.createDirectories(dir.resolve("pki"));
        ca = pki.resolve("ca.pem");
        openssl.run(Map.of(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", pki.resolve("ca.key").toString(), "-out", ca.toString(), "-days", "2",
                "-subj", "/CN=Kimigayo test CA").requireSuccess();
        openssl.run(Map.of(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", pki.resolve("server.key").toString(), "-out", pki.resolve("server.csr").toString(),
                "-subj", "/CN=127.0.0.1").requireSuccess();
        Files.writeString(pki.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n");
        openssl.run(Map.of(), "x509", "-req", "-in", pki.resolve("server.csr").toString(), "-CA", ca.toString(),
                "-CAkey", pki.resolve("ca.key").toString(), "-CAcreateserial", "-out", pki.resolve("server.pem").toString(),
                "-days", "2", "-extfile", pki.resolve("ext.cnf").toString()).requireSuccess();
        registry = LocalRegistry.start(dir.resolve("registry"), new LocalRegistry.Options()
                .tls(pki.resolve("server.pem"), pki.resolve("server.key")));
        image = TestImages.packBase(dir, EnumSet.of(OutputFormat.OCI_LAYOUT));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static PushResult push(RegistryAccess access) throws IOException {
        return new ImagePusher().push(new PushRequest(dir.resolve("base-out/image"), TestImages.BASE_TAG,
                ImageReference.parse(registry.reference("tls/app:1.0")), List.of("1.0"), access));
    }

    private static RegistryAccess access() {
        return RegistryAccess.of(Map.of("HOME", dir.toString()));
    }

    @Test
    void httpsWithTheGivenCaWorks() throws IOException {
        assertEquals(image.manifestDigest(), push(access().withCaCertificates(ca)).digest());
        Path certDir = Files.createDirectories(dir.resolve("skopeo-certs"));
        Files.copy(ca, certDir.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String digest = ExternalTool.require("skopeo", "skopeo").run(Map.of(), "inspect", "--cert-dir",
                        certDir.toString(), "--format", "{{.Digest}}",
                        "docker://" + registry.reference("tls/app:1.0")).requireSuccess().stdout().strip();
        assertEquals(image.manifestDigest().toString(), digest, "skopeo, trusting the same CA, sees the image");
    }

    @Test
    void anUntrustedCertificateFailsSayingWhatToDo() {
        RegistryException e = assertThrows(RegistryException.class, () -> push(access()));
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("caCertificate"), e.getMessage());
    }

    @Test
    void allowInsecureAcceptsTheCertificateUnverified() throws IOException {
        assertEquals(image.manifestDigest(), push(access().withInsecure(true)).digest());
    }
}
