package io.kimigayo.rootfs.cacerts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the objects of NSS's {@code certdata.txt} (Mozilla's root store, as shipped in NSS and in Debian's
 * {@code ca-certificates} source): everything after {@code BEGINDATA}, objects separated by empty lines, one
 * attribute a line ({@code NAME TYPE VALUE}), {@code MULTILINE_OCTAL} values as {@code \ooo} escapes up to
 * {@code END}. Comment lines ({@code #}) are skipped. Anything else is an error naming the line.
 */
public final class CertDataParser {

    /**
     * Parses a whole file.
     *
     * @param fileName the file's name, for messages
     * @param text     its content
     * @throws CertDataException for a malformed line, an unterminated multi-line value, or no {@code BEGINDATA}
     */
    public List<NssObject> parse(String fileName, String text) throws CertDataException {
        String[] lines = text.split("\n", -1);
        List<NssObject> objects = new ArrayList<>();
        boolean inData = false;
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, byte[]> octets = new LinkedHashMap<>();
        int start = 0;
        String multiline = null;
        int multilineStart = 0;
        ByteArrayOutputStream bytes = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (!inData) {
                inData = line.startsWith("BEGINDATA");
                continue;
            }
            if (multiline != null) {
                if (line.equals("END")) {
                    octets.put(multiline, bytes.toByteArray());
                    multiline = null;
                    continue;
                }
                String s = line.strip();
                if (s.length() % 4 != 0 || !s.matches("(\\\\[0-3][0-7]{2})*")) {
                    throw new CertDataException(fileName + ":" + lineNumber + ": not an octal line of " + multiline
                            + " (\\ooo escapes up to END): " + abbreviate(line));
                }
                for (int k = 0; k < s.length(); k += 4) {
                    bytes.write(Integer.parseInt(s.substring(k + 1, k + 4), 8));
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!values.isEmpty() || !octets.isEmpty()) {
                    objects.add(new NssObject(start, values, octets));
                    values = new LinkedHashMap<>();
                    octets = new LinkedHashMap<>();
                }
                continue;
            }
            String[] parts = line.strip().split("\\s+", 3);
            if (parts.length < 2 || !parts[0].startsWith("CKA_")) {
                throw new CertDataException(fileName + ":" + lineNumber + ": not an attribute line (NAME TYPE "
                        + "VALUE): " + abbreviate(line));
            }
            if (values.isEmpty() && octets.isEmpty()) {
                start = lineNumber;
            }
            if (values.containsKey(parts[0]) || octets.containsKey(parts[0])) {
                throw new CertDataException(fileName + ":" + lineNumber + ": " + parts[0] + " a second time in the "
                        + "object of line " + start);
            }
            if (parts[1].equals("MULTILINE_OCTAL")) {
                multiline = parts[0];
                multilineStart = lineNumber;
                bytes = new ByteArrayOutputStream();
            } else {
                values.put(parts[0], parts.length == 3 ? parts[2] : "");
            }
        }
        if (!inData) {
            throw new CertDataException(fileName + ": no BEGINDATA line; is this NSS's certdata.txt?");
        }
        if (multiline != null) {
            throw new CertDataException(fileName + ":" + multilineStart + ": " + multiline
                    + " has no END before the end of the file");
        }
        if (!values.isEmpty() || !octets.isEmpty()) {
            objects.add(new NssObject(start, values, octets));
        }
        return List.copyOf(objects);
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
