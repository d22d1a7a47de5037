package io.kimigayo.signing.cosign;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * ECDSA over SHA-256 with ASN.1 DER signatures, as cosign makes and openssl checks them. Signing uses deterministic
 * nonces (RFC 6979): the same key and payload always give the same signature, so signing an image again changes
 * nothing and signed outputs stay reproducible.
 */
public final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    /** Signs SHA-256 of {@code data}; returns the DER-encoded (r, s). */
    public static byte[] sign(PrivateKey key, byte[] data) {
        if (!(key instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("cosign signatures need an EC (P-256) private key, not "
                    + key.getAlgorithm());
        }
        try {
            ECPrivateKeyParameters params = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, params);
            SHA256Digest sha = new SHA256Digest();
            sha.update(data, 0, data.length);
            byte[] hash = new byte[sha.getDigestSize()];
            sha.doFinal(hash, 0);
            BigInteger[] rs = signer.generateSignature(hash);
            BigInteger n = params.getParameters().getN();
            BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(rs[0]));
            v.add(new ASN1Integer(s));
            return new DERSequence(v).getEncoded();
        } catch (InvalidKeyException | IOException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} (DER) is a valid ECDSA-SHA256 signature of {@code data} by {@code key}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (!(key instanceof ECPublicKey)) {
            return false;
        }
        try {
            ASN1Sequence.getInstance(signature);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
