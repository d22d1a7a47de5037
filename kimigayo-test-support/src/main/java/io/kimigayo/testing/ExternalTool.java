package io.kimigayo.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real tool the tests run as a judge or helper (skopeo, gpg, docker-registry). A missing tool fails the test with
 * the package to install: these tests are never skipped.
 */
public final class ExternalTool {

    private final String name;
    private final Path executable;

    private ExternalTool(String name, Path executable) {
        this.name = name;
        this.executable = executable;
    }

    /**
     * Finds {@code command} on the PATH (or in /usr/bin, /usr/sbin).
     *
     * @throws IllegalStateException saying {@code apt-get install <aptPackage>} when it is not installed
     */
    public static ExternalTool require(String command, String aptPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new ExternalTool(command, candidate);
            }
        }
        throw new IllegalStateException(command + " is not installed; these tests need it as a judge: "
                + "apt-get install " + aptPackage + " (dev/install-tools installs it)");
    }

    public Path executable() {
        return executable;
    }

    /** Runs the tool with {@code args} in {@code environment} added to this JVM's, waiting at most {@code timeout}. */
    public Result run(Map<String, String> environment, Duration timeout, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        Path out = Files.createTempFile("kimigayo-" + name + "-", ".out");
        Path err = Files.createTempFile("kimigayo-" + name + "-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean done;
            try {
                done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
            }
            return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public Result run(Map<String, String> environment, String... args) throws IOException {
        return run(environment, Duration.ofMinutes(2), List.of(args));
    }

    /** What a run printed and how it ended. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Throws with everything the tool said unless it exited 0. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + exitCode + "\nstdout: " + stdout.strip()
                    + "\nstderr: " + stderr.strip();
        }
    }
}
