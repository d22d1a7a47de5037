package io.kimigayo.signing.key;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDSA keys on NIST P-256 (secp256r1, prime256v1), the only kind cosign generates and Kimigayo signs with: parsing
 * PKCS#8, SEC1 and SubjectPublicKeyInfo DER with a clear refusal of every other kind, and encoding them as Go's
 * crypto/x509 does (so our files look like cosign's).
 */
final class P256 {

    static final ASN1ObjectIdentifier CURVE = SECObjectIdentifiers.secp256r1;
    static final String SUPPORTED = "Kimigayo signs with ECDSA P-256 (prime256v1) keys only, the kind cosign generates";

    private static final X9ECParameters X9 = CustomNamedCurves.getByOID(CURVE);
    private static final ECParameterSpec JCA = jcaParameters();
    private static final AlgorithmIdentifier EC_P256 = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, CURVE);

    private static final Map<String, String> OTHER_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "an RSA key",
            "1.2.840.113549.1.1.10", "an RSASSA-PSS key",
            "1.3.101.112", "an Ed25519 key",
            "1.3.101.113", "an Ed448 key",
            "1.3.101.110", "an X25519 key",
            "1.3.101.111", "an X448 key",
            "1.2.840.10040.4.1", "a DSA key",
            "1.2.840.113549.1.3.1", "a Diffie-Hellman key");

    private P256() {
    }

    // ---- reading ----

    /** The DER structure of {@code der}; Bouncy Castle answers null (not an error) for no bytes at all. */
    private static ASN1Primitive der(byte[] der) throws IOException {
        ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
        if (primitive == null) {
            throw new IOException("it holds no DER structure");
        }
        return primitive;
    }

    /** A PKCS#8 {@code PrivateKeyInfo} holding an EC key on P-256. */
    static ECPrivateKey fromPkcs8(byte[] der, String source) throws KeyFormatException {
        PrivateKeyInfo info;
        ASN1Encodable inner;
        try {
            info = PrivateKeyInfo.getInstance(der(der));
            requireEcP256(info.getPrivateKeyAlgorithm(), source);
            inner = info.parsePrivateKey();
        } catch (KeyFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) { // Bouncy Castle on a malformed structure: many kinds
            throw new KeyFormatException(source, "not a PKCS#8 private key (" + e.getMessage() + ")", e);
        }
        return fromEcPrivateKey(inner, true, source);
    }

    /** A SEC1 {@code ECPrivateKey} (PEM {@code EC PRIVATE KEY}), which must name its curve. */
    static ECPrivateKey fromSec1(byte[] der, String source) throws KeyFormatException {
        ASN1Primitive primitive;
        try {
            primitive = der(der);
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException(source, "not a SEC1 EC private key (" + e.getMessage() + ")", e);
        }
        return fromEcPrivateKey(primitive, false, source);
    }

    /** A {@code SubjectPublicKeyInfo} holding an EC point on P-256. */
    static ECPublicKey fromSpki(byte[] der, String source) throws KeyFormatException {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der(der));
            requireEcP256(info.getAlgorithm(), source);
            return toJca(decodePoint(info.getPublicKeyData(), source));
        } catch (KeyFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) { // Bouncy Castle on a malformed structure: many kinds
            throw new KeyFormatException(source, "not a SubjectPublicKeyInfo public key (" + e.getMessage() + ")", e);
        }
    }

    private static ECPrivateKey fromEcPrivateKey(ASN1Encodable encodable, boolean curveKnown, String source)
            throws KeyFormatException {
        try {
            return ecPrivateKey(encodable, curveKnown, source);
        } catch (RuntimeException e) {
            // Bouncy Castle parses the optional fields lazily, and says what it did not expect with many kinds of
            // runtime exception (IllegalStateException, ArithmeticException, ClassCastException...)
            throw new KeyFormatException(source, "not an EC private key (" + e.getMessage() + ")", e);
        }
    }

    private static ECPrivateKey ecPrivateKey(ASN1Encodable encodable, boolean curveKnown, String source)
            throws KeyFormatException {
        ASN1Sequence sequence = ASN1Sequence.getInstance(encodable);
        if (sequence.size() < 2 || !ASN1Integer.getInstance(sequence.getObjectAt(0)).hasValue(1)) {
            throw new IllegalArgumentException("not an ECPrivateKey version 1 structure");
        }
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sequence);
        BigInteger s = sec1.getKey();
        ASN1Object parameters = sec1.getParametersObject();
        if (parameters != null) {
            requireP256(X962Parameters.getInstance(parameters), source);
        } else if (!curveKnown) {
            throw new KeyFormatException(source, "the EC private key does not name its curve; " + SUPPORTED);
        }
        if (s.signum() <= 0 || s.compareTo(X9.getN()) >= 0) {
            throw new KeyFormatException(source, "the EC private key is not a valid P-256 private key (its scalar "
                    + "is out of range): the file is damaged");
        }
        ECPrivateKey key = toJca(s);
        ASN1BitString storedPublic = sec1.getPublicKey();
        if (storedPublic != null && !decodePoint(storedPublic, source).equals(multiplyG(s))) {
            throw new KeyFormatException(source, "the public key stored with the private key does not belong to "
                    + "it: the file is damaged");
        }
        return key;
    }

    private static void requireEcP256(AlgorithmIdentifier algorithm, String source) throws KeyFormatException {
        String oid = algorithm.getAlgorithm().getId();
        if (!X9ObjectIdentifiers.id_ecPublicKey.getId().equals(oid)) {
            throw new KeyFormatException(source, "this is " + OTHER_ALGORITHMS.getOrDefault(oid,
                    "a key of algorithm " + oid) + "; " + SUPPORTED);
        }
        if (algorithm.getParameters() == null) {
            throw new KeyFormatException(source, "the EC key does not name its curve; " + SUPPORTED);
        }
        requireP256(X962Parameters.getInstance(algorithm.getParameters()), source);
    }

    private static void requireP256(X962Parameters parameters, String source) throws KeyFormatException {
        if (!parameters.isNamedCurve()) {
            throw new KeyFormatException(source, "the EC key spells out its curve parameters instead of naming its "
                    + "curve; " + SUPPORTED);
        }
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(parameters.getParameters());
        if (!CURVE.equals(curve)) {
            throw new KeyFormatException(source, "this is an EC key on curve " + curveName(curve) + "; " + SUPPORTED);
        }
    }

    private static String curveName(ASN1ObjectIdentifier curve) {
        String name = ECNamedCurveTable.getName(curve);
        String nist = NISTNamedCurves.getName(curve);
        if (name == null) {
            return curve.getId();
        }
        return nist != null && !nist.equals(name) ? name + " (" + nist + ")" : name;
    }

    private static ECPoint decodePoint(ASN1BitString bits, String source) throws KeyFormatException {
        try {
            ECPoint point = X9.getCurve().decodePoint(bits.getOctets()).normalize();
            if (point.isInfinity()) {
                throw new IllegalArgumentException("the point at infinity");
            }
            return point;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new KeyFormatException(source, "the EC public key is not a point on P-256 (" + e.getMessage()
                    + ")", e);
        }
    }

    // ---- writing ----

    /**
     * PKCS#8 DER exactly as Go's {@code x509.MarshalPKCS8PrivateKey} writes an ECDSA key (what cosign encrypts): the
     * named curve in the algorithm identifier; inside, version 1, the 32-byte scalar and the public key, no curve.
     */
    static byte[] pkcs8(ECPrivateKey key) {
        requireP256(key, "private key");
        BigInteger s = key.getS();
        DERBitString publicKey = new DERBitString(multiplyG(s).getEncoded(false));
        try {
            return new PrivateKeyInfo(EC_P256, new org.bouncycastle.asn1.sec.ECPrivateKey(256, s, publicKey, null))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode a P-256 private key", e);
        }
    }

    /** SubjectPublicKeyInfo DER with the named curve and the uncompressed point, as Go's MarshalPKIXPublicKey. */
    static byte[] spki(ECPublicKey key) {
        requireP256(key, "public key");
        ECPoint point = X9.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
        try {
            return new SubjectPublicKeyInfo(EC_P256, point.getEncoded(false)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode a P-256 public key", e);
        }
    }

    // ---- keys ----

    static ECPublicKey publicKeyOf(ECPrivateKey key) {
        requireP256(key, "private key");
        return toJca(multiplyG(key.getS()));
    }

    static ECParameterSpec parameters() {
        return JCA;
    }

    /** Fails with IllegalArgumentException when {@code key} is not on P-256. */
    static void requireP256(ECKey key, String what) {
        ECParameterSpec spec = key.getParams();
        boolean p256 = spec != null && spec.getCurve().equals(JCA.getCurve())
                && spec.getGenerator().equals(JCA.getGenerator()) && spec.getOrder().equals(JCA.getOrder())
                && spec.getCofactor() == JCA.getCofactor();
        if (!p256) {
            throw new IllegalArgumentException("the " + what + " is not on curve P-256; " + SUPPORTED);
        }
    }

    private static ECPoint multiplyG(BigInteger s) {
        return new FixedPointCombMultiplier().multiply(X9.getG(), s).normalize();
    }

    private static ECPrivateKey toJca(BigInteger s) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, JCA));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make an EC P-256 private key", e);
        }
    }

    private static ECPublicKey toJca(ECPoint point) {
        java.security.spec.ECPoint w = new java.security.spec.ECPoint(
                point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger());
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, JCA));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make an EC P-256 public key", e);
        }
    }

    private static ECParameterSpec jcaParameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime does not know curve secp256r1", e);
        }
    }
}
