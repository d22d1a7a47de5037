package io.kimigayo.rootfs.tree;

import io.kimigayo.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File names are their bytes read as UTF-8, whatever the locale of the JVM (LANG=C, the default of many CI
 * containers, decodes them with US-ASCII): the same tree, entry for entry, and the same tar under LANG=C, POSIX and
 * C.UTF-8, or the same clear refusal. Each case runs {@link LocaleProbe} in a JVM of its own under that locale.
 */
class LocaleIndependentNamesTest {

    @TempDir
    Path temp;

    private static final List<Map<String, String>> LOCALES = List.of(Map.of("LANG", "C"), Map.of("LC_ALL", "C"),
            Map.of("LANG", "POSIX"), Map.of("LC_ALL", "C.UTF-8"));

    /** The probe's output under a locale (its environment holds only PATH and the locale). */
    private String probe(Path dir, Map<String, String> locale) throws IOException, InterruptedException {
        Process process = ChildJvm.start(LocaleProbe.class, locale, true, dir.toString());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** A directory holding files whose names are made by the shell's printf from octal escapes ({@code \\377}). */
    private Path directory(String name, String... printfNames) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        for (String format : printfNames) {
            // the shell makes the names from bytes: Java would encode them with its own charset
            Process p = new ProcessBuilder("sh", "-c", "n=$(printf '" + format + "'); printf content > \"$n\"")
                    .directory(dir.toFile()).start();
            try {
                assertEquals(0, p.waitFor());
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
        return dir;
    }

    @Test
    void utf8NamesGiveTheSameEntriesAndTheSameTarUnderEveryLocale() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("japanese"));
        Files.writeString(dir.resolve("日本.txt"), "nihon");
        Files.writeString(dir.resolve("中国.txt"), "chuugoku");
        Files.createDirectories(dir.resolve("君が代"));
        Files.writeString(dir.resolve("君が代/さざれ石.txt"), "sazare-ishi");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("君が代/さざれ石.txt"));
        String expected = null;
        for (Map<String, String> locale : LOCALES) {
            String out = probe(dir, locale);
            assertTrue(out.contains("entry /data/日本.txt\n") && out.contains("entry /data/中国.txt\n")
                    && out.contains("entry /data/君が代/さざれ石.txt\n"), locale + ": " + out);
            assertTrue(out.contains("sha256 "), locale + ": " + out);
            String digest = out.substring(out.indexOf("sha256 "));
            if (expected == null) {
                expected = digest;
            }
            assertEquals(expected, digest, "the tar under " + locale + " differs: " + out);
        }
        assertTrue(probe(dir, Map.of("LANG", "C")).contains("jnu ANSI_X3.4-1968"),
                "the probe really ran under an ASCII locale");
    }

    @Test
    void namesThatAreNotUtf8AreRefusedUnderEveryLocaleNamingTheFile() throws Exception {
        Path dir = directory("latin1", "\\377.txt", "\\376.txt");
        try (var names = Files.list(dir)) {
            assertEquals(2, names.count(), "two files with names of one byte each");
        }
        for (Map<String, String> locale : LOCALES) {
            String out = probe(dir, locale);
            assertTrue(out.contains("refused "), locale + ": " + out);
            assertTrue(out.contains(dir + "/%FE.txt: its name is not UTF-8") || out.contains(dir
                    + "/%FF.txt: its name is not UTF-8"), locale + ": " + out);
            assertTrue(out.contains("rename the file"), out);
        }
    }
}
