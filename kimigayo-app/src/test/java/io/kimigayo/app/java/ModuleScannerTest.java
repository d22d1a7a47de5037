package io.kimigayo.app.java;

import io.kimigayo.rootfs.nativebuild.CommandRunner;
import io.kimigayo.rootfs.nativebuild.NativeBuildException;
import io.kimigayo.rootfs.output.AtomicFiles;
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
    void plainClassesNeedJavaBaseOnly() throws IOException {
        Path classes = compile("plain", Map.of("app.Plain", PLAIN));
        assertEquals(List.of("java.base"), new ModuleScanner().modules(jdk, List.of(classes), run, temp));
        assertEquals("", Files.readString(log), "a classes directory is scanned without jdeps");
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


    /** A JDK whose jdeps fails, with the real JDK's jmods (the module index needs them). */
    private Jdk brokenJdkWithJmods() throws IOException {
        Jdk broken = brokenJdk();
        Files.createSymbolicLink(broken.home().resolve("jmods"), jdk.home().resolve("jmods"));
        return broken;
    }

    @Test
    void failingJdepsIsReportedWithItsOutput() throws IOException {
        Path jar = jar(compile("plain", Map.of("app.Plain", PLAIN)), "plain-1.0.jar");
        Jdk broken = brokenJdkWithJmods();
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new ModuleScanner().modules(broken, List.of(jar), run, temp));
        assertTrue(e.getMessage().contains("jdeps failed with exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("broken on purpose"), e.getMessage());
        assertTrue(e.getMessage().contains(log.toString()), "names the log: " + e.getMessage());
    }

    @Test
    void aJdkWithoutJmodsIsReportedWithTheFix() throws IOException {
        Path classes = compile("plain", Map.of("app.Plain", PLAIN));
        Jdk broken = brokenJdk();
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new ModuleScanner().modules(broken, List.of(classes), run, temp));
        assertTrue(e.getMessage().contains(broken.home() + " has no jmods"), e.getMessage());
        assertTrue(e.getMessage().contains("jmods"), e.getMessage());
    }

    @Test
    void aDamagedClassFileIsNamed() throws IOException {
        Path classes = compile("damaged", Map.of("app.Plain", PLAIN));
        Path file = classes.resolve("app/Plain.class");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 40));
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new ModuleScanner().modules(jdk, List.of(classes), run, temp));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable class file"), e.getMessage());
    }

    // ---- jdeps is the judge: the same inputs, the real jdeps --print-module-deps, as the scanner used to run it

    private int judged;

    /** What jdeps --print-module-deps prints over the inputs (java.base added, as the scanner always does). */
    private List<String> jdepsSays(List<Path> targets) throws IOException {
        List<String> command = new ArrayList<>(List.of(jdk.tool("jdeps").toString(), "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", Integer.toString(jdk.feature())));
        targets.forEach(t -> command.add(t.toString()));
        String out;
        try {
            out = HostTools.run(command, temp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        judged++;
        java.util.TreeSet<String> modules = new java.util.TreeSet<>(List.of("java.base"));
        out.lines().filter(l -> l.matches("[a-z][a-z0-9_.]*(,[a-z][a-z0-9_.]*)*"))
                .reduce((a, b) -> b).ifPresent(l -> modules.addAll(List.of(l.split(","))));
        return List.copyOf(modules);
    }

    /**
     * Compiles the sources, deletes the named classes (so that only what is left refers to them), and checks the
     * scanner against jdeps over the classes directory and against {@code expected} (which keeps the judge honest):
     * the directory (scanned in-process), without and with a cache, and the classes as a jar (given to jdeps -s).
     */
    private void agree(String name, List<String> expected, Map<String, String> sources, String... deleted)
            throws IOException {
        Path classes = compile(name, sources);
        for (String d : deleted) {
            Files.delete(classes.resolve(d.replace('.', '/') + ".class"));
        }
        List<String> judge = jdepsSays(List.of(classes));
        assertEquals(expected, judge, "jdeps' own answer for " + name);
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(classes), run, temp), "no cache: " + name);
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(classes), run, temp, temp.resolve("cache")),
                "with a cache: " + name);
        Path jar = jar(classes, name + "-1.0.jar");
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(jar), run, temp, temp.resolve("cache")),
                "as a jar: " + name);
    }

    private static final String HTTP = "package app; public class Http { public static void main(String[] a) {"
            + " System.out.println(java.net.http.HttpClient.newHttpClient()); } }";

    @Test
    void jdepsAgreesOnSingleModules() throws IOException {
        agree("j-plain", List.of("java.base"), Map.of("app.Plain", PLAIN));
        agree("j-logging", List.of("java.base", "java.logging"), Map.of("app.Logs", LOGGING));
        agree("j-sql", List.of("java.base", "java.sql"), Map.of("app.Db", SQL));
        agree("j-http", List.of("java.base", "java.net.http"), Map.of("app.Http", HTTP));
        agree("j-unsafe", List.of("java.base", "jdk.unsupported"), Map.of("app.U",
                "package app; public class U { static Object u = sun.misc.Unsafe.class; }"));
        agree("j-model", List.of("java.base", "java.compiler"), Map.of("app.M",
                "package app; public class M { String n(javax.lang.model.element.Element e) {"
                        + " return e.getSimpleName().toString(); } }"));
        assertEquals(6, judged, "jdeps judged every case");
    }

    @Test
    void jdepsAgreesOnTheReduction() throws IOException {
        // java.sql requires transitive java.logging and java.xml: both implied
        agree("j-reduced", List.of("java.base", "java.sql"), Map.of("app.Db", SQL, "app.Logs", LOGGING,
                "app.X", "package app; public class X { Object f = javax.xml.parsers.DocumentBuilderFactory"
                        + ".newInstance(); }"));
        // java.desktop requires java.prefs, but not transitively: both stay
        agree("j-desktop", List.of("java.base", "java.desktop", "java.prefs"), Map.of("app.D",
                "package app; public class D { public static void main(String[] a) {"
                        + " System.out.println(new java.awt.Point(1, 2));"
                        + " System.out.println(java.util.prefs.Preferences.userRoot()); } }"));
        // java.desktop requires transitive java.xml and java.datatransfer
        agree("j-desktop-xml", List.of("java.base", "java.desktop"), Map.of("app.D",
                "package app; public class D { Object p = new java.awt.Point(1, 2);"
                        + " Object x = javax.xml.XMLConstants.NULL_NS_URI;"
                        + " Object t = java.awt.datatransfer.DataFlavor.stringFlavor; }"));
    }

    @Test
    void jdepsAgreesOnRecordsLambdasAndSignatures() throws IOException {
        agree("j-record", List.of("java.base", "java.net.http"), Map.of("app.R",
                "package app; public record R(java.net.http.HttpClient client, int x) { }"));
        agree("j-lambda", List.of("java.base", "java.logging"), Map.of("app.L",
                "package app; public class L { java.util.function.Supplier<java.util.logging.Level> s = () -> null; }"));
        agree("j-field-signature", List.of("java.base", "java.sql"), Map.of("app.F",
                "package app; public class F { java.util.List<java.sql.Connection> connections; }"));
        agree("j-method-signature", List.of("java.base", "java.sql"), Map.of("app.G",
                "package app; public class G { <T extends java.sql.Connection> void m() { } }"));
        agree("j-class-signature", List.of("java.base", "java.logging"), Map.of("app.C",
                "package app; public abstract class C implements Comparable<java.util.List<java.util.logging.Level>>"
                        + " { }"));
        agree("j-inner-signature", List.of("java.base", "java.desktop"), Map.of("app.I",
                "package app; public class I { java.util.List<java.awt.geom.Point2D.Double> points; }"));
        agree("j-throws", List.of("java.base", "java.sql"), Map.of("app.T",
                "package app; public abstract class T { abstract void m() throws java.sql.SQLException; }"));
        agree("j-array", List.of("java.base", "java.sql"), Map.of("app.A",
                "package app; public class A { Object o = java.sql.Connection[].class; }"));
        // a type that only a string constant names is no dependence
        agree("j-string", List.of("java.base"), Map.of("app.S",
                "package app; public class S { String s = \"Ljava/sql/Connection;\"; }"));
        // the descriptor of a method called on a class that is not there still counts (CONSTANT_NameAndType)
        agree("j-name-and-type", List.of("java.base", "java.logging"), Map.of(
                "app.B", "package app; public class B { public static java.util.logging.Level lvl() { return null; } }",
                "app.A", "package app; public class A { void m() { B.lvl(); } }"), "app.B");
        // a type that only a CONSTANT_MethodType names (a method reference's instantiated type) is not counted
        agree("j-method-type", List.of("java.base"), Map.of(
                "app.M", "package app; public class M extends java.util.logging.Level { M() { super(\"a\", 1); } }",
                "app.B", "package app; public class B { public static M lvl(Object s) { return null; } }",
                "app.A", "package app; public class A { void m() { java.util.function.Function<String,"
                        + " java.util.logging.Level> f = B::lvl; System.out.println(f); } }"), "app.B", "app.M");
    }

    @Test
    void jdepsAgreesOnAnnotations() throws IOException {
        agree("j-class-annotation", List.of("java.base", "java.desktop"), Map.of("app.A",
                "package app; @java.beans.JavaBean public class A { }"));
        agree("j-member-annotations", List.of("java.base", "jdk.jfr"), Map.of("app.A",
                "package app; public class A { @jdk.jfr.Label(\"f\") int f; @jdk.jfr.Label(\"m\") void m() { } }"));
        String runtime = "package app; import java.lang.annotation.*; @Retention(RetentionPolicy.RUNTIME)"
                + " public @interface V { ";
        // element values do not count: only the annotation's own type
        agree("j-annotation-enum", List.of("java.base"), Map.of(
                "app.V", runtime + "java.sql.JDBCType value(); }",
                "app.A", "package app; @V(java.sql.JDBCType.ARRAY) public class A { }"), "app.V");
        agree("j-annotation-class", List.of("java.base"), Map.of(
                "app.V", runtime + "Class<?> value(); }",
                "app.A", "package app; @V(java.sql.Connection.class) public class A { }"), "app.V");
        agree("j-annotation-nested", List.of("java.base"), Map.of(
                "app.V", runtime + "jdk.jfr.Label value(); }",
                "app.A", "package app; @V(@jdk.jfr.Label(\"x\")) public class A { }"), "app.V");
    }

    @Test
    void jdepsAgreesOnClassesTheJdkDoesNotHave() throws IOException {
        // a reference to java.sql.Connectioo (no such class) is a missing dependence, not java.sql
        Path classes = compile("j-missing", Map.of("app.A",
                "package app; public class A { Object o = java.sql.Connection[].class; }"));
        Path file = classes.resolve("app/A.class");
        Files.write(file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                .replace("java/sql/Connection", "java/sql/Connectioo").getBytes(StandardCharsets.ISO_8859_1));
        List<String> judge = jdepsSays(List.of(classes));
        assertEquals(List.of("java.base"), judge);
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(classes), run, temp));
    }

    @Test
    void aJarTheSummaryDoesNotNameIsAskedAboutAlone() throws IOException {
        // a multi-release jar whose only class is for Java 21: for a JDK 17, jdeps -s prints no line for it
        Path dir = multiRelease("only-21");
        AtomicFiles.deleteRecursively(dir.resolve("app"));
        AtomicFiles.deleteRecursively(dir.resolve("META-INF/versions/11"));
        Files.writeString(dir.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nMulti-Release: true\n");
        Path jar = jar(dir, "only-21-1.0.jar");
        assertEquals(List.of("java.base"), jdepsSays(List.of(jar)));
        assertEquals(List.of("java.base"), new ModuleScanner().modules(jdk, List.of(jar), run, temp));
        List<String> commands = jdepsCommands();
        assertEquals(2, commands.size(), commands.toString());
        assertTrue(commands.get(0).contains(" -s ") && commands.get(1).contains("--print-module-deps"),
                "jdeps -s, then --print-module-deps over the jar alone: " + commands);
    }

    /** A directory with a base class and versions 11 (using java.sql) and 21 (using java.net.http) of it. */
    private Path multiRelease(String name) throws IOException {
        Path base = compile(name + "-base", Map.of("app.A", "package app; public class A { }"));
        Path v11 = compile(name + "-11", Map.of("app.A",
                "package app; public class A { Object o = java.sql.Connection.class; }"));
        Path v21 = compile(name + "-21", Map.of("app.A",
                "package app; public class A { Object o = java.net.http.HttpClient.class; }"));
        Path dir = Files.createDirectories(temp.resolve(name + "/META-INF/versions/11/app")).getParent().getParent()
                .getParent().getParent();
        Files.createDirectories(dir.resolve("META-INF/versions/21/app"));
        Files.createDirectories(dir.resolve("app"));
        Files.copy(base.resolve("app/A.class"), dir.resolve("app/A.class"));
        Files.copy(v11.resolve("app/A.class"), dir.resolve("META-INF/versions/11/app/A.class"));
        Files.copy(v21.resolve("app/A.class"), dir.resolve("META-INF/versions/21/app/A.class"));
        return dir;
    }

    @Test
    void jdepsAgreesOnMultiReleaseJarsAndDirectories() throws IOException {
        Path dir = multiRelease("mr");
        Path plainJar = jar(dir, "not-multi-release-1.0.jar");
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nMulti-Release: true\n");
        Path mrJar = jar(dir, "multi-release-1.0.jar");
        assertEquals(List.of("java.base", "java.sql"), jdepsSays(List.of(mrJar)),
                "jdeps takes version 11 of the class for a JDK 17 (not 21, not the base)");
        assertEquals(List.of("java.base", "java.net.http", "java.sql"), jdepsSays(List.of(plainJar)),
                "without Multi-Release: true every class file counts");
        assertEquals(List.of("java.base", "java.net.http", "java.sql"), jdepsSays(List.of(dir)),
                "jdeps applies --multi-release to jars only: in a directory every class file counts");
        for (Path target : List.of(mrJar, plainJar, dir)) {
            assertEquals(jdepsSays(List.of(target)), new ModuleScanner().modules(jdk, List.of(target), run, temp),
                    target.toString());
        }
    }

    @Test
    void jdepsAgreesOnModularJarsAndDirectories() throws IOException {
        // requires java.sql, which it does not use; its class uses java.logging
        Path classes = compile("modular", Map.of("module-info", "module com.example.app { requires java.sql;"
                + " requires java.logging; exports app; }", "app.Logs", LOGGING));
        Path jar = jar(classes, "modular-1.0.jar");
        // another version of the same module (jdeps names both jars "com.example.app"), using java.net.http
        Path other = jar(compile("modular-2", Map.of("module-info", "module com.example.app {"
                + " requires java.net.http; exports app; }", "app.Http", HTTP)), "modular-2.0.jar");
        assertEquals(List.of("java.base", "java.logging"), jdepsSays(List.of(jar)),
                "what the module's classes use counts, not its requires");
        for (List<Path> targets : List.of(List.of(classes), List.of(jar), List.of(other))) {
            assertEquals(jdepsSays(targets), new ModuleScanner().modules(jdk, targets, run, temp),
                    targets.toString());
        }
        // Given both at once, jdeps analyses only the first jar of a module name and prints java.base,java.logging.
        // On the class path (/app/libs/*) both jars are read, so the scanner keeps the needs of both: what jdeps
        // says over each jar on its own.
        assertEquals(List.of("java.base", "java.logging"), jdepsSays(List.of(jar, other)));
        assertEquals(List.of("java.base", "java.net.http"), jdepsSays(List.of(other)));
        assertEquals(List.of("java.base", "java.logging", "java.net.http"),
                new ModuleScanner().modules(jdk, List.of(jar, other), run, temp));
    }

    @Test
    void aModularJarsUseOfAStaticRequireCountsAsOnTheClassPath() throws IOException {
        // like Gson: requires static java.sql, and has classes that use it when it is there
        Path lib = jar(compile("static-lib", Map.of("module-info", "module com.example.lib { requires static"
                + " java.sql; exports lib; }", "lib.Db", SQL.replace("package app;", "package lib;"))),
                "static-lib-1.0.jar");
        Path app = compile("static-app", Map.of("app.Plain", PLAIN));
        assertEquals(List.of("java.base"), jdepsSays(List.of(lib)),
                "jdeps over the module alone resolves only what it requires, so java.sql is 'not found'");
        List<String> judge = jdepsSays(List.of(app, lib));
        assertEquals(List.of("java.base", "java.sql"), judge,
                "with a classes directory among the targets jdeps resolves every JDK module");
        Path cache = temp.resolve("static-cache");
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(app, lib), run, temp, cache));
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(lib), run, temp, cache),
                "the jar's own answer, cached, is the class-path answer");
        assertEquals(judge, new ModuleScanner().modules(jdk, List.of(lib), run, temp));
    }

    @Test
    void aJdkClassThatAJarHoldsTooIsFoundInTheJar() throws IOException {
        // like an old xml-apis jar: org.w3c.dom.Document, the very class file of the JDK's java.xml
        Path shadowing = Files.createDirectories(temp.resolve("xml-apis/org/w3c/dom")).getParent().getParent()
                .getParent();
        java.nio.file.FileSystem jrt = java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"));
        Files.copy(jrt.getPath("/modules/java.xml/org/w3c/dom/Document.class"),
                shadowing.resolve("org/w3c/dom/Document.class"));
        Path xmlApis = jar(shadowing, "xml-apis-1.4.01.jar");
        Path usesDocument = compile("uses-document", Map.of("app.A",
                "package app; public class A { org.w3c.dom.Document d; }"));
        Path usesElement = compile("uses-element", Map.of("app.B",
                "package app; public class B { org.w3c.dom.Element e; }"));
        Path cache = temp.resolve("shadow-cache");
        for (List<Path> targets : List.of(List.of(usesDocument, xmlApis), List.of(usesElement, xmlApis),
                List.of(usesDocument), List.of(shadowing, usesDocument))) {
            List<String> judge = jdepsSays(targets);
            assertEquals(judge, new ModuleScanner().modules(jdk, targets, run, temp), "no cache: " + targets);
            assertEquals(judge, new ModuleScanner().modules(jdk, targets, run, temp, cache), "cache: " + targets);
            assertEquals(judge, new ModuleScanner().modules(jdk, targets, run, temp, cache), "cached: " + targets);
        }
        assertEquals(List.of("java.base"), jdepsSays(List.of(usesDocument, xmlApis)), "Document is the jar's");
        assertEquals(List.of("java.base", "java.xml"), jdepsSays(List.of(usesElement, xmlApis)),
                "Element is the JDK's: class by class, not package by package");
    }

    @Test
    void jdepsAgreesOnADirectoryAndJarsTogether() throws IOException {
        Path app = compile("all-app", Map.of("app.Plain", PLAIN, "app.Http", HTTP));
        Path logging = jar(compile("all-logging", Map.of("app.Logs", LOGGING)), "logging-1.0.jar");
        Path unsafe = jar(compile("all-unsafe", Map.of("lib.U",
                "package lib; public class U { static Object u = sun.misc.Unsafe.class; }")), "unsafe-1.0.jar");
        Path desktop = jar(compile("all-desktop", Map.of("lib.D",
                "package lib; public class D { Object p = new java.awt.Point(1, 2); }")), "desktop-1.0.jar");
        // the same file name twice (one artifact name from two groups): jdeps would name both "util-1.0.jar"
        Path sqlUtil = Files.move(jar(compile("all-sql", Map.of("lib.Db", SQL.replace("package app;",
                "package lib;"))), "util-1.0.jar"), Files.createDirectories(temp.resolve("group-a"))
                .resolve("util-1.0.jar"));
        Path xmlUtil = Files.move(jar(compile("all-xml", Map.of("lib2.X", "package lib2; public class X {"
                        + " Object f = javax.xml.parsers.DocumentBuilderFactory.newInstance(); }")), "util-1.0.jar"),
                Files.createDirectories(temp.resolve("group-b")).resolve("util-1.0.jar"));
        List<Path> targets = List.of(app, logging, unsafe, desktop, xmlUtil, sqlUtil);
        List<String> judge = jdepsSays(targets);
        assertEquals(List.of("java.base", "java.desktop", "java.net.http", "java.sql", "jdk.unsupported"), judge);
        assertEquals(judge, new ModuleScanner().modules(jdk, targets, run, temp, temp.resolve("cache")));
        List<String> withoutSql = jdepsSays(List.of(app, logging, unsafe, desktop, xmlUtil));
        assertEquals(List.of("java.base", "java.desktop", "java.logging", "java.net.http", "jdk.unsupported"),
                withoutSql, "java.desktop implies java.xml");
        assertEquals(withoutSql, new ModuleScanner().modules(jdk, List.of(app, logging, unsafe, desktop, xmlUtil),
                run, temp, temp.resolve("cache")));
    }

    // ---- the cache

    private long processes() throws IOException {
        return Files.readString(log).lines().filter(l -> l.startsWith("$ ")).count();
    }

    private List<String> jdepsCommands() throws IOException {
        return Files.readString(log).lines().filter(l -> l.startsWith("$ ") && l.contains("/jdeps ")).toList();
    }

    @Test
    void aOneClassChangeStartsNoJdepsAndFindsTheNewModule() throws IOException {
        Path cache = temp.resolve("module-cache");
        Path logging = jar(compile("lib-logging", Map.of("lib.Logs", LOGGING.replace("package app;",
                "package lib;"))), "logging-lib-1.0.jar");
        Path unsafe = jar(compile("lib-unsafe", Map.of("lib.U",
                "package lib; public class U { static Object u = sun.misc.Unsafe.class; }")), "unsafe-lib-1.0.jar");
        Path classes = compile("app", Map.of("app.Plain", PLAIN, "app.Db", SQL));
        List<Path> targets = List.of(classes, logging, unsafe);
        ModuleScanner scanner = new ModuleScanner();

        assertEquals(List.of("java.base", "java.sql", "jdk.unsupported"),
                scanner.modules(jdk, targets, run, temp, cache));
        List<String> first = jdepsCommands();
        assertEquals(1, first.size(), "one jdeps for both new jars: " + first);
        for (Path jar : List.of(logging, unsafe)) {
            assertEquals(2, first.get(0).split(java.util.regex.Pattern.quote(jar.toString()), -1).length,
                    "each jar given once: " + first.get(0));
        }
        assertTrue(!first.get(0).contains("--class-path") && !first.get(0).contains(" -cp "),
                "jars are targets only, never also on the class path: " + first.get(0));
        long processes = processes();

        // one class changes and now uses java.net.http
        Path changed = compile("app", Map.of("app.Plain", PLAIN.replace("new java.util.ArrayList<String>()",
                "java.net.http.HttpClient.newHttpClient()"), "app.Db", SQL));
        assertEquals(classes, changed);
        List<String> expected = jdepsSays(targets);
        assertEquals(List.of("java.base", "java.net.http", "java.sql", "jdk.unsupported"), expected);
        assertEquals(expected, scanner.modules(jdk, targets, run, temp, cache));
        assertEquals(processes, processes(), "no process started for a changed class: " + Files.readString(log));

        // a new scanner (a new build) with the same cache: still no jdeps
        assertEquals(expected, new ModuleScanner().modules(jdk, targets, run, temp, cache));
        assertEquals(processes, processes(), "no process started from the cache alone");
    }

    @Test
    void aChangedJarIsScannedAgain() throws IOException {
        Path cache = temp.resolve("module-cache");
        Path lib = jar(compile("lib-v1", Map.of("lib.Plain", PLAIN.replace("package app;", "package lib;"))),
                "lib-1.0-SNAPSHOT.jar");
        ModuleScanner scanner = new ModuleScanner();
        assertEquals(List.of("java.base"), scanner.modules(jdk, List.of(lib), run, temp, cache));
        assertEquals(1, jdepsCommands().size());
        assertEquals(List.of("java.base"), scanner.modules(jdk, List.of(lib), run, temp, cache));
        assertEquals(1, jdepsCommands().size(), "an unchanged jar comes from the cache");

        // the SNAPSHOT is rebuilt in place with new bytes that need java.sql
        Path v2 = jar(compile("lib-v2", Map.of("lib.Db", SQL.replace("package app;", "package lib;"))),
                "lib-2-SNAPSHOT.jar");
        Files.move(v2, lib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(jdepsSays(List.of(lib)), List.of("java.base", "java.sql"));
        assertEquals(List.of("java.base", "java.sql"), scanner.modules(jdk, List.of(lib), run, temp, cache));
        assertEquals(2, jdepsCommands().size(), "the changed jar went to jdeps again");
    }

    @Test
    void theJdkModuleIndexIsKeptInTheCache() throws IOException {
        Path cache = temp.resolve("module-cache");
        Path classes = compile("indexed", Map.of("app.Logs", LOGGING));
        assertEquals(List.of("java.base", "java.logging"),
                new ModuleScanner().modules(jdk, List.of(classes), run, temp, cache));
        Path index = cache.resolve("jdk-" + jdk.identity() + ".index");
        assertTrue(Files.isRegularFile(index), "index written");
        List<String> lines = Files.readAllLines(index);
        assertTrue(lines.contains("module java.sql java.logging,java.transaction.xa,java.xml"), "java.sql's line");
        assertTrue(lines.contains("java/util/logging/Logger"), "a class line");
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file left");
        }
    }
}
