package io.kimigayo.rootfs.tree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * File names as the file system holds them: bytes, read as UTF-8, whatever the locale. Java turns a name into a
 * {@code String} with the locale's charset ({@code sun.jnu.encoding}): under {@code LANG=C} or {@code POSIX}, the
 * default of many CI containers, {@code 日本.txt} comes back as six U+FFFD characters, and two such names become
 * one. A {@link Path} read from a directory still holds the name's bytes, and {@link Path#toUri()} gives them
 * percent-encoded; this class reads them from there. A name that is not UTF-8 is refused: an image's tar entries
 * carry UTF-8 names.
 */
final class FileNames {

    private FileNames() {
    }

    /** The path of {@code file} below {@code base}, {@code a/b/c}, each name read from its bytes as UTF-8. */
    static String relative(Path base, Path file) throws IOException {
        String basePath = rawPath(base);
        String filePath = rawPath(file);
        if (!filePath.startsWith(basePath)) {
            throw new IOException(file + " is not below " + base);
        }
        String rest = filePath.substring(basePath.length());
        StringJoiner names = new StringJoiner("/");
        for (String name : rest.split("/")) {
            if (!name.isEmpty()) {
                names.add(utf8(name, file));
            }
        }
        return names.toString();
    }

    /** A symbolic link's target (relative or absolute), read from its bytes as UTF-8. */
    static String linkTarget(Path link, Path target) throws IOException {
        boolean absolute = target.isAbsolute();
        String raw = rawPath(absolute ? target : Path.of("/").resolve(target));
        if (!absolute) {
            raw = raw.substring(1);
        }
        if (raw.endsWith("/") && !target.toString().endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1); // toUri marks a directory of this machine with a slash
        }
        return utf8(raw, link);
    }

    /** The absolute path, percent-encoded byte for byte, with {@code /} between names and no trailing slash. */
    private static String rawPath(Path path) {
        String raw = path.toAbsolutePath().toUri().getRawPath();
        return raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** Decodes a percent-encoded name (or path) strictly as UTF-8, naming {@code file} when it is not UTF-8. */
    private static String utf8(String encoded, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(printable(file) + ": its name is not UTF-8 (bytes " + encoded + "); image "
                    + "entries carry UTF-8 names: rename the file, or leave it out of the layer (excludes)");
        }
    }

    /** A file's path for messages, its bytes shown percent-encoded where they are not printable ASCII. */
    static String printable(Path file) {
        String raw = rawPath(file);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int b = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (b >= 0x20 && b < 0x7f) {
                    out.append((char) b);
                } else {
                    out.append(raw, i, i + 3);
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
