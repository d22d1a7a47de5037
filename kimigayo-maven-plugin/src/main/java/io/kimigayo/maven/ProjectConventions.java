package io.kimigayo.maven;

import io.kimigayo.app.Dependency;
import io.kimigayo.app.spring.SpringBootPackaging;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the build of an application project already says, read from its POM the way the plugins that own it read it:
 * the main class configured for maven-jar-plugin's manifest, what spring-boot-maven-plugin's repackage leaves out,
 * and which dependencies are modules of the same build.
 */
final class ProjectConventions {

    static final String JAR_PLUGIN = "org.apache.maven.plugins:maven-jar-plugin";
    static final String SPRING_BOOT_PLUGIN = "org.springframework.boot:spring-boot-maven-plugin";

    private ProjectConventions() {
    }

    /** {@code <archive><manifest><mainClass>} of maven-jar-plugin (its default-jar execution first), or null. */
    static String jarManifestMainClass(MavenProject project) {
        Plugin plugin = project.getBuild().getPluginsAsMap().get(JAR_PLUGIN);
        if (plugin == null) {
            return null;
        }
        for (Xpp3Dom config : configurations(plugin, "default-jar", null)) {
            String value = text(child(config, "archive", "manifest", "mainClass"));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * spring-boot-maven-plugin's repackage settings that decide what the repackaged jar holds: excludeDevtools,
     * excludeDockerCompose, excludes, excludeGroupIds and includes, from its repackage execution, its plugin-level
     * configuration or their user properties. Without the plugin: repackage's defaults.
     */
    static SpringBootPackaging springBootPackaging(MavenProject project, Properties properties) {
        Plugin plugin = project.getBuild().getPluginsAsMap().get(SPRING_BOOT_PLUGIN);
        List<Xpp3Dom> configs = plugin == null ? List.of() : configurations(plugin, null, "repackage");
        boolean excludeDevtools = bool(configs, "excludeDevtools",
                properties.getProperty("spring-boot.repackage.excludeDevtools"), true);
        boolean excludeDockerCompose = bool(configs, "excludeDockerCompose",
                properties.getProperty("spring-boot.repackage.excludeDockerCompose"), true);
        String groups = first(configs, "excludeGroupIds");
        if (groups == null) {
            groups = properties.getProperty("spring-boot.excludeGroupIds");
        }
        Set<String> excludeGroupIds = groups == null ? Set.of() : Arrays.stream(groups.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new SpringBootPackaging(excludeDevtools, excludeDockerCompose, artifacts(configs, "excludes"),
                excludeGroupIds, artifacts(configs, "includes"));
    }

    /**
     * The runtime dependencies that are files, in the build's order, each marked as a release, a SNAPSHOT or a
     * module of this build (a project of the session, whose jar or classes directory Maven resolved).
     */
    static List<Dependency> dependencies(MavenProject project, MavenSession session) {
        Set<String> reactor = new HashSet<>();
        if (session != null) {
            session.getProjects().forEach(p -> reactor.add(p.getGroupId() + ":" + p.getArtifactId() + ":"
                    + p.getVersion()));
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            if (a.getFile() == null) {
                continue;
            }
            boolean inReactor = reactor.contains(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getBaseVersion());
            boolean jar = a.getFile().getName().endsWith(".jar");
            if (!jar && !(inReactor && a.getFile().isDirectory())) {
                continue;
            }
            Dependency.Kind kind = inReactor ? Dependency.Kind.PROJECT
                    : a.isSnapshot() ? Dependency.Kind.SNAPSHOT : Dependency.Kind.RELEASE;
            dependencies.add(new Dependency(a.getFile().toPath(), a.getGroupId(), a.getArtifactId(),
                    a.getBaseVersion(), a.getClassifier(), kind));
        }
        return dependencies;
    }

    /** Whether another project of the session depends on this one: a library module of a multi-module build. */
    static boolean isDependedOnInReactor(MavenProject project, MavenSession session) {
        if (session == null) {
            return false;
        }
        for (MavenProject other : session.getProjects()) {
            if (other == project) {
                continue;
            }
            boolean depends = other.getDependencies().stream().anyMatch(d -> d.getGroupId().equals(
                    project.getGroupId()) && d.getArtifactId().equals(project.getArtifactId()));
            if (depends) {
                return true;
            }
        }
        return false;
    }

    /** The configurations that apply, most specific first: a named execution or one running {@code goal}, then the plugin's. */
    private static List<Xpp3Dom> configurations(Plugin plugin, String executionId, String goal) {
        List<Xpp3Dom> configs = new ArrayList<>();
        for (PluginExecution execution : plugin.getExecutions()) {
            boolean applies = (executionId != null && executionId.equals(execution.getId()))
                    || (goal != null && execution.getGoals().contains(goal));
            if (applies && execution.getConfiguration() instanceof Xpp3Dom dom) {
                configs.add(dom);
            }
        }
        if (plugin.getConfiguration() instanceof Xpp3Dom dom) {
            configs.add(dom);
        }
        return configs;
    }

    private static Xpp3Dom child(Xpp3Dom dom, String... path) {
        Xpp3Dom node = dom;
        for (String name : path) {
            if (node == null) {
                return null;
            }
            node = node.getChild(name);
        }
        return node;
    }

    private static String text(Xpp3Dom dom) {
        if (dom == null || dom.getValue() == null || dom.getValue().isBlank()) {
            return null;
        }
        String value = dom.getValue().trim();
        return value.startsWith("${") ? null : value; // an expression nothing set
    }

    private static String first(List<Xpp3Dom> configs, String name) {
        for (Xpp3Dom config : configs) {
            String value = text(config.getChild(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean bool(List<Xpp3Dom> configs, String name, String property, boolean fallback) {
        String value = first(configs, name);
        if (value == null) {
            value = property;
        }
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static List<SpringBootPackaging.Artifact> artifacts(List<Xpp3Dom> configs, String name) {
        for (Xpp3Dom config : configs) {
            Xpp3Dom list = config.getChild(name);
            if (list == null || list.getChildCount() == 0) {
                continue;
            }
            List<SpringBootPackaging.Artifact> artifacts = new ArrayList<>();
            for (Xpp3Dom item : list.getChildren()) {
                String groupId = text(item.getChild("groupId"));
                String artifactId = text(item.getChild("artifactId"));
                if (groupId == null || artifactId == null) {
                    throw new IllegalArgumentException("spring-boot-maven-plugin's <" + name + "> has an entry "
                            + "without groupId or artifactId; the image would not match the repackaged jar");
                }
                artifacts.add(new SpringBootPackaging.Artifact(groupId, artifactId,
                        text(item.getChild("classifier"))));
            }
            return artifacts;
        }
        return List.of();
    }
}
