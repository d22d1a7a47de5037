package io.kimigayo.kernel.source;

import io.kimigayo.core.hash.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of a directory's contents: every path in sorted order with its kind, the owner's execute bit of
 * files, their bytes, and symlink targets. Timestamps and owners do not count, so two checkouts of the same tree
 * have the same digest.
 */
public final class DirectoryDigest {

    private DirectoryDigest() {
    }

    public static String of(Path directory) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.filter(p -> !p.equals(directory)).sorted().toList();
        }
        byte[] buffer = new byte[1 << 16];
        for (Path p : paths) {
            String name = directory.relativize(p).toString();
            if (Files.isSymbolicLink(p)) {
                update(sha, "l " + name + " -> " + Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                update(sha, "d " + name);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                update(sha, (Files.isExecutable(p) ? "x " : "f ") + name + " " + Files.size(p));
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        sha.update(buffer, 0, n);
                    }
                }
            } else {
                update(sha, "o " + name);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
