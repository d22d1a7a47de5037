package io.kimigayo.app.java;

import io.kimigayo.rootfs.nativebuild.CommandRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Finds the JDK modules an application needs with {@code jdeps --print-module-deps}. */
public final class ModuleScanner {

    /**
     * @param targets the application's classes directory and jars, and its dependencies' jars
     * @return the module names, sorted ({@code java.base} at least)
     */
    public List<String> modules(Jdk jdk, List<Path> targets, CommandRunner run, Path workDirectory)
            throws IOException {
        List<Path> existing = targets.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            return List.of("java.base");
        }
        String classPath = existing.stream().map(Path::toString).collect(Collectors.joining(":"));
        List<String> command = new ArrayList<>(List.of(jdk.tool("jdeps").toString(), "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", Integer.toString(jdk.feature()), "--class-path",
                classPath));
        existing.forEach(p -> command.add(p.toString()));
        String out = run.capture("jdeps", workDirectory, command);
        TreeSet<String> modules = new TreeSet<>();
        String last = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("java.base");
        Arrays.stream(last.split(",")).map(String::trim).filter(m -> m.matches("[a-z][a-z0-9_.]*"))
                .forEach(modules::add);
        modules.add("java.base");
        return List.copyOf(modules);
    }
}
