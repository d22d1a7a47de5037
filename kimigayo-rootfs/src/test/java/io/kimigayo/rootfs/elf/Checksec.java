package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the independent judge, checksec (Debian package {@code checksec}, version 2.6), on one file and returns its
 * verdict: {@code checksec --file=F --output=json} prints {@code { "F": { "relro":"full","canary":"yes",...} }}.
 */
final class Checksec {

    private static final Pattern PAIR = Pattern.compile("\"([A-Za-z_-]+)\"\\s*:\\s*\"([^\"]*)\"");

    private Checksec() {
    }

    /** Fails the test, saying how to install it, when checksec is not on the PATH. */
    static Path require() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "checksec");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("checksec is not installed, and the ELF audit is checked against it: "
                + "apt-get install checksec");
    }

    /** checksec's verdict on {@code file}: keys such as relro, canary, nx, pie, rpath, runpath. */
    static Map<String, String> verdict(Path file) throws IOException, InterruptedException {
        Path checksec = require();
        String json = Gcc.run(List.of(checksec.toString(), "--file=" + file, "--output=json"),
                file.toAbsolutePath().getParent());
        assertTrue(json.contains("\"" + file + "\""), "checksec's JSON should be keyed by the file name: " + json);
        Map<String, String> verdict = new LinkedHashMap<>();
        Matcher matcher = PAIR.matcher(json);
        while (matcher.find()) {
            verdict.put(matcher.group(1), matcher.group(2));
        }
        for (String key : List.of("relro", "canary", "nx", "pie", "rpath", "runpath")) {
            assertTrue(verdict.containsKey(key), "checksec's JSON has no \"" + key + "\": " + json);
        }
        return verdict;
    }
}
