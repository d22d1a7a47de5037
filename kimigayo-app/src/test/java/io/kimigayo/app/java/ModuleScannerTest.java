package io.kimigayo.app.java;

import io.kimigayo.rootfs.nativebuild.CommandRunner;
import io.kimigayo.rootfs.nativebuild.NativeBuildException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ModuleScanner} with the real jdeps of the running JDK on classes compiled here. */
class ModuleScannerTest {

    @TempDir
    Path temp;

    private Jdk jdk;
    private CommandRunner run;
    private Path log;

    @BeforeEach
    void setUp() throws IOException {
        jdk = Jdk.at(HostTools.javaHome());
        log = temp.resolve("logs/jdeps.log");
        run = HostTools.runner(log);
    }

    /** Compiles Java sources (class name to source) into a new classes directory. */
    private Path compile(String name, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(temp.resolve(name + "-src"));
        Path classes = Files.createDirectories(temp.resolve(name + "-classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, rc, "javac failed: " + errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    /** Puts every file of a classes directory into a jar. */
    private Path jar(Path classes, String fileName) throws IOException {
        Path jar = temp.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static final String PLAIN = "package app; public class Plain { public static void main(String[] a) {"
            + " System.out.println(new java.util.ArrayList<String>()); } }";
    private static final String LOGGING = "package app; public class Logs { public static void main(String[] a) {"
            + " java.util.logging.Logger.getLogger(\"app\").info(\"hello\"); } }";
    private static final String SQL = "package app; public class Db { public static void main(String[] a)"
            + " throws Exception { java.sql.DriverManager.getConnection(\"jdbc:none:\"); } }";

    @Test
    void anUnchangedInputIsAnsweredFromTheCacheAndAChangedClassIsScannedAgain() throws IOException {
        Path classes = compile("cached", Map.of("app.Plain", PLAIN));
        Path cache = temp.resolve("module-cache");
        ModuleScanner scanner = new ModuleScanner();
        assertEquals(List.of("java.base"), scanner.modules(jdk, List.of(classes), run, temp, cache));
        long jdepsRuns = Files.readString(log).lines().filter(l -> l.startsWith("$ ")).count();
        assertEquals(List.of("java.base"), scanner.modules(jdk, List.of(classes), run, temp, cache));
        assertEquals(jdepsRuns, Files.readString(log).lines().filter(l -> l.startsWith("$ ")).count(),
                "the second answer came from the cache");

        Path changed = compile("cached", Map.of("app.Plain", PLAIN, "app.Logs", LOGGING));
        assertEquals(List.of("java.base", "java.logging"), scanner.modules(jdk, List.of(changed), run, temp, cache));
        assertEquals(jdepsRuns + 1, Files.readString(log).lines().filter(l -> l.startsWith("$ ")).count(),
                "a changed class directory is scanned again");
    }

    @Test
    void plainClassesNeedJavaBaseOnly() throws IOException {
        Path classes = compile("plain", Map.of("app.Plain", PLAIN));
        assertEquals(List.of("java.base"), new ModuleScanner().modules(jdk, List.of(classes), run, temp));
        assertTrue(Files.readString(log).contains("jdeps"), "jdeps really ran");
    }

    @Test
    void loggingClassNeedsJavaLogging() throws IOException {
        Path classes = compile("logging", Map.of("app.Logs", LOGGING));
        assertEquals(List.of("java.base", "java.logging"),
                new ModuleScanner().modules(jdk, List.of(classes), run, temp));
    }

    @Test
    void sqlClassNeedsJavaSql() throws IOException {
        Path classes = compile("sql", Map.of("app.Db", SQL));
        assertEquals(List.of("java.base", "java.sql"), new ModuleScanner().modules(jdk, List.of(classes), run, temp));
    }

    @Test
    void sqlAndLoggingTogetherGiveTheReducedSortedList() throws IOException {
        // java.sql requires java.logging transitively: jdeps' reduced list names java.sql, and jlink adds
        // java.logging with it.
        Path classes = compile("both", Map.of("app.Db", SQL, "app.Logs", LOGGING));
        assertEquals(List.of("java.base", "java.sql"),
                new ModuleScanner().modules(jdk, List.of(classes), run, temp));
    }

    @Test
    void classesDirectoryAndJarsAreScannedTogether() throws IOException {
        Path app = compile("app", Map.of("app.Plain", PLAIN));
        Path logging = jar(compile("lib-logging", Map.of("app.Logs", LOGGING)), "logging-lib-1.0.jar");
        Path sql = jar(compile("lib-sql", Map.of("lib.Db", SQL.replace("package app;", "package lib;"))),
                "sql-lib-1.0.jar");

        List<String> modules = new ModuleScanner().modules(jdk, List.of(app, logging), run, temp);
        assertEquals(List.of("java.base", "java.logging"), modules, "the jar's needs count");

        modules = new ModuleScanner().modules(jdk, List.of(app, logging, sql), run, temp);
        assertEquals(List.of("java.base", "java.sql"), modules);
    }

    @Test
    void missingPathsAreIgnored() throws IOException {
        Path classes = compile("logging", Map.of("app.Logs", LOGGING));
        assertEquals(List.of("java.base", "java.logging"), new ModuleScanner().modules(jdk,
                List.of(temp.resolve("no-such-classes"), classes, temp.resolve("no-such.jar")), run, temp));
    }

    @Test
    void missingDependencyClassesDoNotFailTheScan() throws IOException {
        Path classes = compile("split", Map.of(
                "app.Main", "package app; public class Main { public static void main(String[] a) {"
                        + " new lib.Helper().help(); } }",
                "lib.Helper", "package lib; public class Helper { public void help() {"
                        + " java.util.logging.Logger.getGlobal().info(\"x\"); } }"));
        Files.delete(classes.resolve("lib/Helper.class"));
        assertEquals(List.of("java.base"), new ModuleScanner().modules(jdk, List.of(classes), run, temp),
                "a dependency not given to the scan is skipped (--ignore-missing-deps)");
    }

    /** A JDK whose jdeps fails: proves whether jdeps ran at all. */
    private Jdk brokenJdk() throws IOException {
        Path home = Files.createDirectories(temp.resolve("broken-jdk/bin"));
        Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        for (String tool : List.of("jlink", "jdeps")) {
            Path file = home.resolve(tool);
            Files.writeString(file, "#!/bin/sh\necho \"" + tool + ": broken on purpose\"\nexit 3\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return Jdk.at(home.getParent());
    }

    @Test
    void emptyInputGivesJavaBaseWithoutRunningJdeps() throws IOException {
        Jdk broken = brokenJdk();
        assertEquals(List.of("java.base"), new ModuleScanner().modules(broken, List.of(), run, temp));
        assertEquals(List.of("java.base"), new ModuleScanner().modules(jdk, List.of(), run, temp));
        assertEquals(List.of("java.base"), new ModuleScanner().modules(broken,
                List.of(temp.resolve("target/classes")), run, temp), "only missing paths count as empty");
        assertEquals("", Files.readString(log), "no command ran");
    }

    @Test
    void failingJdepsIsReportedWithItsOutput() throws IOException {
        Path classes = compile("plain", Map.of("app.Plain", PLAIN));
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new ModuleScanner().modules(brokenJdk(), List.of(classes), run, temp));
        assertTrue(e.getMessage().contains("jdeps failed with exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("broken on purpose"), e.getMessage());
        assertTrue(e.getMessage().contains(log.toString()), "names the log: " + e.getMessage());
    }
}
