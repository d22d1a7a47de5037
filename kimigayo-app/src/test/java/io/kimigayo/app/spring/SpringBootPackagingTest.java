package io.kimigayo.app.spring;

import io.kimigayo.app.Dependency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What repackage leaves out, and the class path index's order. */
class SpringBootPackagingTest {

    @TempDir
    Path temp;

    private Dependency dependency(String groupId, String artifactId, String classifier) throws IOException {
        return dependency(groupId, artifactId, classifier, null);
    }

    /** A jar in a repository directory, with a manifest giving its Spring-Boot-Jar-Type when one is given. */
    private Dependency dependency(String groupId, String artifactId, String classifier, String jarType)
            throws IOException {
        String name = artifactId + "-1.0" + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        Path file = Files.createDirectories(temp.resolve("repo").resolve(groupId)).resolve(name);
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        if (jarType != null) {
            manifest.getMainAttributes().putValue("Spring-Boot-Jar-Type", jarType);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("x/" + name + ".txt"));
            jar.closeEntry();
        }
        return new Dependency(file, groupId, artifactId, "1.0", classifier, Dependency.Kind.RELEASE);
    }

    @Test
    void startersAndAnnotationProcessorsAreLeftOutAsRepackageLeavesThemOut() throws IOException {
        List<Dependency> all = List.of(dependency("org.springframework.boot", "spring-boot-starter-web", "",
                        "dependencies-starter"),
                dependency("org.springframework.boot", "spring-boot-configuration-processor", "",
                        "annotation-processor"),
                dependency("org.springframework", "spring-web", ""));
        SpringBootPackaging.Selection selection = SpringBootPackaging.defaults().select(all, null);
        assertEquals(List.of("spring-web-1.0.jar"), names(selection.kept()));
        assertTrue(selection.leftOut().get(0).reason().contains("starter"), selection.leftOut().get(0).reason());
    }

    private static List<String> names(List<Dependency> dependencies) {
        return dependencies.stream().map(d -> d.file().getFileName().toString()).toList();
    }

    @Test
    void devtoolsAndDockerComposeAreLeftOutByDefaultAndKeptWhenTheBuildSaysSo() throws IOException {
        List<Dependency> all = List.of(dependency("org.springframework.boot", "spring-boot", ""),
                dependency("org.springframework.boot", "spring-boot-devtools", ""),
                dependency("org.springframework.boot", "spring-boot-docker-compose", ""),
                dependency("com.h2database", "h2", ""));
        SpringBootPackaging.Selection selection = SpringBootPackaging.defaults().select(all, null);
        assertEquals(List.of("spring-boot-1.0.jar", "h2-1.0.jar"), names(selection.kept()));
        assertEquals(List.of("spring-boot-devtools-1.0.jar", "spring-boot-docker-compose-1.0.jar"),
                selection.leftOut().stream().map(l -> l.dependency().file().getFileName().toString()).toList());
        assertTrue(selection.leftOut().get(0).reason().contains("devtools"), selection.leftOut().get(0).reason());

        SpringBootPackaging keep = new SpringBootPackaging(false, false, List.of(), Set.of(), List.of());
        assertEquals(4, keep.select(all, null).kept().size());
    }

    @Test
    void thePluginsExcludesGroupsAndIncludesApply() throws IOException {
        List<Dependency> all = List.of(dependency("org.projectlombok", "lombok", ""),
                dependency("com.example", "native", "linux-x86_64"),
                dependency("com.example", "native", "osx"),
                dependency("org.acme", "a", ""), dependency("org.acme", "b", ""),
                dependency("io.kept", "kept", ""));
        SpringBootPackaging packaging = new SpringBootPackaging(true, true, List.of(
                new SpringBootPackaging.Artifact("org.projectlombok", "lombok", null),
                new SpringBootPackaging.Artifact("com.example", "native", "osx")), Set.of("org.acme"), List.of());
        assertEquals(List.of("native-1.0-linux-x86_64.jar", "kept-1.0.jar"),
                names(packaging.select(all, null).kept()), "a classifier in an exclude matches only that classifier");

        SpringBootPackaging only = new SpringBootPackaging(true, true, List.of(), Set.of(), List.of(
                new SpringBootPackaging.Artifact("io.kept", "kept", null)));
        assertEquals(List.of("kept-1.0.jar"), names(only.select(all, null).kept()));
    }

    @Test
    void theClassPathIndexOrdersTheJarsAndTheRestFollowInTheBuildsOrder() throws IOException {
        List<Dependency> all = List.of(dependency("a", "one", ""), dependency("b", "two", ""),
                dependency("c", "three", ""), dependency("d", "not-indexed", ""));
        Path jar = temp.resolve("app-1.0.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(SpringBootPackaging.CLASSPATH_INDEX));
            out.write(("- \"BOOT-INF/lib/three-1.0.jar\"\n- \"BOOT-INF/lib/one-1.0.jar\"\n"
                    + "- \"BOOT-INF/lib/two-1.0.jar\"\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertEquals(List.of("three-1.0.jar", "one-1.0.jar", "two-1.0.jar"),
                SpringBootPackaging.classpathIndex(jar));
        assertEquals(List.of("three-1.0.jar", "one-1.0.jar", "two-1.0.jar", "not-indexed-1.0.jar"),
                names(SpringBootPackaging.defaults().select(all, jar).kept()));
        assertEquals(List.of("one-1.0.jar", "two-1.0.jar", "three-1.0.jar", "not-indexed-1.0.jar"),
                names(SpringBootPackaging.defaults().select(all, null).kept()), "without an index: the build's order");
    }
}
