package io.kimigayo.app.java;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.process.NativeBuildException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JDK that makes runtimes: its home, its {@code release} file, and an identity for cache keys (a different JDK
 * build gives a different runtime).
 *
 * @param home     the JDK's directory
 * @param release  the {@code release} file's key/value pairs
 * @param identity SHA-256 of the release file and the home path
 */
public record Jdk(Path home, Map<String, String> release, String identity) {

    /** Reads a JDK; fails, naming the directory, when it has no release file or no jlink (a JRE). */
    public static Jdk at(Path home) throws IOException {
        Jdk jdk = read(home);
        if (!Files.isExecutable(home.resolve("bin").resolve("jlink"))) {
            throw new NativeBuildException(home + " has no bin/jlink (a JRE?); use a full JDK, "
                    + "e.g. apt-get install openjdk-17-jdk-headless");
        }
        return jdk;
    }

    /**
     * Reads a JDK whose jmods another JDK's jlink links into a runtime (for another machine, whose programs cannot
     * run here); fails, naming the directory, when it has no release file or no {@code jmods/java.base.jmod}.
     */
    public static Jdk ofJmods(Path home) throws IOException {
        Jdk jdk = read(home);
        if (!Files.isRegularFile(home.resolve("jmods").resolve("java.base.jmod"))) {
            throw new NativeBuildException(home + " has no jmods/java.base.jmod; use a JDK with its jmods (Debian: "
                    + "openjdk-" + jdk.feature() + "-jdk-headless, which holds them in Debian 12)");
        }
        return jdk;
    }

    private static Jdk read(Path home) throws IOException {
        Path releaseFile = home.resolve("release");
        if (!Files.isRegularFile(releaseFile)) {
            throw new NativeBuildException(home + " is not a JDK (no release file); use a JDK's directory");
        }
        String text = Files.readString(releaseFile, StandardCharsets.UTF_8);
        Map<String, String> release = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                release.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        });
        MessageDigest sha = Sha256.newDigest();
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update(home.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        return new Jdk(home, release, Sha256.hex(sha));
    }

    public Path tool(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** The feature release, such as 17. */
    public int feature() {
        String version = release.getOrDefault("JAVA_VERSION", "17");
        return Integer.parseInt(version.split("[.+-]")[0]);
    }

    /** The version of its {@code java.base}, such as {@code 17.0.15}: jlink links only its own feature and interim. */
    public Runtime.Version javaVersion() {
        return Runtime.Version.parse(release.getOrDefault("JAVA_VERSION", "17"));
    }

    /**
     * The machine its programs run on, in Kimigayo's name ({@code x86_64}, {@code aarch64}), from the release file's
     * {@code OS_ARCH} ({@code amd64} and {@code arm64} name the same machines).
     */
    public String machine() {
        String arch = release.getOrDefault("OS_ARCH", "unknown");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch;
        };
    }

    /** The runtime version, such as {@code 17.0.15+6-Debian-1deb12u1}. */
    public String version() {
        return release.getOrDefault("JAVA_RUNTIME_VERSION", release.getOrDefault("JAVA_VERSION", "unknown"));
    }
}
