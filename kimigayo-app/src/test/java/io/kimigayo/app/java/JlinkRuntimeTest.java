package io.kimigayo.app.java;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.process.NativeBuildException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JlinkRuntime} with the real jlink of the running JDK, cached in a temporary build cache. */
class JlinkRuntimeTest {

    @TempDir
    static Path cacheDirectory;

    @TempDir
    Path temp;

    private static Jdk jdk;
    private static JlinkRuntime.Runtime javaBase;
    private static final List<String> FIRST_PROGRESS = new ArrayList<>();
    private static Path firstLog;

    @BeforeAll
    static void buildJavaBase() throws IOException {
        jdk = Jdk.at(HostTools.javaHome());
        firstLog = cacheDirectory.resolve("logs/first.log");
        javaBase = new JlinkRuntime().build(jdk, List.of("java.base"), "x86_64", new BuildCache(cacheDirectory),
                HostTools.runner(firstLog), FIRST_PROGRESS::add);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String javaOutput(Path runtime, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
        command.addAll(List.of(args));
        return HostTools.run(command, temp);
    }

    @Test
    void firstBuildRunsJlinkAndTheRuntimeRuns() throws IOException, InterruptedException {
        assertEquals(1, FIRST_PROGRESS.size(), FIRST_PROGRESS.toString());
        String line = FIRST_PROGRESS.get(0);
        assertTrue(line.contains("jlink java.base"), line);
        assertTrue(line.contains(jdk.version()), line);
        assertTrue(Files.readString(firstLog).contains("--add-modules java.base"), "jlink ran, logged in full");

        Path dir = javaBase.directory();
        assertEquals("runtime", dir.getFileName().toString());
        assertEquals(cacheDirectory.resolve("builds"), dir.getParent().getParent());
        assertTrue(dir.getParent().getFileName().toString().startsWith("jre-17-"), dir.toString());
        assertEquals(List.of("java.base"), javaBase.modules());
        assertTrue(javaBase.cacheKey().matches("[0-9a-f]{64}"), javaBase.cacheKey());

        String version = javaOutput(dir, "-version");
        assertTrue(version.contains(jdk.version()), version);
        assertEquals("java.base@" + System.getProperty("java.version"), javaOutput(dir, "--list-modules").strip(),
                "only the requested module is in the runtime");
        assertTrue(Files.readString(dir.resolve("release")).contains("MODULES=\"java.base\""));
        assertFalse(Files.exists(dir.resolve("include")), "--no-header-files");
        assertFalse(Files.exists(dir.resolve("man")), "--no-man-pages");
    }

    @Test
    void secondCallIsACacheHit() throws IOException, InterruptedException {
        Path java = javaBase.directory().resolve("bin/java");
        FileTime before = Files.getLastModifiedTime(java);
        List<String> builds = names(cacheDirectory.resolve("builds"));
        Path log = temp.resolve("second.log");
        List<String> progress = new ArrayList<>();

        JlinkRuntime.Runtime again = new JlinkRuntime().build(Jdk.at(HostTools.javaHome()), List.of("java.base"),
                "x86_64", new BuildCache(cacheDirectory), HostTools.runner(log), progress::add);

        assertEquals(javaBase.directory(), again.directory());
        assertEquals(javaBase.cacheKey(), again.cacheKey());
        assertEquals(javaBase.modules(), again.modules());
        assertEquals(1, progress.size(), progress.toString());
        assertTrue(progress.get(0).contains("up to date"), progress.get(0));
        assertTrue(progress.get(0).contains(jdk.version()), progress.get(0));
        assertFalse(progress.get(0).contains("jlink"), progress.get(0));
        assertEquals("", Files.readString(log), "no command ran: jlink was not run again");
        assertEquals(before, Files.getLastModifiedTime(java), "the cached runtime was not rewritten");
        assertEquals(builds, names(cacheDirectory.resolve("builds")), "no new cache entry");
        assertTrue(javaOutput(again.directory(), "-version").contains(jdk.version()));
    }

    @Test
    void differentModuleListIsADifferentEntry() throws IOException, InterruptedException {
        List<String> progress = new ArrayList<>();
        JlinkRuntime.Runtime logging = new JlinkRuntime().build(jdk, List.of("java.base", "java.logging"), "x86_64",
                new BuildCache(cacheDirectory), HostTools.runner(temp.resolve("logging.log")), progress::add);

        assertTrue(progress.get(0).contains("jlink java.base,java.logging"), progress.toString());
        assertNotEquals(javaBase.directory(), logging.directory());
        assertNotEquals(javaBase.cacheKey(), logging.cacheKey());
        assertEquals(List.of("java.base", "java.logging"), logging.modules());
        String modules = javaOutput(logging.directory(), "--list-modules");
        assertTrue(modules.contains("java.logging@"), modules);
        assertTrue(Files.isDirectory(javaBase.directory()), "the java.base entry is still there");
        assertEquals("java.base@" + System.getProperty("java.version"),
                javaOutput(javaBase.directory(), "--list-modules").strip());

        List<String> again = new ArrayList<>();
        JlinkRuntime.Runtime hit = new JlinkRuntime().build(jdk, List.of("java.base", "java.logging"), "x86_64",
                new BuildCache(cacheDirectory), HostTools.runner(temp.resolve("again.log")), again::add);
        assertEquals(logging.directory(), hit.directory());
        assertTrue(again.get(0).contains("up to date"), again.toString());
    }

    @Test
    void failingJlinkLeavesNoCacheEntryOrWorkDirectory() throws IOException {
        List<String> before = names(cacheDirectory.resolve("builds"));
        Path log = temp.resolve("failing.log");
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> new JlinkRuntime().build(jdk,
                List.of("java.base", "no.such.module"), "x86_64", new BuildCache(cacheDirectory),
                HostTools.runner(log), line -> { }));
        assertTrue(e.getMessage().contains("jlink failed"), e.getMessage());
        assertTrue(e.getMessage().contains("no.such.module"), "shows jlink's complaint: " + e.getMessage());
        assertEquals(before, names(cacheDirectory.resolve("builds")), "no entry and no .work- directory left");
    }

    @Test
    void classDataSharingIsOffOnJdk17UnlessAskedForAndThenItWorks() throws IOException, InterruptedException {
        assertFalse(javaBase.cds());
        assertFalse(Files.exists(javaBase.directory().resolve("lib/server/classes.jsa")), "the default is no archive");
        assertFalse(ClassDataSharing.AUTO.enabledFor(jdk), "JDK 17's archives are not reproducible");

        List<String> progress = new ArrayList<>();
        JlinkRuntime.Runtime withCds = new JlinkRuntime().build(jdk, List.of("java.base"), "x86_64",
                ClassDataSharing.ON, new BuildCache(cacheDirectory), HostTools.runner(temp.resolve("cds.log")),
                progress::add);
        assertTrue(withCds.cds());
        assertNotEquals(javaBase.cacheKey(), withCds.cacheKey(), "another runtime, cached apart");
        assertTrue(Files.readString(temp.resolve("cds.log")).contains("--generate-cds-archive"));
        assertTrue(Files.isRegularFile(withCds.directory().resolve("lib/server/classes.jsa")));
        assertFalse(Files.exists(withCds.directory().resolve(JlinkRuntime.NOCOOPS_ARCHIVE)),
                "the archive for heaps over 32 GB is left out");
        // -Xshare:on fails the JVM when the archive cannot be mapped
        String log = javaOutput(withCds.directory(), "-Xshare:on", "-Xlog:cds", "-version");
        assertTrue(log.contains("sharing"), log);
        assertThrows(IllegalArgumentException.class, () -> ClassDataSharing.parse("maybe"));
        assertEquals(ClassDataSharing.ON, ClassDataSharing.parse(" true "));
        assertEquals(ClassDataSharing.AUTO, ClassDataSharing.parse(null));
    }
}
