package io.kimigayo.signing.attestation;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DSSE envelopes: the PAE of the specification, deterministic signatures, openssl as the judge of the signature. */
class DsseTest {

    @TempDir
    Path dir;

    static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void paeIsTheSpecificationsEncoding() {
        // the example of the DSSE v1 protocol document
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
        // lengths are in bytes, not characters
        assertEquals("DSSEv1 1 t 3 \u00e9x", new String(Dsse.pae("t", "\u00e9x".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }

    @Test
    void anEnvelopeIsDeterministicAndItsSignatureOverThePaeVerifiesWithOpenssl() throws Exception {
        KeyPair key = newKey();
        byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] envelope = Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement, key.getPrivate());
        assertArrayEquals(envelope, Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement, key.getPrivate()));
        assertTrue(new String(envelope, StandardCharsets.UTF_8).startsWith(
                "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""), new String(envelope));

        Dsse.Envelope parsed = Dsse.Envelope.parse(envelope);
        assertArrayEquals(statement, parsed.payload());
        assertTrue(parsed.verifiedBy(key.getPublic()));
        assertFalse(parsed.verifiedBy(newKey().getPublic()));

        Path pae = Files.write(dir.resolve("pae"), Dsse.pae(parsed.payloadType(), parsed.payload()));
        Path sig = Files.write(dir.resolve("sig.der"), parsed.signatures().get(0));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key.getPublic());
        }
        Path pub = Files.writeString(dir.resolve("key.pub"), text.toString());
        assertEquals("0:Verified OK", openssl(pub, sig, pae));
        // the signature is over the PAE, not over the bare payload
        Path bare = Files.write(dir.resolve("bare"), statement);
        assertTrue(openssl(pub, sig, bare).contains("Verification failure"));
    }

    @Test
    void aChangedPayloadOrTypeNoLongerVerifies() throws Exception {
        KeyPair key = newKey();
        Dsse.Envelope parsed = Dsse.Envelope.parse(Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, "{}".getBytes(),
                key.getPrivate()));
        assertFalse(new Dsse.Envelope(parsed.payloadType(), "{ }".getBytes(), parsed.signatures())
                .verifiedBy(key.getPublic()));
        assertFalse(new Dsse.Envelope("application/json", parsed.payload(), parsed.signatures())
                .verifiedBy(key.getPublic()));
    }

    @Test
    void whatIsNotAnEnvelopeSaysWhy() {
        assertTrue(assertThrows(java.io.IOException.class, () -> Dsse.Envelope.parse("[1".getBytes()))
                .getMessage().startsWith("not a DSSE envelope: not JSON"));
        assertEquals("not a DSSE envelope: it lacks payloadType, payload or signatures",
                assertThrows(java.io.IOException.class, () -> Dsse.Envelope.parse("{\"payload\":\"\"}".getBytes()))
                        .getMessage());
    }

    private static String openssl(Path pub, Path sig, Path data) throws Exception {
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature",
                sig.toString(), data.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out;
    }
}
