package io.kimigayo.maven;

import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.nativebuild.TargetArch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parameter that names a directory per platform ({@code jdk}, {@code sysroot}): entries {@code linux/arm64=DIR},
 * and at most one {@code DIR} without a platform, which means what the parameter says it means (for {@code jdk}: the
 * JDK whose jlink runs). The platforms are kept by their machine ({@code aarch64}).
 *
 * @param parameter the parameter's name, for messages
 * @param plain     the directory without a platform, or null
 * @param byMachine the directories named with a platform, by machine
 */
record PlatformPaths(String parameter, Path plain, Map<String, Path> byMachine) {

    static PlatformPaths parse(String parameter, List<String> entries) {
        Path plain = null;
        Map<String, Path> byMachine = new TreeMap<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq > 0 && entry.startsWith("linux/")) {
                String machine = TargetArch.parse(Platform.parse(entry.substring(0, eq)).architecture()).id();
                String directory = entry.substring(eq + 1).trim();
                if (directory.isEmpty()) {
                    throw new IllegalArgumentException(parameter + " " + entry + ": no directory after '='; write "
                            + entry.substring(0, eq) + "=DIRECTORY");
                }
                if (byMachine.put(machine, Path.of(directory)) != null) {
                    throw new IllegalArgumentException(parameter + ": " + entry.substring(0, eq) + " is named twice; "
                            + "name one directory per platform");
                }
            } else if (plain != null) {
                throw new IllegalArgumentException(parameter + ": " + plain + " and " + entry + " are both given "
                        + "without a platform; give at most one so, and the others as linux/arm64=DIRECTORY");
            } else {
                plain = Path.of(entry);
            }
        }
        return new PlatformPaths(parameter, plain, Map.copyOf(byMachine));
    }

    /** The directory without a platform. */
    Optional<Path> withoutPlatform() {
        return Optional.ofNullable(plain);
    }

    /** This, refusing a directory without a platform (a parameter where each must name its platform). */
    PlatformPaths withoutPlain() {
        if (plain != null) {
            throw new IllegalArgumentException(parameter + " " + plain + ": name the platform it is for, as "
                    + "linux/arm64=" + plain);
        }
        return this;
    }
}
