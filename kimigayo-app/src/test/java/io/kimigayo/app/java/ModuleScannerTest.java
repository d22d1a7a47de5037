package io.kimigayo.app.java;

import io.kimigayo.app.TestClasses;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.NativeBuildException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ModuleScanner} on classes compiled here and on jars published on Maven Central, judged by the real jdeps of
 * the running JDK: over a classes directory, and over a jar read as the class path reads it (its module-info taken
 * out, so that jdeps does not resolve it as a module).
 */
class ModuleScannerTest {

    @TempDir
    Path temp;

    private Jdk jdk;

    @BeforeEach
    void setUp() throws IOException {
        jdk = Jdk.at(HostTools.javaHome());
    }

    /**
     * The class references' answer, which jdeps judges: a scanner without rules (ModuleRulesTest covers the rule
     * table, whose modules jdeps cannot see by design).
     */
    private final ModuleScanner byReferences = new ModuleScanner(ModuleRules.parse(""));

    private List<String> scan(List<Path> targets) throws IOException {
        return byReferences.scan(jdk, targets, null).modules();
    }

    private List<String> scan(List<Path> targets, Path cache) throws IOException {
        return byReferences.scan(jdk, targets, cache).modules();
    }

    private Path compile(String name, Map<String, String> sources) throws IOException {
        return TestClasses.compile(temp, name, sources);
    }

    private Path jar(Path classes, String fileName) throws IOException {
        return TestClasses.jar(classes, temp.resolve(fileName));
    }

    private static final String PLAIN = "package app; public class Plain { public static void main(String[] a) {"
            + " System.out.println(new java.util.ArrayList<String>()); } }";
    private static final String LOGGING = "package app; public class Logs { public static void main(String[] a) {"
            + " java.util.logging.Logger.getLogger(\"app\").info(\"hello\"); } }";
    private static final String SQL = "package app; public class Db { public static void main(String[] a)"
            + " throws Exception { java.sql.DriverManager.getConnection(\"jdbc:none:\"); } }";

    @Test
    void plainClassesNeedJavaBaseOnly() throws IOException {
        assertEquals(List.of("java.base"), scan(List.of(compile("plain", Map.of("app.Plain", PLAIN)))));
    }

    @Test
    void sqlAndLoggingTogetherGiveTheReducedSortedList() throws IOException {
        // java.sql requires java.logging transitively: jdeps' reduced list names java.sql, and jlink adds
        // java.logging with it.
        assertEquals(List.of("java.base", "java.logging"), scan(List.of(compile("logging",
                Map.of("app.Logs", LOGGING)))));
        assertEquals(List.of("java.base", "java.sql"), scan(List.of(compile("both",
                Map.of("app.Db", SQL, "app.Logs", LOGGING)))));
    }

    @Test
    void classesDirectoryAndJarsAreScannedTogether() throws IOException {
        Path app = compile("app", Map.of("app.Plain", PLAIN));
        Path logging = jar(compile("lib-logging", Map.of("app.Logs", LOGGING)), "logging-lib-1.0.jar");
        Path sql = jar(compile("lib-sql", Map.of("lib.Db", SQL.replace("package app;", "package lib;"))),
                "sql-lib-1.0.jar");
        assertEquals(List.of("java.base", "java.logging"), scan(List.of(app, logging)), "the jar's needs count");
        assertEquals(List.of("java.base", "java.sql"), scan(List.of(app, logging, sql)));
    }

    @Test
    void missingPathsAndMissingDependenciesAreNoError() throws IOException {
        Path classes = compile("split", Map.of(
                "app.Main", "package app; public class Main { public static void main(String[] a) {"
                        + " new lib.Helper().help(); } }",
                "lib.Helper", "package lib; public class Helper { public void help() {"
                        + " java.util.logging.Logger.getGlobal().info(\"x\"); } }"));
        Files.delete(classes.resolve("lib/Helper.class"));
        assertEquals(List.of("java.base"), scan(List.of(temp.resolve("no-such-classes"), classes,
                temp.resolve("no-such.jar"))), "a dependency not given to the scan is skipped");
        assertEquals(List.of("java.base"), scan(List.of()));
    }

    @Test
    void aJdkWithoutModulesIsReportedWithTheFix() throws IOException {
        Path home = Files.createDirectories(temp.resolve("empty-jdk/bin"));
        Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Files.writeString(home.resolve("jlink"), "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(home.resolve("jlink"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Jdk empty = Jdk.at(home.getParent());
        Path classes = compile("plain", Map.of("app.Plain", PLAIN));
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new ModuleScanner().scan(empty, List.of(classes), null));
        assertTrue(e.getMessage().contains(empty.home() + " has no jmods"), e.getMessage());
        assertTrue(e.getMessage().contains("openjdk-17-jmods"), e.getMessage());
    }

    @Test
    void aJdkThatLinksFromItsRunTimeImageIsReadFromThatImage() throws IOException {
        // a JDK without jmods (JEP 493): the same home, with everything but the jmods directory
        Path home = Files.createDirectories(temp.resolve("no-jmods-jdk"));
        try (Stream<Path> entries = Files.list(jdk.home())) {
            for (Path e : entries.toList()) {
                if (!e.getFileName().toString().equals("jmods")) {
                    Files.createSymbolicLink(home.resolve(e.getFileName()), e.toRealPath());
                }
            }
        }
        Jdk linked = Jdk.at(home);
        JdkModules fromImage = JdkModules.of(linked, null);
        JdkModules fromJmods = JdkModules.of(jdk, null);
        assertEquals(fromJmods.names(), fromImage.names());
        for (String c : List.of("java/sql/Connection", "java/lang/Object", "sun/misc/Unsafe",
                "com/sun/net/httpserver/HttpServer", "javax/net/ssl/SSLContext")) {
            assertEquals(fromJmods.moduleOf(c), fromImage.moduleOf(c), c);
        }
        assertEquals(List.of("java.base", "java.sql"), new ModuleScanner().scan(linked,
                List.of(compile("sql", Map.of("app.Db", SQL))), null).modules());
    }

    // ---- jdeps is the judge

    private int judged;

    /**
     * What jdeps --print-module-deps prints over the inputs (java.base added, as the scanner always does), each jar
     * given without its module-info, as the class path reads it.
     */
    private List<String> jdepsSays(List<Path> targets) throws IOException {
        List<String> command = new ArrayList<>(List.of(jdk.tool("jdeps").toString(), "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", Integer.toString(jdk.feature())));
        for (Path t : targets) {
            command.add((Files.isDirectory(t) ? t : withoutModuleInfo(t)).toString());
        }
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

    /** A copy of a jar without its module-info.class entries (the base one and the versioned ones). */
    private Path withoutModuleInfo(Path jar) throws IOException {
        Path copy = Files.createDirectories(temp.resolve("class-path-copies").resolve(Integer.toString(judged)
                + "-" + Math.abs(jar.toString().hashCode()))).resolve(jar.getFileName());
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(jar.toFile());
             OutputStream file = Files.newOutputStream(copy);
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(file)) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().endsWith("module-info.class")) {
                    continue;
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                try (java.io.InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return copy;
    }

    /**
     * Compiles the sources, deletes the named classes (so that only what is left refers to them), and checks the
     * scanner against jdeps over the classes directory and against {@code expected} (which keeps the judge honest):
     * the directory without and with a cache, and the classes as a jar.
     */
    private void agree(String name, List<String> expected, Map<String, String> sources, String... deleted)
            throws IOException {
        Path classes = compile(name, sources);
        for (String d : deleted) {
            Files.delete(classes.resolve(d.replace('.', '/') + ".class"));
        }
        List<String> judge = jdepsSays(List.of(classes));
        assertEquals(expected, judge, "jdeps' own answer for " + name);
        assertEquals(judge, scan(List.of(classes)), "no cache: " + name);
        assertEquals(judge, scan(List.of(classes), temp.resolve("cache")), "with a cache: " + name);
        Path jar = jar(classes, name + "-1.0.jar");
        assertEquals(judge, scan(List.of(jar), temp.resolve("cache")), "as a jar: " + name);
        assertEquals(judge, scan(List.of(jar), temp.resolve("cache")), "as a cached jar: " + name);
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
        assertEquals(judge, scan(List.of(classes)));
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
            assertEquals(jdepsSays(List.of(target)), scan(List.of(target)), target.toString());
        }
        // a multi-release jar whose only class is for a release after the JDK's: nothing of it counts
        AtomicFiles.deleteRecursively(dir.resolve("app"));
        AtomicFiles.deleteRecursively(dir.resolve("META-INF/versions/11"));
        Path only21 = jar(dir, "only-21-1.0.jar");
        assertEquals(List.of("java.base"), jdepsSays(List.of(only21)));
        assertEquals(List.of("java.base"), scan(List.of(only21)));
    }

    @Test
    void aModularJarIsReadAsTheClassPathReadsIt() throws IOException {
        // requires java.sql (unused) and a module that is nowhere; its class uses java.logging
        Path classes = compile("modular", Map.of("module-info", "module com.example.app { requires java.sql;"
                + " requires java.logging; exports app; }", "app.Logs", LOGGING));
        Path info = classes.resolve("module-info.class");
        Path jar = jar(classes, "modular-1.0.jar");
        // as published jars do: a requires on a module the class path does not have (jakarta.transaction-api's
        // jakarta.cdi), written into module-info after compiling
        Path missing = jar(moduleInfoRequiring(classes, "com.example.nowhere"), "missing-requires-1.0.jar");
        assertEquals(List.of("java.base", "java.logging"), jdepsSays(List.of(jar)),
                "what the classes use counts, not the requires");
        assertEquals(List.of("java.base", "java.logging"), scan(List.of(jar)));
        assertEquals(List.of("java.base", "java.logging"), scan(List.of(missing)), "no FindException");
        assertTrue(Files.isRegularFile(info));
        // launched as a module, the JDK modules it requires count too: the module system resolves them at start-up
        assertEquals(List.of("java.base", "java.sql"), byReferences.scan(jdk, List.of(jar), true, null).modules());
        assertEquals(List.of("java.base", "java.sql"), byReferences.scan(jdk, List.of(classes), true, null)
                .modules());
    }

    /** The classes directory again, with a module-info that also requires {@code module} (not a JDK module). */
    private Path moduleInfoRequiring(Path classes, String module) throws IOException {
        Path copy = temp.resolve(classes.getFileName() + "-" + module);
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(classes.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        java.lang.module.ModuleDescriptor original;
        try (java.io.InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            original = java.lang.module.ModuleDescriptor.read(in);
        }
        // compile a module-info naming the missing module against a stub of it
        Path stub = compile(module + "-stub", Map.of("module-info", "module " + module + " { }"));
        Path src = Files.createDirectories(temp.resolve(module + "-info-src"));
        StringBuilder text = new StringBuilder("module " + original.name() + " { requires " + module + ";");
        original.requires().stream().filter(r -> !r.name().equals("java.base"))
                .forEach(r -> text.append(" requires ").append(r.name()).append(';'));
        original.exports().forEach(e -> text.append(" exports ").append(e.source()).append(';'));
        Files.writeString(src.resolve("module-info.java"), text.append(" }").toString());
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("app/Logs.java"), LOGGING);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "--release", "17", "-p",
                stub.toString(), "-d", copy.toString(), src.resolve("module-info.java").toString(),
                src.resolve("app/Logs.java").toString());
        assertEquals(0, rc, errors.toString(StandardCharsets.UTF_8));
        return copy;
    }

    /** The jar a dependency of this test was resolved to, from the test class path (published on Maven Central). */
    private static Path published(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void publishedModularJarsWithMissingRequiresAreScannedWithoutACrash() throws IOException {
        Path transaction = published(jakarta.transaction.Transaction.class);
        assertTrue(transaction.getFileName().toString().startsWith("jakarta.transaction-api-2.0.1"), transaction
                .toString());
        // what real jdeps does with it as a module: the failure the module scan must never have
        HostTools.Outcome asModule;
        try {
            asModule = HostTools.exec(List.of(jdk.tool("jdeps").toString(), "--ignore-missing-deps",
                    "--print-module-deps", transaction.toString()), temp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertTrue(asModule.exitCode() != 0 && asModule.output().contains("FindException"), asModule.output());

        Path gson = published(com.google.gson.Gson.class);
        for (List<Path> targets : List.of(List.of(transaction), List.of(gson), List.of(transaction, gson))) {
            List<String> judge = jdepsSays(targets);
            ModuleScanner.Result result = byReferences.scan(jdk, targets, temp.resolve("cache"));
            assertEquals(judge, result.modules(), targets.toString());
            assertEquals(List.of(), result.unreadable());
        }
        assertEquals(List.of("java.base", "java.rmi", "java.transaction.xa"), scan(List.of(transaction)),
                "javax.transaction.xa.XAResource is in java.transaction.xa; its exceptions extend java.rmi's");
        assertTrue(scan(List.of(gson)).contains("java.sql"), "Gson's java.sql types count on the class path, though "
                + "its module-info requires java.sql only statically");
        assertEquals(List.of("java.base", "java.sql", "jdk.unsupported"), new ModuleScanner().scan(jdk,
                List.of(gson), null).modules(), "with the rules: Gson loads sun.misc.Unsafe by name");
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
            assertEquals(judge, scan(targets), "no cache: " + targets);
            assertEquals(judge, scan(targets, cache), "cache: " + targets);
            assertEquals(judge, scan(targets, cache), "cached: " + targets);
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
        // the same file name twice (one artifact name from two groups)
        Path sqlUtil = Files.move(jar(compile("all-sql", Map.of("lib.Db", SQL.replace("package app;",
                "package lib;"))), "util-1.0.jar"), Files.createDirectories(temp.resolve("group-a"))
                .resolve("util-1.0.jar"));
        Path xmlUtil = Files.move(jar(compile("all-xml", Map.of("lib2.X", "package lib2; public class X {"
                        + " Object f = javax.xml.parsers.DocumentBuilderFactory.newInstance(); }")), "util-1.0.jar"),
                Files.createDirectories(temp.resolve("group-b")).resolve("util-1.0.jar"));
        List<Path> targets = List.of(app, logging, unsafe, desktop, xmlUtil, sqlUtil);
        List<String> judge = jdepsSays(targets);
        assertEquals(List.of("java.base", "java.desktop", "java.net.http", "java.sql", "jdk.unsupported"), judge);
        assertEquals(judge, scan(targets, temp.resolve("cache")));
        List<String> withoutSql = jdepsSays(List.of(app, logging, unsafe, desktop, xmlUtil));
        assertEquals(List.of("java.base", "java.desktop", "java.logging", "java.net.http", "jdk.unsupported"),
                withoutSql, "java.desktop implies java.xml");
        assertEquals(withoutSql, scan(List.of(app, logging, unsafe, desktop, xmlUtil), temp.resolve("cache")));
    }

    // ---- what cannot be read

    @Test
    void aJarThatCannotBeReadGetsTheSafeSetAndIsNamed() throws IOException {
        Path app = compile("safe-app", Map.of("app.Plain", PLAIN));
        Path notAZip = Files.writeString(temp.resolve("truncated-1.0.jar"), "PK\u0003\u0004 not really a zip");
        Path damagedClass = jar(damaged(compile("damaged-lib", Map.of("lib.Logs", LOGGING.replace("package app;",
                "package lib;")))), "damaged-class-1.0.jar");
        for (Path bad : List.of(notAZip, damagedClass)) {
            ModuleScanner.Result result = new ModuleScanner().scan(jdk, List.of(app, bad), temp.resolve("cache"));
            assertEquals(1, result.unreadable().size(), result.toString());
            assertEquals(bad, result.unreadable().get(0).target());
            assertTrue(result.modules().contains("java.se"), "every Java SE module: " + result.modules());
            assertTrue(result.modules().containsAll(List.of("jdk.crypto.ec", "jdk.unsupported", "jdk.zipfs")),
                    result.modules().toString());
            assertEquals(result.modules(), new ModuleScanner().scan(jdk, List.of(app, bad), temp.resolve("cache"))
                    .modules(), "the same from the cache");
        }
        assertTrue(new ModuleScanner().scan(jdk, List.of(damagedClass), null).unreadable().get(0).reason()
                .contains("lib/Logs.class"), "names the class file");
    }

    @Test
    void aDamagedClassInTheClassesDirectoryGetsTheSafeSetToo() throws IOException {
        Path classes = damaged(compile("damaged", Map.of("app.Plain", PLAIN)));
        ModuleScanner.Result result = new ModuleScanner().scan(jdk, List.of(classes), null);
        assertEquals(classes, result.unreadable().get(0).target());
        assertTrue(result.unreadable().get(0).reason().contains("not a readable class file"),
                result.unreadable().get(0).reason());
        assertTrue(result.modules().contains("java.se"), result.modules().toString());
    }

    /** The classes directory with its one class file cut short. */
    private static Path damaged(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            Path file = walk.filter(p -> p.toString().endsWith(".class")).findFirst().orElseThrow();
            Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 40));
        }
        return classes;
    }

    // ---- the cache

    @Test
    void aCachedJarIsNotReadAgainAndAChangedOneIs() throws IOException {
        Path cache = temp.resolve("module-cache");
        Path lib = jar(compile("lib-v1", Map.of("lib.Plain", PLAIN.replace("package app;", "package lib;"))),
                "lib-1.0-SNAPSHOT.jar");
        assertEquals(List.of("java.base"), scan(List.of(lib), cache));
        // the same size and time, other bytes (that are not even a zip): the cached answer stands
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(lib);
        Files.write(lib, new byte[(int) Files.size(lib)]);
        Files.setLastModifiedTime(lib, time);
        ModuleScanner.Result cached = byReferences.scan(jdk, List.of(lib), cache);
        assertEquals(List.of("java.base"), cached.modules());
        assertEquals(List.of(), cached.unreadable(), "not read again");

        // the SNAPSHOT is rebuilt in place with new bytes that need java.sql
        Path v2 = jar(compile("lib-v2", Map.of("lib.Db", SQL.replace("package app;", "package lib;"))),
                "lib-2-SNAPSHOT.jar");
        Files.move(v2, lib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(time.toMillis() + 2000));
        assertEquals(jdepsSays(List.of(lib)), List.of("java.base", "java.sql"));
        assertEquals(List.of("java.base", "java.sql"), scan(List.of(lib), cache));
    }

    @Test
    void aOneClassChangeIsFoundFromTheClassesDirectory() throws IOException {
        Path cache = temp.resolve("module-cache");
        Path unsafe = jar(compile("lib-unsafe", Map.of("lib.U",
                "package lib; public class U { static Object u = sun.misc.Unsafe.class; }")), "unsafe-lib-1.0.jar");
        Path classes = compile("app", Map.of("app.Plain", PLAIN, "app.Db", SQL));
        List<Path> targets = List.of(classes, unsafe);
        assertEquals(List.of("java.base", "java.sql", "jdk.unsupported"), scan(targets, cache));
        Path changed = compile("app", Map.of("app.Plain", PLAIN.replace("new java.util.ArrayList<String>()",
                "java.net.http.HttpClient.newHttpClient()"), "app.Db", SQL));
        assertEquals(classes, changed);
        assertEquals(List.of("java.base", "java.net.http", "java.sql", "jdk.unsupported"), jdepsSays(targets));
        assertEquals(jdepsSays(targets), scan(targets, cache));
    }

    @Test
    void theJdkModuleIndexIsKeptInTheCache() throws IOException {
        Path cache = temp.resolve("module-cache");
        Path classes = compile("indexed", Map.of("app.Logs", LOGGING));
        assertEquals(List.of("java.base", "java.logging"), scan(List.of(classes), cache));
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
