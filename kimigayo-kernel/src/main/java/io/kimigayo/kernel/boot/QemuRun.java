package io.kimigayo.kernel.boot;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One QEMU run, watched line by line: every console line (QEMU's own messages included) is timed from the moment
 * QEMU was started and written to a log; the run ends when QEMU exits, when a line satisfies {@code stop}, or at the
 * timeout (QEMU is then stopped).
 *
 * @param lines      the console lines with their times
 * @param timedOut   whether the timeout ended the run
 * @param stopped    whether a line satisfying {@code stop} ended it
 * @param exitCode   QEMU's exit code (meaningless when stopped or timed out)
 * @param exitNanos  nanoseconds from start until QEMU exited (or was stopped)
 */
record QemuRun(List<Line> lines, boolean timedOut, boolean stopped, int exitCode, long exitNanos) {

    /** A console line and the nanoseconds from QEMU's start until it was read. */
    record Line(long nanos, String text) {
    }

    private static final Line EOF = new Line(-1, null);

    static QemuRun run(List<String> command, Path log, Duration timeout, Predicate<String> stop) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new BootCheckException(command.get(0) + " could not be started: " + e.getMessage());
        }
        BlockingQueue<Line> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    queue.add(new Line(System.nanoTime() - start, l));
                }
            } catch (IOException e) {
                // QEMU was stopped while we read; what was read is kept.
            } finally {
                queue.add(EOF);
            }
        }, "qemu-console");
        reader.setDaemon(true);
        reader.start();

        List<Line> lines = new ArrayList<>();
        boolean timedOut = false;
        boolean stopped = false;
        long deadline = start + timeout.toNanos();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            while (true) {
                long left = deadline - System.nanoTime();
                Line line = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    timedOut = true;
                    break;
                }
                if (line == EOF) {
                    break;
                }
                lines.add(line);
                out.write(line.text());
                out.write('\n');
                if (stop.test(line.text())) {
                    stopped = true;
                    break;
                }
            }
            if (timedOut || stopped) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } else {
                process.waitFor();
            }
            long exit = System.nanoTime() - start;
            if (timedOut) {
                out.write("[boot-check: stopped QEMU after " + timeout.toSeconds() + " s]\n");
            }
            return new QemuRun(List.copyOf(lines), timedOut, stopped, process.exitValue(), exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BootCheckException("interrupted while QEMU ran");
        }
    }

    /** The last {@code n} console lines, for messages. */
    List<String> tail(int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size()).stream().map(Line::text).toList();
    }
}
