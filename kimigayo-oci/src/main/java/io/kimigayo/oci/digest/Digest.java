package io.kimigayo.oci.digest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kimigayo.core.hash.Sha256;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest as OCI writes it: {@code sha256:} followed by 64 lower-case hex digits. */
public record Digest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + hex + " (expected 64 lower-case hex digits)");
        }
    }

    @JsonCreator
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new IllegalArgumentException("unsupported digest " + text + "; Kimigayo reads sha256:<hex> digests");
        }
        return new Digest(text.substring("sha256:".length()));
    }

    public static Digest of(byte[] bytes) {
        return fromBytes(Sha256.newDigest().digest(bytes));
    }

    public static Digest fromBytes(byte[] sha256) {
        return new Digest(HexFormat.of().formatHex(sha256));
    }


    @JsonValue
    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
