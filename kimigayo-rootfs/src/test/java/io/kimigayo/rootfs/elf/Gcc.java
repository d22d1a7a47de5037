package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the test's C sources (resources under {@code elf/}) with the host's gcc, or with a cross gcc such as
 * {@code aarch64-linux-gnu-gcc}.
 */
final class Gcc {

    private Gcc() {
    }

    /** Compiles every {@link Sample} into {@code dir}. */
    static Map<Sample, Path> compileAll(Path dir) throws IOException, InterruptedException {
        return compileAll(dir, "gcc");
    }

    /** Compiles every {@link Sample} into {@code dir} with {@code compiler}. */
    static Map<Sample, Path> compileAll(Path dir, String compiler) throws IOException, InterruptedException {
        Map<Sample, Path> binaries = new EnumMap<>(Sample.class);
        for (Sample sample : Sample.values()) {
            binaries.put(sample, compile(dir, sample, compiler));
        }
        return binaries;
    }

    static Path compile(Path dir, Sample sample) throws IOException, InterruptedException {
        return compile(dir, sample, "gcc");
    }

    static Path compile(Path dir, Sample sample, String compiler) throws IOException, InterruptedException {
        Path source = dir.resolve(sample.source);
        if (!Files.exists(source)) {
            try (InputStream in = Gcc.class.getResourceAsStream("/elf/" + sample.source)) {
                if (in == null) {
                    fail("test resource /elf/" + sample.source + " is missing");
                }
                Files.copy(in, source);
            }
        }
        Path output = dir.resolve(sample.fileName);
        List<String> command = new ArrayList<>();
        command.add(compiler);
        command.add("-O0");
        command.addAll(sample.flags);
        command.add("-o");
        command.add(output.toString());
        command.add(source.toString());
        run(command, dir);
        return output;
    }

    /** Runs a command, failing the test with its output when it cannot start, times out or exits non-zero. */
    static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            String tool = command.get(0);
            String pkg = tool.endsWith("-linux-gnu-gcc") ? "gcc-" + tool.substring(0, tool.length() - 4) : tool;
            return fail("cannot run " + tool + " (" + e.getMessage() + "); install it: apt-get install " + pkg);
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
