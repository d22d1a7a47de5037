package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a judge (openssl, node, npm) and hands back what it said. A missing judge fails the test, never skips it. */
final class ExternalTool {

    /** Exit code, standard output and standard error of one run. */
    record Result(int exit, String out, String err) {

        String describe() {
            return "exit " + exit + ", stdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private ExternalTool() {
    }

    /** The command on the PATH, or a failed test that says how to install it. */
    static Path require(String command, String install) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail(command + " is not installed, and it judges Kimigayo's key files: " + install);
    }

    static Result run(List<String> command, Path directory, byte[] stdin, Duration timeout, Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("kimigayo-tool-", ".out");
        Path err = Files.createTempFile("kimigayo-tool-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            try (OutputStream input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
