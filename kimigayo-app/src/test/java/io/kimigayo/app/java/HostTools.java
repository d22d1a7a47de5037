package io.kimigayo.app.java;

import io.kimigayo.core.process.BuildEnvironment;
import io.kimigayo.core.process.CommandRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** The host's tools for the tests: processes, gcc for small ELF files, digests, the running JDK. */
final class HostTools {

    /** What a finished process printed (stdout and stderr together) and its exit code. */
    record Outcome(int exitCode, String output) {
    }

    private HostTools() {
    }

    /** The JDK running the tests. */
    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /** A command runner logging to {@code log}, with the reproducible build environment. */
    static CommandRunner runner(Path log) throws IOException {
        return new CommandRunner(BuildEnvironment.reproducible(Instant.parse("2026-01-01T00:00:00Z")), log, "test");
    }

    /** Runs a command and returns its exit code and output; fails the test when it cannot start or hangs. */
    static Outcome exec(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("cannot run " + command.get(0) + " (" + e.getMessage() + ")");
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed and returns its output. */
    static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Outcome outcome = exec(command, dir);
        if (outcome.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + outcome.exitCode() + ":\n" + outcome.output());
        }
        return outcome.output();
    }

    /**
     * Compiles C code into a shared library without the C library (so it needs exactly what {@code linkFlags}
     * name), in {@code dir}.
     *
     * @param soname its DT_SONAME, or null for none (then a library linked against it names it by file name)
     */
    static Path sharedLibrary(Path dir, String fileName, String soname, String code, String... linkFlags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-nostdlib", "-fPIC", "-O0"));
        if (soname != null) {
            command.add("-Wl,-soname," + soname);
        }
        return compile(dir, fileName, code, command, linkFlags);
    }

    /** Compiles C code (which defines {@code _start}) into a PIE executable asking for {@code interpreter}. */
    static Path executable(Path dir, String fileName, String interpreter, String code, String... linkFlags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc", "-nostdlib", "-fPIE", "-pie", "-O0",
                "-Wl,--dynamic-linker=" + interpreter));
        return compile(dir, fileName, code, command, linkFlags);
    }

    private static Path compile(Path dir, String fileName, String code, List<String> command, String... linkFlags)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path source = dir.resolve(fileName + ".c");
        Files.writeString(source, code);
        Path output = dir.resolve(fileName);
        command.addAll(List.of("-o", output.toString(), source.toString(), "-L" + dir, "-Wl,-rpath-link," + dir));
        command.addAll(List.of(linkFlags));
        run(command, dir);
        return output;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
