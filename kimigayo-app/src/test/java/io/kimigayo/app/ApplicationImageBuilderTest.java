package io.kimigayo.app;

import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of {@link ApplicationImageBuilder} that decide what the image runs and where the dependency jars go
 * (the whole build is covered by the Invoker integration test). They are private helpers, so they are called
 * through reflection: no main code had to change for this test.
 */
class ApplicationImageBuilderTest {

    @TempDir
    Path temp;

    private static Object call(String name, Class<?>[] types, Object... args) throws Exception {
        Method method = ApplicationImageBuilder.class.getDeclaredMethod(name, types);
        method.setAccessible(true);
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String mainClass(Path applicationJar, String mainClass) throws Exception {
        ApplicationRequest request = new ApplicationRequest(null, null, null, null, null, applicationJar, null,
                mainClass, null, null, null, null, null);
        return (String) call("mainClass", new Class<?>[] {ApplicationRequest.class}, request);
    }

    private static FileTree jars(List<Dependency> dependencies, boolean snapshots) throws Exception {
        return (FileTree) call("jars", new Class<?>[] {List.class, boolean.class}, dependencies, snapshots);
    }

    /** A jar with one class file and, when {@code mainClass} is not null, a manifest naming it. */
    private Path jar(String fileName, Map<String, String> manifestAttributes) throws IOException {
        Path jar = temp.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(jar)) {
            JarOutputStream out;
            if (manifestAttributes == null) {
                out = new JarOutputStream(file);
            } else {
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                manifestAttributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
                out = new JarOutputStream(file, manifest);
            }
            try (out) {
                out.putNextEntry(new JarEntry("com/example/App.class"));
                out.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void assertNoMainClass(Exception e) {
        assertTrue(e.getMessage().contains("no main class"), e.getMessage());
        assertTrue(e.getMessage().contains("set <mainClass>"), "says how to fix it: " + e.getMessage());
        assertTrue(e.getMessage().contains("Main-Class"), e.getMessage());
    }

    @Test
    void explicitMainClassWinsOverTheManifest() throws Exception {
        Path jar = jar("app-1.0.jar", Map.of("Main-Class", "com.example.FromManifest"));
        assertEquals("com.example.Configured", mainClass(jar, "com.example.Configured"));
        assertEquals("com.example.Configured", mainClass(jar, "  com.example.Configured \n"), "trimmed");
        assertEquals("com.example.Configured", mainClass(null, "com.example.Configured"), "no jar needed");
    }

    @Test
    void withoutAnExplicitMainClassTheJarManifestsIsUsed() throws Exception {
        Path jar = jar("app-1.0.jar", Map.of("Main-Class", " com.example.FromManifest "));
        assertEquals("com.example.FromManifest", mainClass(jar, null));
        assertEquals("com.example.FromManifest", mainClass(jar, ""), "a blank setting counts as none");
        assertEquals("com.example.FromManifest", mainClass(jar, "   "));
    }

    @Test
    void noMainClassAnywhereIsAClearError() throws Exception {
        assertNoMainClass(assertThrows(IllegalArgumentException.class, () -> mainClass(null, null)));
        assertNoMainClass(assertThrows(IllegalArgumentException.class,
                () -> mainClass(temp.resolve("not-built.jar"), null)));
        assertNoMainClass(assertThrows(IllegalArgumentException.class,
                () -> mainClass(jar("no-manifest.jar", null), null)));
        assertNoMainClass(assertThrows(IllegalArgumentException.class,
                () -> mainClass(jar("library.jar", Map.of("Implementation-Title", "lib")), null)));
        assertNoMainClass(assertThrows(IllegalArgumentException.class,
                () -> mainClass(jar("blank.jar", Map.of("Main-Class", " ")), null)));
        assertNoMainClass(assertThrows(IllegalArgumentException.class,
                () -> mainClass(Files.createDirectories(temp.resolve("classes")), null)));
    }

    /** A dependency jar in its own directory (as in a Maven repository), holding its coordinates as text. */
    private Path dependencyJar(String groupId, String fileName) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("repo").resolve(groupId));
        return Files.writeString(dir.resolve(fileName), groupId + ":" + fileName);
    }

    /** The files of a tree: path to content. */
    private static Map<String, String> files(FileTree tree) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            if (e.getValue() instanceof TreeEntry.RegularFile file) {
                assertEquals(0644, file.mode(), e.getKey().toString());
                assertEquals(0, file.uid());
                assertEquals(0, file.gid());
                try (InputStream in = file.content().open()) {
                    files.put(e.getKey().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } else {
                assertTrue(e.getValue().isDirectory(), "only files and their directories: " + e.getKey());
            }
        }
        return files;
    }

    @Test
    void releaseAndSnapshotJarsGoToAppLibsInTheirOwnLayers() throws Exception {
        List<Dependency> dependencies = List.of(
                new Dependency(dependencyJar("org.slf4j", "slf4j-api-2.0.16.jar"), "org.slf4j", false),
                new Dependency(dependencyJar("com.example", "helper-1.1-SNAPSHOT.jar"), "com.example", true),
                new Dependency(dependencyJar("com.fasterxml.jackson.core", "jackson-core-2.20.1.jar"),
                        "com.fasterxml.jackson.core", false));

        assertEquals(Map.of(
                "/app/libs/jackson-core-2.20.1.jar", "com.fasterxml.jackson.core:jackson-core-2.20.1.jar",
                "/app/libs/slf4j-api-2.0.16.jar", "org.slf4j:slf4j-api-2.0.16.jar"), files(jars(dependencies, false)));
        assertEquals(Map.of("/app/libs/helper-1.1-SNAPSHOT.jar", "com.example:helper-1.1-SNAPSHOT.jar"),
                files(jars(dependencies, true)));
    }

    @Test
    void aJarFileNameUsedTwiceGetsTheGroupIdPrefixed() throws Exception {
        List<Dependency> dependencies = List.of(
                new Dependency(dependencyJar("org.acme", "util-1.0.jar"), "org.acme", false),
                new Dependency(dependencyJar("com.other", "util-1.0.jar"), "com.other", false),
                new Dependency(dependencyJar("org.slf4j", "slf4j-api-2.0.16.jar"), "org.slf4j", false));

        assertEquals(Map.of(
                "/app/libs/org.acme-util-1.0.jar", "org.acme:util-1.0.jar",
                "/app/libs/com.other-util-1.0.jar", "com.other:util-1.0.jar",
                "/app/libs/slf4j-api-2.0.16.jar", "org.slf4j:slf4j-api-2.0.16.jar"), files(jars(dependencies, false)),
                "neither clashing jar hides the other; a unique name stays as it is");
    }

    @Test
    void aNameClashBetweenAReleaseAndASnapshotJarIsResolvedToo() throws Exception {
        // Both layers end up in the same /app/libs directory, on one class path.
        List<Dependency> dependencies = List.of(
                new Dependency(dependencyJar("org.acme", "core.jar"), "org.acme", false),
                new Dependency(dependencyJar("com.other", "core.jar"), "com.other", true));

        assertEquals(Map.of("/app/libs/org.acme-core.jar", "org.acme:core.jar"), files(jars(dependencies, false)));
        assertEquals(Map.of("/app/libs/com.other-core.jar", "com.other:core.jar"), files(jars(dependencies, true)));
    }

    @Test
    void noJarsOfAKindGiveAnEmptyTree() throws Exception {
        List<Dependency> releasesOnly = List.of(
                new Dependency(dependencyJar("org.slf4j", "slf4j-api-2.0.16.jar"), "org.slf4j", false));
        assertTrue(jars(releasesOnly, true).isEmpty(), "no snapshot layer");
        assertTrue(jars(List.of(), false).isEmpty());
    }

    @Test
    void theEntrypointClassPathCoversResourcesClassesAndLibs() {
        assertEquals("/app/resources:/app/classes:/app/libs/*", ApplicationImageBuilder.CLASSPATH);
        assertEquals("/opt/java", ApplicationRequest.JAVA_HOME);
        assertEquals("/opt/java", ApplicationRequest.javaEnvironment().get("JAVA_HOME"));
        assertTrue(ApplicationRequest.javaEnvironment().get("PATH").startsWith("/opt/java/bin:"));
    }

    @Test
    void requestDefaults() {
        ApplicationRequest request = new ApplicationRequest(null, null, null, null, null, null, null, null, null,
                null, " ", null, null);
        assertEquals(List.of(), request.modules());
        assertEquals(List.of(), request.dependencies());
        assertEquals(List.of(), request.jvmFlags());
        assertEquals(List.of(), request.args());
        assertEquals("65532:65532", request.user(), "a blank user runs as the non-root default");
    }
}
