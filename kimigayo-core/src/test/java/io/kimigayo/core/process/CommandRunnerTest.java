package io.kimigayo.core.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRunnerTest {

    private static final BuildEnvironment ENV = BuildEnvironment.reproducible(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path work;

    private CommandRunner runner() throws IOException {
        return new CommandRunner(ENV, work.resolve("logs/musl.log"), "musl");
    }

    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    @Test
    void commandsRunInTheReproducibleEnvironmentUnderUmask022() throws IOException {
        String out = runner().capture("probe", work, sh("echo $SOURCE_DATE_EPOCH $TZ $LC_ALL; umask"));
        assertEquals("1767225600 UTC C\n0022\n", out);
    }

    /** Run in a JVM started under umask 077: prints what a command run by CommandRunner sees as its umask. */
    public static final class UmaskProbe {
        public static void main(String[] args) throws IOException {
            Path dir = Path.of(args[0]);
            CommandRunner runner = new CommandRunner(ENV, dir.resolve("probe.log"), "probe");
            System.out.print(runner.capture("umask", dir, List.of("sh", "-c", "umask; echo x > made.txt")));
        }
    }

    @Test
    void umaskIs022EvenWhenTheBuildRunsUnderAStricterOne() throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        String script = "umask 077 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"";
        Process p = new ProcessBuilder("/bin/sh", "-c", script, javaCommand,
                System.getProperty("java.class.path"), UmaskProbe.class.getName(), work.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("0022\n", out);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(work.resolve("made.txt"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(work.resolve("probe.log"))), "the probe JVM did run under umask 077");
    }

    @Test
    void onlyTheGivenEnvironmentIsPassed() throws IOException {
        String out = runner().capture("env", work, List.of("env"));
        List<String> names = out.lines().map(l -> l.substring(0, l.indexOf('='))).sorted().toList();
        // The shell that sets the umask may add PWD (and busybox/dash SHLVL); nothing of the JVM's environment.
        List<String> expected = new ArrayList<>(ENV.variables().keySet());
        for (String name : names) {
            assertTrue(expected.contains(name) || name.equals("PWD") || name.equals("SHLVL") || name.equals("_"),
                    "unexpected variable " + name + " in " + out);
        }
        assertTrue(names.containsAll(expected), out);
        assertFalse(out.contains("JAVA_HOME="), out);
    }

    @Test
    void commandRunsInTheGivenDirectory() throws IOException {
        Path dir = Files.createDirectories(work.resolve("src"));
        assertEquals(dir.toRealPath() + "\n", runner().capture("pwd", dir, List.of("pwd", "-P")));
    }

    @Test
    void outputLandsInTheLogAndEveryLineIsSeen() throws IOException {
        CommandRunner runner = runner();
        List<String> seen = new ArrayList<>();
        runner.run("make", work, sh("echo compiling a.o; echo warning on stderr >&2; echo linking"), seen::add);

        assertEquals(List.of("compiling a.o", "warning on stderr", "linking"), seen);
        String log = Files.readString(runner.log());
        assertTrue(log.contains("compiling a.o\nwarning on stderr\nlinking\n"), log);
        assertTrue(log.startsWith("$ (cd " + work + " && sh -c "), log);
        assertTrue(log.contains("# exit code 0"), log);
        assertEquals(work.resolve("logs/musl.log"), runner.log());
    }

    @Test
    void logCollectsEveryStepOfOneRunner() throws IOException {
        CommandRunner runner = runner();
        runner.run("configure", work, sh("echo first step"), line -> { });
        runner.run("make", work, sh("echo second step"), line -> { });
        String log = Files.readString(runner.log());
        assertTrue(log.contains("first step\n"), log);
        assertTrue(log.indexOf("first step") < log.indexOf("second step"), log);
    }

    @Test
    void newRunnerStartsAFreshLog() throws IOException {
        runner().run("old", work, sh("echo from an earlier build"), line -> { });
        CommandRunner again = runner();
        assertEquals("", Files.readString(again.log()));
    }

    @Test
    void failingCommandReportsStepExitCodeTailAndLogPath() throws IOException {
        CommandRunner runner = runner();
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            script.append("echo line").append(i).append("; ");
        }
        script.append("echo 'src/foo.c:3: error: boom' >&2; exit 7");

        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> runner.run("make", work, sh(script.toString()), line -> { }));

        String message = e.getMessage();
        assertTrue(message.startsWith("musl: make failed with exit code 7"), message);
        assertTrue(message.contains("src/foo.c:3: error: boom"), message);
        assertTrue(message.contains("line100"), message);
        assertFalse(message.contains("line50\n"), "only the tail of the log: " + message);
        assertTrue(message.endsWith("Full log: " + runner.log()), message);
        String log = Files.readString(runner.log());
        assertTrue(log.contains("line1\n") && log.contains("line50\n"), "the log has everything");
        assertTrue(log.contains("# exit code 7"), log);
    }

    @Test
    void tailIsTheLastFortyLines() throws IOException {
        CommandRunner runner = runner();
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> runner.run("make", work, sh("i=1; while [ $i -le 60 ]; do echo L$i; i=$((i+1)); done; exit 2"),
                        line -> { }));
        String message = e.getMessage();
        assertTrue(message.contains("  L21\n"), message);
        assertFalse(message.contains("  L20\n"), message);
        assertTrue(message.contains("  L60\n"), message);
    }

    @Test
    void missingProgramIsAFailureNamingTheStep() throws IOException {
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> runner().run("configure", work, List.of("./no-such-configure"), line -> { }));
        assertTrue(e.getMessage().startsWith("musl: configure failed with exit code 127"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-configure"), e.getMessage());
    }
}
