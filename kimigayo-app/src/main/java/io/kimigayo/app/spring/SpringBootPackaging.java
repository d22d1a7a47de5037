package io.kimigayo.app.spring;

import io.kimigayo.app.Dependency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What Spring Boot's {@code repackage} leaves out of an application, applied to the image's dependencies, and the
 * class path order it records. The image runs the application's classes and jars directly (no nested-jar launcher),
 * so it must hold what the repackaged jar holds and no more:
 * <ul>
 *   <li>{@code spring-boot-devtools} and {@code spring-boot-docker-compose} are left out unless the build says to
 *       keep them ({@code excludeDevtools} / {@code excludeDockerCompose} false): they are development tools, and
 *       devtools restarts the application in a new class loader;</li>
 *   <li>the plugin's {@code excludes} (groupId, artifactId, optional classifier), {@code excludeGroupIds} (exact
 *       groups) and, when given, {@code includes} (only those) are applied as it applies them;</li>
 *   <li>jars whose manifest says {@code Spring-Boot-Jar-Type: dependencies-starter} (the starters, which hold no
 *       code) or {@code annotation-processor} are left out, as repackage leaves them out;</li>
 *   <li>the order of {@code BOOT-INF/classpath.idx} in the repackaged jar is the class path order, where the jar has
 *       one; dependencies it does not name follow in the build's order.</li>
 * </ul>
 *
 * @param excludeDevtools      leave out spring-boot-devtools (repackage's default: true)
 * @param excludeDockerCompose leave out spring-boot-docker-compose (repackage's default: true)
 * @param excludes             artifacts to leave out
 * @param excludeGroupIds      groups to leave out
 * @param includes             when not empty, the only artifacts to keep
 */
public record SpringBootPackaging(boolean excludeDevtools, boolean excludeDockerCompose, List<Artifact> excludes,
                                  Set<String> excludeGroupIds, List<Artifact> includes) {

    /** The index Spring Boot writes into a repackaged jar: one {@code - "BOOT-INF/lib/x.jar"} line per jar. */
    public static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";

    /**
     * An artifact pattern, as the plugin's {@code <exclude>}/{@code <include>} name one.
     *
     * @param groupId    the group
     * @param artifactId the artifact
     * @param classifier the classifier, or null for any
     */
    public record Artifact(String groupId, String artifactId, String classifier) {
        boolean matches(Dependency d) {
            return d.groupId().equals(groupId) && d.artifactId().equals(artifactId)
                    && (classifier == null || classifier.isEmpty() || classifier.equals(d.classifier()));
        }
    }

    /**
     * A dependency left out, and why.
     *
     * @param dependency the dependency
     * @param reason     which setting left it out
     */
    public record LeftOut(Dependency dependency, String reason) {
    }

    /**
     * The dependencies the image keeps, in class path order, and those left out.
     *
     * @param kept    in class path order
     * @param leftOut with reasons
     */
    public record Selection(List<Dependency> kept, List<LeftOut> leftOut) {
    }

    public SpringBootPackaging {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        excludeGroupIds = excludeGroupIds == null ? Set.of() : Set.copyOf(excludeGroupIds);
        includes = includes == null ? List.of() : List.copyOf(includes);
    }

    /** repackage's defaults: devtools and docker-compose left out, nothing else. */
    public static SpringBootPackaging defaults() {
        return new SpringBootPackaging(true, true, List.of(), Set.of(), List.of());
    }

    /**
     * Selects and orders the dependencies.
     *
     * @param dependencies   in the build's order
     * @param applicationJar the project's jar (a repackaged one holds the class path index), or null
     */
    public Selection select(List<Dependency> dependencies, Path applicationJar) throws IOException {
        List<Dependency> kept = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        for (Dependency d : dependencies) {
            String reason = reasonToLeaveOut(d);
            if (reason == null) {
                kept.add(d);
            } else {
                leftOut.add(new LeftOut(d, reason));
            }
        }
        List<String> index = classpathIndex(applicationJar);
        if (!index.isEmpty()) {
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < index.size(); i++) {
                position.putIfAbsent(index.get(i), i);
            }
            List<Dependency> ordered = new ArrayList<>(kept);
            // a stable sort: what the index does not name keeps the build's order, after what it names
            ordered.sort(Comparator.comparingInt(d -> position.getOrDefault(d.file().getFileName().toString(),
                    Integer.MAX_VALUE)));
            kept = ordered;
        }
        return new Selection(List.copyOf(kept), List.copyOf(leftOut));
    }

    private String reasonToLeaveOut(Dependency d) throws IOException {
        String jarType = jarType(d);
        if ("dependencies-starter".equals(jarType)) {
            return "a Spring Boot starter (Spring-Boot-Jar-Type: dependencies-starter), which holds no code";
        }
        if ("annotation-processor".equals(jarType)) {
            return "an annotation processor (Spring-Boot-Jar-Type: annotation-processor), used only to compile";
        }
        if (excludeDevtools && d.coordinates().equals("org.springframework.boot:spring-boot-devtools")) {
            return "Spring Boot devtools: left out as spring-boot:repackage leaves it out (excludeDevtools)";
        }
        if (excludeDockerCompose && d.coordinates().equals("org.springframework.boot:spring-boot-docker-compose")) {
            return "Spring Boot docker-compose support: left out as spring-boot:repackage leaves it out "
                    + "(excludeDockerCompose)";
        }
        if (excludeGroupIds.contains(d.groupId())) {
            return "its group is in spring-boot-maven-plugin's excludeGroupIds";
        }
        if (excludes.stream().anyMatch(a -> a.matches(d))) {
            return "it is in spring-boot-maven-plugin's excludes";
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(a -> a.matches(d))) {
            return "it is not in spring-boot-maven-plugin's includes";
        }
        return null;
    }

    /** The {@code Spring-Boot-Jar-Type} of a dependency jar's manifest, or null. */
    private static String jarType(Dependency d) throws IOException {
        if (d.isDirectory() || !Files.isRegularFile(d.file())) {
            return null;
        }
        try (JarFile jar = new JarFile(d.file().toFile())) {
            java.util.jar.Manifest manifest = jar.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Spring-Boot-Jar-Type");
        } catch (java.util.zip.ZipException e) {
            return null; // not a jar: the module scan reports it
        }
    }

    /** The jar file names {@code BOOT-INF/classpath.idx} lists, in order; empty without one. */
    static List<String> classpathIndex(Path applicationJar) throws IOException {
        if (applicationJar == null || !Files.isRegularFile(applicationJar)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(applicationJar.toFile())) {
            ZipEntry entry = jar.getEntry(CLASSPATH_INDEX);
            if (entry == null) {
                return List.of();
            }
            String text;
            try (InputStream in = jar.getInputStream(entry)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> names = new ArrayList<>();
            for (String line : text.lines().toList()) {
                String l = line.strip();
                if (l.startsWith("- ")) {
                    l = l.substring(2).strip();
                }
                if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
                    l = l.substring(1, l.length() - 1);
                }
                if (!l.isEmpty()) {
                    names.add(l.substring(l.lastIndexOf('/') + 1));
                }
            }
            return names;
        }
    }
}
