package io.kimigayo.rootfs.cacerts;

import io.kimigayo.rootfs.recipe.CaCertificatesRecipe;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceCatalog;
import io.kimigayo.rootfs.source.SourceResolver;
import io.kimigayo.rootfs.source.SourceSpec;
import io.kimigayo.testing.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The converter against the real, pinned {@code certdata.txt} (Debian 12's {@code ca-certificates}
 * 20230311+deb12u1, Mozilla's store 2.60), taken from the source mirror that {@code dev/fetch-sources} fills.
 *
 * <p>The judges: Debian's own {@code certdata2pem.py}, from the same source archive, run by python3 on the same
 * file (it matches trust to certificate by label, we by issuer and serial number, so agreement on the set of
 * certificates checks the matching too); and openssl, which must read every certificate of the bundle and
 * whose SHA-256 fingerprints must be Debian's.
 */
class CaBundleTest {

    /** The mirror dev/fetch-sources fills; the tests fail, saying so, when the archive is not there. */
    static final Path MIRROR = Path.of(System.getProperty("user.home"), ".cache", "kimigayo", "mirror");

    /** SHA-256 fingerprints (openssl x509 -fingerprint -sha256, colons removed) of roots every TLS client knows. */
    private static final Map<String, String> WELL_KNOWN = Map.of(
            "ISRG Root X1", "96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6",
            "ISRG Root X2", "69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470",
            "DigiCert Global Root CA", "4348a0e9444c78cb265e058d5e8944b4d84f9662bd26db257f8934a443c70161",
            "GlobalSign Root CA", "ebd41040e4bb3ec742c9e381d31ef2a41a48b6685c96e7cef3c1df6cd4331c99");

    /** Certificates in the bundle: the 140 Debian's tooling keeps, less TrustCor's three (distrust-after). */
    static final int COUNT = 137;

    private static final List<String> TRUSTCOR = List.of("TrustCor RootCert CA-1", "TrustCor RootCert CA-2",
            "TrustCor ECA-1");

    private static SourceSpec source;
    private static Path archive;
    private static String certdata;

    @TempDir
    Path work;

    @BeforeAll
    static void pinnedSource(@TempDir Path cache) throws IOException {
        source = SourceCatalog.defaults().get("ca-certificates");
        if (!Files.isRegularFile(MIRROR.resolve(source.fileName()))) {
            throw new IllegalStateException(MIRROR.resolve(source.fileName()) + " is missing: run dev/fetch-sources "
                    + "to put the pinned sources into the mirror");
        }
        // the resolver checks the pinned SHA-256
        archive = new SourceResolver(cache, List.of(MIRROR.toString()), true, line -> { }).resolve(source);
        certdata = new String(SourceArchive.readFile(archive, CaCertificatesRecipe.CERTDATA), StandardCharsets.UTF_8);
    }

    @Test
    void theCertificatesAreThoseDebiansCertdata2pemWritesForTheSameFile() throws IOException {
        CaBundle bundle = CaBundle.fromCertData("certdata.txt", certdata);

        Path debian = Files.createDirectories(work.resolve("debian"));
        for (String file : List.of("certdata.txt", "certdata2pem.py", "blacklist.txt")) {
            Files.write(debian.resolve(file), SourceArchive.readFile(archive, "mozilla/" + file));
        }
        ExternalTool bash = ExternalTool.require("bash", "bash");
        ExternalTool.require("python3", "python3-cryptography");
        ExternalTool.require("openssl", "openssl");
        bash.run(Map.of(), Duration.ofMinutes(2), List.of("-c", "cd '" + debian + "' && python3 certdata2pem.py"))
                .requireSuccess();
        String fingerprints = bash.run(Map.of(), Duration.ofMinutes(2), List.of("-c", "cd '" + debian + "' && "
                + "for f in *.crt; do openssl x509 -in \"$f\" -noout -fingerprint -sha256; done")).requireSuccess()
                .stdout();
        Set<String> debians = fingerprints.lines().map(CaBundleTest::fingerprintOf).collect(Collectors.toSet());

        Set<String> ours = bundle.certificates().stream().map(TrustedCertificate::sha256Fingerprint)
                .collect(Collectors.toSet());
        assertEquals(140, debians.size(), "certdata2pem.py's count for Mozilla 2.60 as Debian 12 ships it");
        // Debian's script ignores CKA_NSS_SERVER_DISTRUST_AFTER; we leave such certificates out. In 2.60 these are
        // TrustCor's three roots, distrusted by Mozilla for certificates issued after 2022-11-30.
        assertEquals(TRUSTCOR, bundle.distrustedAfter());
        Set<String> trustCor = TRUSTCOR.stream().map(CaBundleTest::fingerprintOfObject).collect(Collectors.toSet());
        assertTrue(debians.containsAll(trustCor), "Debian keeps the TrustCor roots");
        Set<String> expected = new TreeSet<>(debians);
        expected.removeAll(trustCor);
        assertEquals(COUNT, expected.size());
        assertEquals(COUNT, bundle.certificates().size(), "Debian's count less the three TrustCor roots");
        assertEquals(expected, new TreeSet<>(ours));
    }

    @Test
    void opensslReadsEveryCertificateAndFindsTheWellKnownRoots() throws IOException {
        Path pem = Files.write(work.resolve("ca-certificates.crt"), CaBundle.fromCertData("certdata.txt", certdata)
                .pem());
        ExternalTool bash = ExternalTool.require("bash", "bash");
        String printed = bash.run(Map.of(), Duration.ofMinutes(1), List.of("-c", "openssl crl2pkcs7 -nocrl -certfile '"
                + pem + "' | openssl pkcs7 -print_certs -noout")).requireSuccess().stdout();
        assertEquals(COUNT, printed.lines().filter(l -> l.startsWith("subject=")).count(), printed);

        String fingerprints = bash.run(Map.of(), Duration.ofMinutes(2), List.of("-c", "f='" + pem + "'; "
                + "n=$(grep -c BEGIN \"$f\"); for i in $(seq 1 $n); do awk -v i=$i '/BEGIN/{c++} c==i' \"$f\" "
                + "| openssl x509 -noout -fingerprint -sha256; done")).requireSuccess().stdout();
        Set<String> all = fingerprints.lines().map(CaBundleTest::fingerprintOf).collect(Collectors.toSet());
        assertEquals(COUNT, all.size());
        WELL_KNOWN.forEach((name, sha256) -> assertTrue(all.contains(sha256), name + " (" + sha256 + ") is missing"));
    }

    @Test
    void theBundleIsTheSameBytesEveryTimeInTheOrderOfCertdata() throws IOException {
        CaBundle first = CaBundle.fromCertData("certdata.txt", certdata);
        CaBundle second = CaBundle.fromCertData("certdata.txt", certdata);
        assertArrayEquals(first.pem(), second.pem());
        // the bytes the standard rootfs carries; a change of the converter's output must change this on purpose
        assertEquals("672cad1d7cfa760cea276c3c90a383a1eff2a9d27eeb8d44616183ba177fb301",
                java.util.HexFormat.of().formatHex(sha256(first.pem())));
        assertEquals(208567, first.pem().length);
        List<String> labels = first.certificates().stream().map(TrustedCertificate::label).toList();
        assertEquals("GlobalSign Root CA", labels.get(0), "certdata.txt's first trusted certificate comes first");
        int x1 = labels.indexOf("ISRG Root X1");
        int x2 = labels.indexOf("ISRG Root X2");
        assertTrue(x1 >= 0 && x2 > x1, "certdata.txt's order: X1 before X2");
        String text = new String(first.pem(), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----\n") && text.endsWith("-----END CERTIFICATE-----\n"));
        assertTrue(text.lines().allMatch(l -> l.length() <= 64), "lines of at most 64 characters");
        assertFalse(text.contains("\r"));
    }

    @Test
    void aServerDistrustAfterDateLeavesTheCertificateOut() throws IOException {
        String object = objectOf("ISRG Root X1", "CKO_CERTIFICATE");
        String dated = object.replace("CKA_NSS_SERVER_DISTRUST_AFTER CK_BBOOL CK_FALSE",
                "CKA_NSS_SERVER_DISTRUST_AFTER MULTILINE_OCTAL\n\\062\\060\\060\\061\\060\\061\\060\\060\\060\\060"
                        + "\\060\\060\\132\nEND");
        assertTrue(!dated.equals(object), "the object has a distrust-after field to change");
        CaBundle bundle = CaBundle.fromCertData("certdata.txt", certdata.replace(object, dated));
        assertEquals("ISRG Root X1", bundle.distrustedAfter().get(0));
        assertEquals(4, bundle.distrustedAfter().size());
        assertEquals(COUNT - 1, bundle.certificates().size());
        assertFalse(bundle.certificates().stream().anyMatch(c -> c.label().equals("ISRG Root X1")));
    }

    @Test
    void aTrustOtherThanTrustedDelegatorLeavesTheCertificateOut() throws IOException {
        String trust = objectOf("ISRG Root X1", "CKO_NSS_TRUST");
        String notTrusted = trust.replace("CKA_TRUST_SERVER_AUTH CK_TRUST CKT_NSS_TRUSTED_DELEGATOR",
                "CKA_TRUST_SERVER_AUTH CK_TRUST CKT_NSS_MUST_VERIFY_TRUST");
        CaBundle bundle = CaBundle.fromCertData("certdata.txt", certdata.replace(trust, notTrusted));
        assertEquals(COUNT - 1, bundle.certificates().size());
        assertFalse(bundle.certificates().stream().anyMatch(c -> c.label().equals("ISRG Root X1")));
    }

    @Test
    void aTrustObjectWhoseSha1IsNotTheCertificatesIsRefused() {
        String trust = objectOf("ISRG Root X1", "CKO_NSS_TRUST");
        int sha1 = trust.indexOf("CKA_CERT_SHA1_HASH MULTILINE_OCTAL\n") + "CKA_CERT_SHA1_HASH MULTILINE_OCTAL\n".length();
        String damaged = trust.substring(0, sha1) + "\\000" + trust.substring(sha1 + 4);
        CertDataException e = assertThrows(CertDataException.class,
                () -> CaBundle.fromCertData("certdata.txt", certdata.replace(trust, damaged)));
        assertTrue(e.getMessage().contains("ISRG Root X1") && e.getMessage().contains("CKA_CERT_SHA1_HASH"),
                e.getMessage());
    }

    @Test
    void aMalformedLineIsRefusedNamingIt() {
        String broken = certdata.replaceFirst("\nEND\n", "\n\\060 not octal\nEND\n");
        CertDataException e = assertThrows(CertDataException.class,
                () -> CaBundle.fromCertData("certdata.txt", broken));
        assertTrue(e.getMessage().startsWith("certdata.txt:") && e.getMessage().contains("not an octal line"),
                e.getMessage());
        assertThrows(CertDataException.class, () -> CaBundle.fromCertData("x.txt", "no data here\n"));
    }

    @Test
    void labelsAreReadAsUtf8() throws IOException {
        List<String> labels = CaBundle.fromCertData("certdata.txt", certdata).certificates().stream()
                .map(TrustedCertificate::label).toList();
        assertTrue(labels.contains("NetLock Arany (Class Gold) Főtanúsítvány"), labels.toString());
        NssObject escaped = new NssObject(1, Map.of("CKA_LABEL", "\"T\\303\\251st \uD83D\uDD12\""), Map.of());
        assertEquals("Tést \uD83D\uDD12", escaped.label(), "octal escapes as UTF-8 bytes, other characters whole");
    }

    /** The text of the object of {@code objectClass} labelled {@code label}, from its CKA_CLASS line to END-ed end. */
    private static String objectOf(String label, String objectClass) {
        String[] objects = certdata.split("\n\n");
        return Arrays.stream(objects)
                .filter(o -> o.contains("CKA_CLASS CK_OBJECT_CLASS " + objectClass + "\n")
                        && o.contains("CKA_LABEL UTF8 \"" + label + "\"\n"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + objectClass + " " + label));
    }

    /** The SHA-256 of the CKA_VALUE of the certificate object labelled {@code label}, from the parser's objects. */
    private static String fingerprintOfObject(String label) {
        try {
            return new CertDataParser().parse("certdata.txt", certdata).stream()
                    .filter(o -> o.objectClass().equals("CKO_CERTIFICATE") && o.label().equals(label))
                    .map(o -> new TrustedCertificate(label, o.octetsOf("CKA_VALUE").orElseThrow()).sha256Fingerprint())
                    .findFirst().orElseThrow(() -> new AssertionError("no certificate " + label));
        } catch (CertDataException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String fingerprintOf(String opensslLine) {
        // sha256 Fingerprint=96:BC:...  (the label's case differs between openssl versions)
        return opensslLine.substring(opensslLine.indexOf('=') + 1).replace(":", "").strip().toLowerCase(Locale.ROOT);
    }
}
