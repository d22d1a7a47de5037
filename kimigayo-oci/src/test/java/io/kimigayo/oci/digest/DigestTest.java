package io.kimigayo.oci.digest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static byte[] abc() {
        return "abc".getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void knownVectors() {
        assertEquals("sha256:" + EMPTY_SHA256, Digest.of(new byte[0]).toString());
        assertEquals(new Digest(ABC_SHA256), Digest.of(abc()));
        assertEquals(ABC_SHA256, Digest.of(abc()).hex());
    }

    @Test
    void parseAndToStringRoundTrip() {
        Digest d = Digest.parse("sha256:" + ABC_SHA256);
        assertEquals(ABC_SHA256, d.hex());
        assertEquals("sha256:" + ABC_SHA256, d.toString());
        assertEquals(d, Digest.parse(d.toString()));
    }

    @Test
    void fromBytes() {
        assertEquals(new Digest(ABC_SHA256), Digest.fromBytes(HexFormat.of().parseHex(ABC_SHA256)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {ABC_SHA256, "sha512:" + ABC_SHA256, "SHA256:" + ABC_SHA256, "md5:abc"})
    void unsupportedAlgorithmsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().startsWith("unsupported digest " + text), e.getMessage());
        assertTrue(e.getMessage().contains("sha256:<hex>"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
            "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            " ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"})
    void badHexIsRejected(String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Digest.parse("sha256:" + hex));
        assertTrue(e.getMessage().contains("64 lower-case hex digits"), e.getMessage());
        assertTrue(e.getMessage().contains(hex), e.getMessage());
    }

    @Test
    void nullHexIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Digest(null));
    }

    @Test
    void differentContentDifferentDigest() {
        assertNotEquals(Digest.of(abc()), Digest.of("abd".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void outputStreamDigestsAndCountsWhatPassesThrough() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DigestingOutputStream out = new DigestingOutputStream(sink);
        out.write('a');
        out.write("xbcx".getBytes(StandardCharsets.US_ASCII), 1, 2);
        out.flush();
        assertArrayEquals(abc(), sink.toByteArray());
        assertEquals(3, out.count());
        assertEquals(Digest.of(abc()), out.digest());
    }

    @Test
    void inputStreamDigestsAndCountsWhatIsRead() throws IOException {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data));
        assertEquals(data[0] & 0xff, in.read());
        byte[] rest = in.readAllBytes();
        assertEquals(-1, in.read());
        assertEquals(data.length - 1, rest.length);
        assertEquals(data.length, in.count());
        assertEquals(Digest.of(data), in.digest());
    }

    @Test
    void skippedBytesAreStillDigested() throws IOException {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data));
        assertEquals(4, in.skip(4));
        assertEquals('4', in.read());
        assertEquals(5, in.skip(100), "skip stops at the end");
        assertEquals(data.length, in.count());
        assertEquals(Digest.of(data), in.digest());
        assertFalse(in.markSupported());
    }

    @Test
    void transferToCountsEverything() throws IOException {
        byte[] data = new byte[70_000];
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data));
        try (InputStream s = in) {
            assertEquals(data.length, s.transferTo(java.io.OutputStream.nullOutputStream()));
        }
        assertEquals(data.length, in.count());
        assertEquals(Digest.of(data), in.digest());
    }

    @org.junit.jupiter.api.Test
    void aDigestingStreamGivesTheSameDigestWhenAskedTwice() throws java.io.IOException {
        byte[] bytes = "layer bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (DigestingInputStream in = new DigestingInputStream(new java.io.ByteArrayInputStream(bytes))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            org.junit.jupiter.api.Assertions.assertEquals(Digest.of(bytes), in.digest());
            org.junit.jupiter.api.Assertions.assertEquals(Digest.of(bytes), in.digest(), "not the digest of nothing");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, in::read);
        }
        DigestingOutputStream out = new DigestingOutputStream(java.io.OutputStream.nullOutputStream());
        out.write(bytes);
        org.junit.jupiter.api.Assertions.assertEquals(out.digest(), out.digest());
        org.junit.jupiter.api.Assertions.assertEquals(Digest.of(bytes), out.digest());
    }
}
