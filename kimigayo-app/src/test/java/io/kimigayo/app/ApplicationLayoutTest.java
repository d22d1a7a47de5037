package io.kimigayo.app;

import io.kimigayo.oci.pack.TreeLayer;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where an application's files go in the image and the command that starts it. */
class ApplicationLayoutTest {

    @TempDir
    Path temp;

    /** A dependency jar in its own directory (as in a Maven repository), holding its coordinates as text. */
    private Dependency dependency(String groupId, String fileName, Dependency.Kind kind) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("repo").resolve(groupId));
        Path file = Files.writeString(dir.resolve(fileName), groupId + ":" + fileName);
        String artifactId = fileName.replaceAll("-[0-9].*", "");
        return new Dependency(file, groupId, artifactId, "1.0", "", kind);
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

    private static Map<String, FileTree> byName(ApplicationLayout.Laid laid) {
        Map<String, FileTree> layers = new java.util.LinkedHashMap<>();
        for (TreeLayer layer : laid.layers()) {
            layers.put(layer.createdBy().replace("kimigayo build: ", ""), layer.tree());
        }
        return layers;
    }

    private Path classes(Map<String, String> sources, Map<String, String> resources) throws IOException {
        Path classes = TestClasses.compile(temp, "app", sources);
        for (Map.Entry<String, String> e : resources.entrySet()) {
            Files.createDirectories(classes.resolve(e.getKey()).getParent());
            Files.writeString(classes.resolve(e.getKey()), e.getValue());
        }
        return classes;
    }

    @Test
    void eachKindOfDependencyHasItsLayerAndTheClassPathKeepsTheirOrder() throws IOException {
        Path classes = classes(Map.of("app.Main", "package app; public class Main { public static void main("
                + "String[] a) { } }"), Map.of("app.properties", "greeting=hi\n"));
        List<Dependency> dependencies = List.of(
                dependency("org.slf4j", "slf4j-api-2.0.16.jar", Dependency.Kind.RELEASE),
                dependency("com.example", "helper-1.1-SNAPSHOT.jar", Dependency.Kind.SNAPSHOT),
                dependency("com.example.build", "shared-1.0.jar", Dependency.Kind.PROJECT),
                dependency("com.fasterxml.jackson.core", "jackson-core-2.20.1.jar", Dependency.Kind.RELEASE));
        ApplicationLayout.Laid laid = new ApplicationLayout().lay(classes, dependencies, "app.Main");
        Map<String, FileTree> layers = byName(laid);
        assertEquals(List.of("dependencies", "snapshot dependencies", "project dependencies", "class path",
                "resources", "classes"), List.copyOf(layers.keySet()));
        assertEquals(Map.of(
                "/app/libs/jackson-core-2.20.1.jar", "com.fasterxml.jackson.core:jackson-core-2.20.1.jar",
                "/app/libs/slf4j-api-2.0.16.jar", "org.slf4j:slf4j-api-2.0.16.jar"),
                files(layers.get("dependencies")));
        assertEquals(Map.of("/app/libs/helper-1.1-SNAPSHOT.jar", "com.example:helper-1.1-SNAPSHOT.jar"),
                files(layers.get("snapshot dependencies")));
        assertEquals(Map.of("/app/libs/shared-1.0.jar", "com.example.build:shared-1.0.jar"),
                files(layers.get("project dependencies")));
        assertEquals(Map.of("/app/classpath", "/app/resources:/app/classes:/app/libs/slf4j-api-2.0.16.jar:"
                + "/app/libs/helper-1.1-SNAPSHOT.jar:/app/libs/shared-1.0.jar:/app/libs/jackson-core-2.20.1.jar\n"),
                files(layers.get("class path")), "the build's order, jar by jar");
        assertEquals(Map.of("/app/resources/app.properties", "greeting=hi\n"), files(layers.get("resources")));
        assertEquals(List.of("/app/classes/app/Main.class"), List.copyOf(files(layers.get("classes")).keySet()));
        assertEquals(List.of("-cp", "@/app/classpath", "app.Main"), laid.command());
        assertNull(laid.module());
    }

    @Test
    void aJarFileNameUsedTwiceGetsTheGroupIdPrefixedAcrossLayers() throws IOException {
        List<Dependency> dependencies = List.of(
                dependency("org.acme", "util-1.0.jar", Dependency.Kind.RELEASE),
                dependency("com.other", "util-1.0.jar", Dependency.Kind.SNAPSHOT),
                dependency("org.slf4j", "slf4j-api-2.0.16.jar", Dependency.Kind.RELEASE));
        Map<String, FileTree> layers = byName(new ApplicationLayout().lay(temp.resolve("no-classes"), dependencies,
                "app.Main"));
        assertEquals(Map.of("/app/libs/org.acme-util-1.0.jar", "org.acme:util-1.0.jar",
                "/app/libs/slf4j-api-2.0.16.jar", "org.slf4j:slf4j-api-2.0.16.jar"), files(layers.get("dependencies")),
                "neither clashing jar hides the other; a unique name stays as it is");
        assertEquals(Map.of("/app/libs/com.other-util-1.0.jar", "com.other:util-1.0.jar"),
                files(layers.get("snapshot dependencies")));
        assertTrue(files(layers.get("class path")).get("/app/classpath").contains(
                "/app/libs/org.acme-util-1.0.jar:/app/libs/com.other-util-1.0.jar:"));
        assertTrue(layers.get("project dependencies").isEmpty(), "no project layer: the packer drops empty ones");
        assertEquals(null, layers.get("resources"), "no classes directory, no resources or classes layer");
    }

    @Test
    void aModuleOfTheBuildThatWasNotPackagedGoesInAsItsClassesDirectory() throws IOException {
        Path sibling = Files.createDirectories(temp.resolve("shared/target/classes/lib"));
        Files.writeString(sibling.resolve("Shared.class"), "bytes");
        Dependency project = new Dependency(sibling.getParent(), "com.example", "shared", "1.0", "",
                Dependency.Kind.PROJECT);
        Map<String, FileTree> layers = byName(new ApplicationLayout().lay(temp.resolve("none"), List.of(project),
                "app.Main"));
        assertEquals(Map.of("/app/libs/shared-1.0/lib/Shared.class", "bytes"),
                files(layers.get("project dependencies")));
        assertEquals("/app/resources:/app/classes:/app/libs/shared-1.0\n",
                files(layers.get("class path")).get("/app/classpath"));
    }

    @Test
    void aModularApplicationStartsAsAModuleWithItsResourcesInside() throws IOException {
        Path classes = classes(Map.of("module-info", "module com.example.app { }",
                "app.Main", "package app; public class Main { public static void main(String[] a) { } }"),
                Map.of("app/messages.properties", "m=1\n"));
        ApplicationLayout.Laid laid = new ApplicationLayout().lay(classes, List.of(
                dependency("org.slf4j", "slf4j-api-2.0.16.jar", Dependency.Kind.RELEASE)), "app.Main");
        assertEquals("com.example.app", laid.module());
        assertEquals(List.of("--module-path", "/app/classes:/app/libs", "-m", "com.example.app/app.Main"),
                laid.command());
        Map<String, FileTree> layers = byName(laid);
        assertEquals(null, layers.get("class path"), "a module needs no class path file");
        assertEquals(Map.of("/app/classes/app/messages.properties", "m=1\n"), files(layers.get("resources")),
                "a module's resources are inside the module");
        assertTrue(files(layers.get("classes")).containsKey("/app/classes/module-info.class"));
    }

    @Test
    void requestDefaults() {
        JavaApplication app = new JavaApplication(temp, null, null, null, null, null, null, " ", null);
        assertEquals(List.of(), app.dependencies());
        assertEquals(List.of(), app.jvmFlags());
        assertEquals(List.of(), app.args());
        assertEquals("65532:65532", app.user(), "a blank user runs as the non-root default");
        assertTrue(app.springBoot().excludeDevtools());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new JavaApplication(temp, null, null, null, null, java.util.Arrays.asList("-Xss1m", null), null,
                        null, null));
        assertEquals("jvmFlags: flag 2 of 2 is empty; remove it, or give it a value", e.getMessage());
        RuntimeSettings runtime = new RuntimeSettings(temp, java.util.Arrays.asList(" java.sql ", "", null), null,
                null);
        assertEquals(List.of("java.sql"), runtime.modules());
        assertEquals(List.of(), runtime.extraModules());
        assertEquals("/opt/java", ApplicationRequest.JAVA_HOME);
        assertTrue(ApplicationRequest.javaEnvironment().get("PATH").startsWith("/opt/java/bin:"));
    }
}
