package io.kimigayo.signing.key;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks (RFC 7468) as Go's encoding/pem reads and writes them: base64 in 64-character lines. */
final class Pem {

    /** One block: its label ({@code PUBLIC KEY}), whether it carried RFC 1421 headers, and its DER body. */
    record Block(String label, boolean hasHeaders, byte[] body) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Za-z0-9][A-Za-z0-9 ]*)-----[ \\t]*\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("^[A-Za-z0-9-]+:.*$", Pattern.MULTILINE);

    private Pem() {
    }

    /** The PEM text of one block, ending with a newline. */
    static String encode(String label, byte[] body) {
        String base64 = Base64.getEncoder().encodeToString(body);
        StringBuilder pem = new StringBuilder(base64.length() + 2 * label.length() + 64);
        pem.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += 64) {
            pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return pem.append("-----END ").append(label).append("-----\n").toString();
    }

    /**
     * Every block in {@code content}, in order; text around blocks is ignored (as openssl and Go do).
     *
     * @param source names the input in error messages
     */
    static List<Block> decode(byte[] content, String source) throws KeyFormatException {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String label = matcher.group(1);
            String inside = matcher.group(2);
            boolean hasHeaders = false;
            Matcher header = HEADER.matcher(inside);
            int bodyStart = 0;
            while (header.find() && header.start() == bodyStart) {
                hasHeaders = true;
                bodyStart = header.end();
                while (bodyStart < inside.length() && (inside.charAt(bodyStart) == '\r'
                        || inside.charAt(bodyStart) == '\n')) {
                    bodyStart++;
                }
            }
            String base64 = inside.substring(bodyStart).replaceAll("[ \\t\\r\\n]", "");
            try {
                blocks.add(new Block(label, hasHeaders, Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new KeyFormatException(source, "the PEM block \"" + label + "\" is not valid base64 ("
                        + e.getMessage() + ")");
            }
        }
        if (blocks.isEmpty()) {
            throw new KeyFormatException(source, "not a PEM file (no -----BEGIN ...----- / -----END ...----- block)");
        }
        return blocks;
    }
}
