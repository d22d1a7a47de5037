package io.kimigayo.rootfs.cacerts;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The CA bundle made from Mozilla's {@code certdata.txt}: the certificates Mozilla trusts for server
 * authentication, as PEM.
 *
 * <p>What goes in, and in which order:
 * <ul>
 *   <li>A certificate ({@code CKO_CERTIFICATE}) is in when its trust object ({@code CKO_NSS_TRUST}, matched by
 *   {@code CKA_ISSUER} and {@code CKA_SERIAL_NUMBER}, the certificate's identity in NSS) says
 *   {@code CKA_TRUST_SERVER_AUTH CKT_NSS_TRUSTED_DELEGATOR}. Certificates trusted only for e-mail, explicitly
 *   distrusted ({@code CKT_NSS_NOT_TRUSTED}) or left to verification ({@code CKT_NSS_MUST_VERIFY_TRUST}) are out.
 *   The trust object's {@code CKA_CERT_SHA1_HASH} must be the certificate's SHA-1, or the file is refused.</li>
 *   <li>A certificate with a server distrust-after date ({@code CKA_NSS_SERVER_DISTRUST_AFTER} given as a date
 *   rather than {@code CK_FALSE}) is left out: Mozilla trusts it only for certificates issued before that date, a
 *   PEM bundle cannot say so, and OpenSSL would trust certificates issued after it too. Leaving it out does not
 *   depend on the build's clock, so the bundle stays the same for the same {@code certdata.txt}. (Debian's
 *   {@code certdata2pem.py} ignores the field and keeps such a certificate.) Expired certificates are kept, as
 *   Mozilla keeps them: a bundle that depended on the build date would not be reproducible.</li>
 *   <li>The order is the order of {@code certdata.txt}; each certificate is a PEM block (base64 in lines of 64
 *   characters, {@code \n} line ends) with nothing between blocks. The same file gives the same bytes.</li>
 * </ul>
 * Every certificate is parsed by the JDK's X.509 {@link CertificateFactory}; one that does not parse fails the
 * conversion naming its label.
 *
 * @param certificates   the certificates of the bundle, in {@code certdata.txt}'s order
 * @param distrustedAfter labels of trusted certificates left out for a server distrust-after date
 */
public record CaBundle(List<TrustedCertificate> certificates, List<String> distrustedAfter) {

    /** Where the bundle goes in the rootfs. */
    public static final String BUNDLE_PATH = "/etc/ssl/certs/ca-certificates.crt";
    /** The link to the bundle that OpenSSL-style software looks for (LibreSSL, Alpine). */
    public static final String CERT_PEM_PATH = "/etc/ssl/cert.pem";

    private static final String TRUSTED_DELEGATOR = "CKT_NSS_TRUSTED_DELEGATOR";

    public CaBundle {
        certificates = List.copyOf(certificates);
        distrustedAfter = List.copyOf(distrustedAfter);
    }

    /**
     * Converts a {@code certdata.txt}.
     *
     * @param fileName the file's name, for messages
     * @param text     its content
     * @throws CertDataException when the file is malformed, a trust object has no certificate or the wrong SHA-1,
     *                           two trust objects name one certificate, or a certificate does not parse
     */
    public static CaBundle fromCertData(String fileName, String text) throws CertDataException {
        List<NssObject> objects = new CertDataParser().parse(fileName, text);
        Map<String, NssObject> trusts = new HashMap<>();
        for (NssObject o : objects) {
            if (o.objectClass().equals("CKO_NSS_TRUST")) {
                NssObject earlier = trusts.put(identity(fileName, o), o);
                if (earlier != null) {
                    throw new CertDataException(fileName + ":" + o.line() + ": a second trust object for the "
                            + "certificate of '" + o.label() + "' (the first at line " + earlier.line() + ")");
                }
            }
        }
        CertificateFactory x509;
        try {
            x509 = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        List<TrustedCertificate> certificates = new ArrayList<>();
        List<String> distrusted = new ArrayList<>();
        java.util.Set<String> matched = new java.util.HashSet<>();
        for (NssObject o : objects) {
            if (!o.objectClass().equals("CKO_CERTIFICATE")) {
                continue;
            }
            String id = identity(fileName, o);
            NssObject trust = trusts.get(id);
            if (trust == null) {
                continue; // no trust object: NSS gives such a certificate no trust of its own
            }
            matched.add(id);
            if (!TRUSTED_DELEGATOR.equals(trust.values().get("CKA_TRUST_SERVER_AUTH"))) {
                continue;
            }
            byte[] der = o.octetsOf("CKA_VALUE").orElseThrow(() -> new CertDataException(fileName + ":"
                    + o.line() + ": the certificate '" + o.label() + "' has no CKA_VALUE"));
            byte[] sha1 = trust.octetsOf("CKA_CERT_SHA1_HASH").orElse(null);
            if (sha1 != null && !Arrays.equals(sha1, digest("SHA-1", der))) {
                throw new CertDataException(fileName + ":" + trust.line() + ": the trust object of '" + o.label()
                        + "' gives CKA_CERT_SHA1_HASH " + HexFormat.of().formatHex(sha1) + ", but the certificate "
                        + "(line " + o.line() + ") has SHA-1 " + HexFormat.of().formatHex(digest("SHA-1", der))
                        + "; the file is damaged: take it from its pinned source again");
            }
            try {
                x509.generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException e) {
                throw new CertDataException(fileName + ":" + o.line() + ": the certificate '" + o.label()
                        + "' is not a DER X.509 certificate the JDK can read: " + e.getMessage(), e);
            }
            if (o.octets().containsKey("CKA_NSS_SERVER_DISTRUST_AFTER")) {
                distrusted.add(o.label());
                continue;
            }
            certificates.add(new TrustedCertificate(o.label(), der));
        }
        for (Map.Entry<String, NssObject> t : trusts.entrySet()) {
            if (!matched.contains(t.getKey())
                    && TRUSTED_DELEGATOR.equals(t.getValue().values().get("CKA_TRUST_SERVER_AUTH"))) {
                throw new CertDataException(fileName + ":" + t.getValue().line() + ": the trust object of '"
                        + t.getValue().label() + "' trusts a certificate the file does not hold (no "
                        + "CKO_CERTIFICATE with its issuer and serial number)");
            }
        }
        return new CaBundle(certificates, distrusted);
    }

    /** The bundle as PEM: one block per certificate, in order. */
    public byte[] pem() {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder out = new StringBuilder();
        for (TrustedCertificate c : certificates) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(base64.encodeToString(c.der()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String identity(String fileName, NssObject o) throws CertDataException {
        byte[] issuer = o.octetsOf("CKA_ISSUER").orElse(null);
        byte[] serial = o.octetsOf("CKA_SERIAL_NUMBER").orElse(null);
        if (issuer == null || serial == null) {
            throw new CertDataException(fileName + ":" + o.line() + ": the " + o.objectClass() + " '" + o.label()
                    + "' lacks CKA_ISSUER or CKA_SERIAL_NUMBER");
        }
        return HexFormat.of().formatHex(issuer) + "/" + HexFormat.of().formatHex(serial);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
