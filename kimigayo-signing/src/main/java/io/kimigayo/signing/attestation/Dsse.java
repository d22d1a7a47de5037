package io.kimigayo.signing.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kimigayo.signing.cosign.EcdsaSignatures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DSSE (Dead Simple Signing Envelope) v1, as cosign attest writes it: the signature is over the pre-authentication
 * encoding {@code PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, ECDSA P-256 with SHA-256,
 * DER, base64; the envelope is {@code {"payloadType","payload"(base64),"signatures":[{"keyid":"","sig"}]}}.
 * Signatures are deterministic (RFC 6979), so the same key and payload give the same envelope bytes.
 */
public final class Dsse {

    /** The payload type of an in-toto statement. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private Dsse() {
    }

    /** The pre-authentication encoding: what a DSSE signature signs. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An envelope around {@code payload}, signed with {@code key}: its JSON bytes. */
    public static byte[] sign(String payloadType, byte[] payload, PrivateKey key) {
        String signature = Base64.getEncoder().encodeToString(EcdsaSignatures.sign(key, pae(payloadType, payload)));
        Map<String, Object> sig = new LinkedHashMap<>();
        sig.put("keyid", "");
        sig.put("sig", signature);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("payloadType", payloadType);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.put("signatures", List.of(sig));
        return AttestationJson.write(envelope);
    }

    /**
     * A parsed envelope.
     *
     * @param payloadType what the payload is
     * @param payload     the payload's bytes (decoded)
     * @param signatures  the DER signatures (decoded)
     */
    public record Envelope(String payloadType, byte[] payload, List<byte[]> signatures) {

        /**
         * Reads an envelope; a document that is not one gives an exception saying what is wrong with it.
         */
        public static Envelope parse(byte[] bytes) throws IOException {
            JsonNode root;
            try {
                root = AttestationJson.read(bytes);
            } catch (IOException e) {
                throw new IOException("not a DSSE envelope: not JSON (" + e.getMessage() + ")");
            }
            String type = root.path("payloadType").asText(null);
            String payload = root.path("payload").asText(null);
            if (type == null || payload == null || !root.path("signatures").isArray()) {
                throw new IOException("not a DSSE envelope: it lacks payloadType, payload or signatures");
            }
            List<byte[]> signatures = new ArrayList<>();
            try {
                for (JsonNode s : root.path("signatures")) {
                    signatures.add(Base64.getDecoder().decode(s.path("sig").asText("")));
                }
                return new Envelope(type, Base64.getDecoder().decode(payload), List.copyOf(signatures));
            } catch (IllegalArgumentException e) {
                throw new IOException("not a DSSE envelope: payload or sig is not base64");
            }
        }

        /** Whether one of the signatures is a valid signature of the PAE by {@code key}. */
        public boolean verifiedBy(PublicKey key) {
            byte[] pae = pae(payloadType, payload);
            return signatures.stream().anyMatch(s -> EcdsaSignatures.verify(key, pae, s));
        }
    }
}
