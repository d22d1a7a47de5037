package io.kimigayo.rootfs.cacerts;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own CA certificates, added through {@code files} under {@link #DIRECTORY} as PEM {@code *.crt} files
 * (what Debian's and Alpine's {@code update-ca-certificates} take), appended to the bundle at build time: after the
 * bundle's certificates, in the order of the file names, each certificate re-encoded as a PEM block of its DER
 * bytes. A rootfs without the bundle gets one that holds these certificates alone (and the link
 * {@link CaBundle#CERT_PEM_PATH}). The files themselves stay where they were added.
 */
public final class LocalCertificates {

    /** Where the user's CA certificates go. */
    public static final String DIRECTORY = "/usr/local/share/ca-certificates";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private LocalCertificates() {
    }

    /**
     * Appends the certificates under {@link #DIRECTORY} of {@code tree} to its bundle; returns how many (0: the
     * tree is left as it was).
     *
     * @throws IOException naming the file, for a file there that is not a {@code .crt} of PEM certificates
     */
    public static int appendTo(FileTree tree) throws IOException {
        TreePath dir = TreePath.of(DIRECTORY);
        List<byte[]> certificates = new ArrayList<>();
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            if (!e.getKey().toString().startsWith(DIRECTORY + "/") || e.getValue().isDirectory()) {
                continue;
            }
            String path = e.getKey().toString();
            if (!(e.getValue() instanceof TreeEntry.RegularFile file)) {
                throw new IOException(path + " is a " + e.getValue().kind() + "; " + DIRECTORY + " takes PEM "
                        + "certificate files (*.crt) only: add the certificate itself there");
            }
            if (!path.endsWith(".crt")) {
                throw new IOException(path + ": " + DIRECTORY + " takes PEM certificate files named *.crt (as "
                        + "update-ca-certificates does); rename it, or add it elsewhere");
            }
            certificates.addAll(certificates(path, read(file.content())));
        }
        if (certificates.isEmpty()) {
            return 0;
        }
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        TreeEntry existing = tree.get(CaBundle.BUNDLE_PATH).orElse(null);
        int mode = 0644;
        int uid = 0;
        int gid = 0;
        if (existing instanceof TreeEntry.RegularFile file) {
            byte[] bytes = read(file.content());
            bundle.write(bytes);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                bundle.write('\n');
            }
            mode = file.mode();
            uid = file.uid();
            gid = file.gid();
        } else if (existing != null) {
            throw new IOException(CaBundle.BUNDLE_PATH + " is a " + existing.kind() + ": the certificates of "
                    + DIRECTORY + " are appended to a regular file only; add the bundle as a file");
        }
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (byte[] der : certificates) {
            bundle.write(("-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII));
        }
        tree.addFile(CaBundle.BUNDLE_PATH, Content.of(bundle.toByteArray()), mode, uid, gid);
        if (tree.get(CaBundle.CERT_PEM_PATH).isEmpty()) {
            tree.addSymlink(CaBundle.CERT_PEM_PATH, "certs/ca-certificates.crt", 0, 0);
        }
        return certificates.size();
    }

    /** The DER bytes of each PEM certificate of a file, checked to be X.509; anything else but space is refused. */
    static List<byte[]> certificates(String path, byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        List<byte[]> ders = new ArrayList<>();
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank()) {
                throw notPem(path, "text outside a -----BEGIN CERTIFICATE----- block");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1));
            } catch (IllegalArgumentException e) {
                throw notPem(path, "a block that is not base64 (" + e.getMessage() + ")");
            }
            try (InputStream in = new ByteArrayInputStream(der)) {
                Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                        .generateCertificates(in);
                if (parsed.size() != 1) {
                    throw notPem(path, "a block that is not an X.509 certificate (it holds " + parsed.size()
                            + ")");
                }
            } catch (CertificateException e) {
                throw notPem(path, "a block that is not an X.509 certificate (" + e.getMessage() + ")");
            }
            ders.add(der);
            end = m.end();
        }
        if (ders.isEmpty()) {
            throw notPem(path, "no -----BEGIN CERTIFICATE----- block");
        }
        if (!text.substring(end).isBlank()) {
            throw notPem(path, "text after the last certificate");
        }
        return ders;
    }

    private static IOException notPem(String path, String what) {
        return new IOException(path + " is not a PEM certificate file: " + what + ". " + DIRECTORY + " takes "
                + "X.509 certificates in PEM (-----BEGIN CERTIFICATE-----, as openssl x509 -outform PEM writes them)");
    }

    private static byte[] read(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }
}
