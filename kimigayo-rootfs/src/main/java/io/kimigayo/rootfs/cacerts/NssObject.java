package io.kimigayo.rootfs.cacerts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One object of {@code certdata.txt}: its attributes as written ({@code CKA_CLASS CK_OBJECT_CLASS CKO_CERTIFICATE}),
 * the text value of each one-line attribute and the bytes of each {@code MULTILINE_OCTAL} one.
 *
 * @param line   the line of the file where the object starts (for messages)
 * @param values one-line attributes: name to value ({@code CKO_CERTIFICATE}, {@code "ISRG Root X1"} with its
 *               quotes, {@code CK_TRUE}), the type left out
 * @param octets {@code MULTILINE_OCTAL} attributes: name to bytes
 */
public record NssObject(int line, Map<String, String> values, Map<String, byte[]> octets) {

    public NssObject {
        values = Map.copyOf(values);
        octets = Map.copyOf(octets);
    }

    /** The object's class ({@code CKO_CERTIFICATE}, {@code CKO_NSS_TRUST}, …), or empty. */
    public String objectClass() {
        return values.getOrDefault("CKA_CLASS", "");
    }

    /** The label without its quotes, {@code \ooo} escapes decoded as UTF-8, or {@code "(no label)"}. */
    public String label() {
        String raw = values.get("CKA_LABEL");
        if (raw == null) {
            return "(no label)";
        }
        String quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")
                ? raw.substring(1, raw.length() - 1) : raw;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < quoted.length(); ) {
            if (quoted.charAt(i) == '\\' && i + 3 < quoted.length()
                    && quoted.substring(i + 1, i + 4).matches("[0-3][0-7]{2}")) {
                bytes.write(Integer.parseInt(quoted.substring(i + 1, i + 4), 8));
                i += 4;
            } else {
                int codePoint = quoted.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The bytes of a {@code MULTILINE_OCTAL} attribute (a copy), or empty. */
    public Optional<byte[]> octetsOf(String attribute) {
        return Optional.ofNullable(octets.get(attribute)).map(byte[]::clone);
    }
}
