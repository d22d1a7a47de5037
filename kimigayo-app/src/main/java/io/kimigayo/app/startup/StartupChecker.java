package io.kimigayo.app.startup;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.unpack.ImageUnpacker;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an image's application at build time, as a container runtime would run it, and fails when it does not start:
 * the image is unpacked, and its entrypoint and cmd run with its environment, working directory and user, chrooted
 * into it, with {@code /proc}, the usual {@code /dev} nodes and a tmpfs {@code /tmp}, in new mount, PID and network
 * namespaces (loopback only: no network). The output is watched for the signs of a runtime that lacks something the
 * build should have given it ({@link #FAILURE_SIGNS}). As root the application runs as the image's user; otherwise
 * inside a user namespace, as its root. Where neither works (no user namespaces for unprivileged users), the check
 * does not run and says why: that depends on the machine, not on the image.
 */
public final class StartupChecker {

    /** Output that fails the check: a class, module or native library the runtime does not have. */
    public static final List<Pattern> FAILURE_SIGNS = List.of(
            Pattern.compile("java\\.lang\\.ClassNotFoundException"),
            Pattern.compile("java\\.lang\\.NoClassDefFoundError"),
            Pattern.compile("java\\.lang\\.module\\.FindException"),
            Pattern.compile("Module \\S+ not found"),
            Pattern.compile("Error occurred during initialization of boot layer"),
            Pattern.compile("Error: Could not find or load main class"),
            Pattern.compile("java\\.lang\\.UnsatisfiedLinkError"));

    private static final int TAIL = 40;
    private static final String SCRIPT = String.join("\n",
            "set -e",
            "r=$1; mount=$2; shift 2",
            "\"$mount\" -t proc proc \"$r/proc\"",
            "for d in null zero full random urandom tty; do",
            "  [ -e \"$r/dev/$d\" ] || : > \"$r/dev/$d\"",
            "  \"$mount\" --bind \"/dev/$d\" \"$r/dev/$d\"",
            "done",
            "\"$mount\" -t tmpfs -o mode=1777,nosuid,nodev tmpfs \"$r/tmp\"",
            "if [ -n \"$KIMIGAYO_IP\" ]; then \"$KIMIGAYO_IP\" link set lo up || true; fi",
            "unset KIMIGAYO_IP",
            "exec \"$@\"");

    /**
     * Unpacks image {@code tag} of a layout below {@code work} (removed afterwards), runs it, and judges it.
     *
     * @param log where the application's output goes
     * @throws StartupCheckException when the application fails, ends with an error, or does not start in time
     */
    public StartupResult check(Path layout, String tag, StartupCheck check, Path work, Path log) throws IOException {
        Optional<String> cannot = cannotRun();
        if (cannot.isPresent()) {
            return new StartupResult(false, cannot.get(), Duration.ZERO, null);
        }
        boolean root = isRoot();
        Files.createDirectories(work);
        Path unpackDir = Files.createTempDirectory(work, "startup-");
        try {
            ImageUnpacker.Unpacked image = new ImageUnpacker().unpack(layout, tag, unpackDir.resolve("rootfs"), root);
            return run(image, check, root, log);
        } finally {
            AtomicFiles.deleteRecursively(unpackDir);
        }
    }

    /** Why this machine cannot run the check, or empty when it can. */
    static Optional<String> cannotRun() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("the startup check needs Linux namespaces; this is " + System.getProperty("os.name"));
        }
        for (String tool : List.of("unshare", "mount")) {
            if (tool(tool) == null) {
                return Optional.of("the startup check needs " + tool + " (util-linux), which is not on the PATH");
            }
        }
        if (isRoot()) {
            return Optional.empty();
        }
        try {
            Process probe = new ProcessBuilder(tool("unshare"), "--user", "--map-root-user", "--mount", "--pid",
                    "--fork", "true").redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (probe.waitFor() != 0) {
                return Optional.of("the startup check runs as root or in a user namespace, and this user may not "
                        + "make one (" + out + ")");
            }
        } catch (IOException e) {
            return Optional.of("the startup check could not start unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return Optional.empty();
    }

    private StartupResult run(ImageUnpacker.Unpacked image, StartupCheck check, boolean root, Path log)
            throws IOException {
        ImageConfig.RuntimeConfig config = image.config().config();
        Path rootfs = image.root();
        List<String> program = new ArrayList<>();
        if (config.entrypoint() != null) {
            program.addAll(config.entrypoint());
        }
        if (config.cmd() != null) {
            program.addAll(config.cmd());
        }
        if (program.isEmpty()) {
            throw new IllegalArgumentException("the image has neither entrypoint nor cmd: nothing to run");
        }
        for (String dir : List.of("proc", "dev", "tmp")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        String workingDir = config.workingDir() == null || config.workingDir().isBlank() ? "/" : config.workingDir();
        Files.createDirectories(rootfs.resolve(workingDir.substring(1)));

        List<String> command = new ArrayList<>(List.of(tool("unshare")));
        if (!root) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("--mount", "--net", "--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c",
                SCRIPT, "startup-check", rootfs.toString(), tool("mount"), tool("unshare"), "--root=" + rootfs,
                "--wd=" + workingDir));
        String runsAs = "root of a user namespace";
        if (root) {
            int[] ids = UserSpec.resolve(config.user(), rootfs);
            command.addAll(List.of("--setgid", Integer.toString(ids[1]), "--setuid", Integer.toString(ids[0])));
            runsAs = ids[0] + ":" + ids[1];
        }
        command.add("--");
        command.addAll(program);

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        for (String pair : config.env()) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        String ip = tool("ip");
        if (ip != null) {
            env.put("KIMIGAYO_IP", ip);
        }
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process process = builder.start();
        Watcher watcher = new Watcher(process, check, log);
        Thread reader = new Thread(watcher, "startup-check-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String ready = waitForStart(process, check, watcher, start);
            return new StartupResult(true, ready + " (as " + runsAs + ", " + String.join(" ", program) + ")",
                    Duration.ofNanos(System.nanoTime() - start), log);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                reader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watcher.close();
        }
    }

    /** Waits for a sign of a start; returns what showed it, or throws with the output's tail. */
    private String waitForStart(Process process, StartupCheck check, Watcher watcher, long start)
            throws IOException {
        long deadline = start + check.timeout().toNanos();
        long runFor = start + check.runFor().toNanos();
        boolean waitsForSign = check.readyLine() != null || check.readyPort() > 0;
        while (true) {
            String failure = watcher.failure.get();
            if (failure != null) {
                throw failed("printed '" + failure + "', a sign of a missing class, module or library", watcher);
            }
            if (check.readyLine() != null && watcher.readyLine.get() != null) {
                return "printed '" + watcher.readyLine.get().strip() + "'";
            }
            // a port counts when it is the sign asked for, or when no sign was asked for
            Optional<Integer> port = check.readyLine() != null && check.readyPort() == 0 ? Optional.empty()
                    : listening(process, check.readyPort());
            if (port.isPresent()) {
                return "listened on port " + port.get();
            }
            if (!process.isAlive()) {
                waitForOutput(watcher);
                failure = watcher.failure.get();
                if (failure != null) {
                    throw failed("printed '" + failure + "', a sign of a missing class, module or library",
                            watcher);
                }
                int code = process.exitValue();
                if (code != 0) {
                    throw failed("ended with exit code " + code + " before it started", watcher);
                }
                if (waitsForSign) {
                    throw failed("ended (exit code 0) before " + sign(check), watcher);
                }
                return "ran to its end (exit code 0)";
            }
            long now = System.nanoTime();
            if (!waitsForSign && now >= runFor) {
                return "ran " + check.runFor().toSeconds() + " s without a sign of failure";
            }
            if (now >= deadline) {
                throw failed("did not start within " + check.timeout().toSeconds() + " s: no " + sign(check),
                        watcher);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the application to start");
            }
        }
    }

    private static String sign(StartupCheck check) {
        return check.readyLine() != null ? "line matching '" + check.readyLine().pattern() + "'"
                : "listening port " + check.readyPort();
    }

    private static void waitForOutput(Watcher watcher) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!watcher.done && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static StartupCheckException failed(String what, Watcher watcher) {
        return new StartupCheckException("the application " + what + ". The last lines of its output:\n"
                + String.join("\n", watcher.tail()) + "\n(full output: " + watcher.log + ")");
    }

    /**
     * A port the process's network namespace listens on: {@code port} when given, else any. Read from
     * {@code /proc/<pid>/net/tcp} and {@code tcp6} of a process inside the namespace.
     */
    private static Optional<Integer> listening(Process process, int port) {
        Optional<ProcessHandle> inside = process.children().findFirst();
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(inside.get().pid()), "net", table);
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[3].equals("0A")) { // TCP_LISTEN
                    String local = fields[1];
                    int listened = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    if (port == 0 || listened == port) {
                        return Optional.of(listened);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Reads the output: into the log, into a tail for messages, and against the failure signs. */
    private static final class Watcher implements Runnable {
        private final Process process;
        private final StartupCheck check;
        private final Path log;
        private final BufferedWriter writer;
        private final Deque<String> tail = new ArrayDeque<>();
        private final AtomicReference<String> failure = new AtomicReference<>();
        private final AtomicReference<String> readyLine = new AtomicReference<>();
        private volatile boolean done;

        Watcher(Process process, StartupCheck check, Path log) throws IOException {
            this.process = process;
            this.check = check;
            this.log = log;
            this.writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (this) {
                        writer.write(line);
                        writer.write('\n');
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                    for (Pattern sign : FAILURE_SIGNS) {
                        Matcher m = sign.matcher(line);
                        if (m.find()) {
                            failure.compareAndSet(null, line.strip());
                        }
                    }
                    if (check.readyLine() != null && check.readyLine().matcher(line).find()) {
                        readyLine.compareAndSet(null, line);
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            } finally {
                done = true;
            }
        }

        synchronized List<String> tail() {
            return new ArrayList<>(tail);
        }

        synchronized void close() throws IOException {
            writer.close();
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // the effective uid
                }
            }
        } catch (IOException e) {
            // not Linux: cannotRun says so
        }
        return false;
    }

    /** A program on the PATH, or null. */
    static String tool(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }
}
