package io.kimigayo.app.java;

import io.kimigayo.rootfs.nativebuild.CommandRunner;
import io.kimigayo.rootfs.output.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the JDK modules an application needs with {@code jdeps --print-module-deps}. With a cache directory, the
 * answer is kept under a key of the JDK and of every input (a jar by path, size and modification time; a
 * directory by the contents of its files), so an unchanged rebuild does not start jdeps again.
 */
public final class ModuleScanner {

    /** Like {@link #modules(Jdk, List, CommandRunner, Path)}, reusing an earlier answer kept in {@code cache}. */
    public List<String> modules(Jdk jdk, List<Path> targets, CommandRunner run, Path workDirectory, Path cache)
            throws IOException {
        Path entry = cache.resolve(key(jdk, targets) + ".txt");
        if (Files.isRegularFile(entry)) {
            List<String> cached = Files.readAllLines(entry).stream().filter(l -> !l.isBlank()).toList();
            if (!cached.isEmpty()) {
                return cached;
            }
        }
        List<String> modules = modules(jdk, targets, run, workDirectory);
        Files.createDirectories(cache);
        Path temp = AtomicFiles.createTemp(cache, ".modules-");
        Files.write(temp, modules);
        AtomicFiles.moveIntoPlace(temp, entry);
        return modules;
    }

    private static String key(Jdk jdk, List<Path> targets) throws IOException {
        MessageDigest sha = sha256();
        sha.update(jdk.identity().getBytes(StandardCharsets.UTF_8));
        for (Path target : targets) {
            sha.update(("\n" + target.toAbsolutePath()).getBytes(StandardCharsets.UTF_8));
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.walk(target)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        sha.update(("\n" + target.relativize(file)).getBytes(StandardCharsets.UTF_8));
                        sha.update(Files.readAllBytes(file));
                    }
                }
            } else if (Files.isRegularFile(target)) {
                sha.update(("|" + Files.size(target) + "|" + Files.getLastModifiedTime(target).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
