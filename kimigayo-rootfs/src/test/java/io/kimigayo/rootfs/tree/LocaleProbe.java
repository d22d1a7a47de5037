package io.kimigayo.rootfs.tree;

import io.kimigayo.rootfs.archive.TarWriter;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Run in a JVM of its own, under a locale the test chooses: imports a directory and prints the entries' names and
 * the SHA-256 of the tar written from them, or the error.
 */
public final class LocaleProbe {

    private LocaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        // the locale's charset would print the names as '?': print UTF-8 bytes, whatever the locale
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(out);
        System.out.println("jnu " + System.getProperty("sun.jnu.encoding"));
        try {
            FileTree tree = new DirectoryImporter().importInto(new FileTree(), DirectoryImport.of(Path.of(args[0]),
                    "/data"));
            tree.paths().forEach(p -> System.out.println("entry " + p));
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            new TarWriter().write(tree, Instant.EPOCH, tar);
            System.out.println("sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(tar.toByteArray())));
        } catch (java.io.IOException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}
