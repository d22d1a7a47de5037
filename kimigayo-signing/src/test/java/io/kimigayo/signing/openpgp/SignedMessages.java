package io.kimigayo.signing.openpgp;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a signed message with Bouncy Castle, checking it has exactly the shape containers/image expects (one-pass
 * signature, literal data, signature) and that the signature verifies with a public key file: a second check beside
 * gpg and skopeo.
 */
final class SignedMessages {

    /** What a signed message holds. */
    record Verified(boolean valid, byte[] payload, PGPLiteralData literal, PGPSignature signature) {
    }

    private SignedMessages() {
    }

    static Verified verify(byte[] message, Path publicKeyFile) throws IOException, PGPException {
        PGPPublicKeyRingCollection keys;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(publicKeyFile))) {
            keys = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        }
        PGPObjectFactory objects = new PGPObjectFactory(message, new BcKeyFingerprintCalculator());
        Object first = objects.nextObject();
        if (!(first instanceof PGPOnePassSignatureList)) {
            throw new AssertionError("first packet is " + first + ", expected a one-pass signature");
        }
        PGPOnePassSignature onePass = ((PGPOnePassSignatureList) first).get(0);
        Object second = objects.nextObject();
        if (!(second instanceof PGPLiteralData)) {
            throw new AssertionError("second packet is " + second + ", expected literal data");
        }
        PGPLiteralData literal = (PGPLiteralData) second;
        byte[] payload = literal.getInputStream().readAllBytes();
        Object third = objects.nextObject();
        if (!(third instanceof PGPSignatureList)) {
            throw new AssertionError("third packet is " + third + ", expected a signature");
        }
        PGPSignature signature = ((PGPSignatureList) third).get(0);
        if (objects.nextObject() != null) {
            throw new AssertionError("packets after the signature");
        }
        PGPPublicKey key = keys.getPublicKey(onePass.getKeyID());
        if (key == null) {
            return new Verified(false, payload, literal, signature);
        }
        onePass.init(new BcPGPContentVerifierBuilderProvider(), key);
        onePass.update(payload);
        return new Verified(onePass.verify(signature), payload, literal, signature);
    }
}
