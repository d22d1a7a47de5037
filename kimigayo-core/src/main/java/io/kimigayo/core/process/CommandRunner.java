package io.kimigayo.core.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the commands of one native build: every line they print goes to the component's log file, and the user
 * sees only progress lines. Commands run under {@code umask 022} in the {@link BuildEnvironment}. A failing command
 * raises a {@link NativeBuildException} with the last lines of the log and the log's path.
 */
public final class CommandRunner {

    private static final int TAIL_LINES = 40;

    private final BuildEnvironment environment;
    private final Path log;
    private final String component;

    /**
     * @param log       the log file; created (truncated) by the first command
     * @param component the component's name, for messages
     */
    public CommandRunner(BuildEnvironment environment, Path log, String component) throws IOException {
        this.environment = environment;
        this.log = log;
        this.component = component;
        Files.createDirectories(log.getParent());
        Files.writeString(log, "");
    }

    public Path log() {
        return log;
    }

    /**
     * Runs a command and waits for it.
     *
     * @param step      what the command does, for messages ({@code configure}, {@code make})
     * @param directory the working directory
     * @param lines     sees every output line (for progress counting); may be a no-op
     */
    public void run(String step, Path directory, List<String> command, Consumer<String> lines) throws IOException {
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", "umask 022 && exec \"$@\"", "sh"));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment.variables());
        Deque<String> tail = new ArrayDeque<>();
        int rc;
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            out.write("$ (cd " + directory + " && " + String.join(" ", command) + ")\n");
            Process process = pb.start();
            process.getOutputStream().close();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                    lines.accept(line);
                }
            }
            rc = process.waitFor();
            out.write("# exit code " + rc + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NativeBuildException(component + ": " + step + " was interrupted; full log: " + log);
        }
        if (rc != 0) {
            throw new NativeBuildException(component + ": " + step + " failed with exit code " + rc
                    + ". Last lines of the log:\n  " + String.join("\n  ", tail) + "\nFull log: " + log);
        }
    }

    /** Runs a command and returns what it printed (also logged); for short queries such as a version. */
    public String capture(String step, Path directory, List<String> command) throws IOException {
        StringBuilder text = new StringBuilder();
        run(step, directory, command, line -> text.append(line).append('\n'));
        return text.toString();
    }
}
