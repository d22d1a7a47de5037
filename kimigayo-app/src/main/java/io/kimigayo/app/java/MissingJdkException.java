package io.kimigayo.app.java;

import java.nio.file.Path;

/**
 * No JDK was given for a machine whose runtime the build cannot make from the JDK it runs jlink from (a JDK's jmods
 * hold the programs of its own machine only).
 */
public final class MissingJdkException extends IllegalArgumentException {

    private final String machine;

    public MissingJdkException(String machine, Jdk linker, Path lookedAt) {
        super("no JDK is given for " + machine + " and there is none at " + lookedAt + ", and the JDK at "
                + linker.home() + " (Java "
                + linker.javaVersion() + ", which runs jlink) is for " + linker.machine() + ": a runtime for "
                + machine + " is linked from the jmods of a " + machine + " JDK " + linker.javaVersion().feature()
                + ". Get one, for instance Debian's openjdk-" + linker.javaVersion().feature() + "-jdk-headless:"
                + debianName(machine) + " and openjdk-" + linker.javaVersion().feature() + "-jre-headless:"
                + debianName(machine) + " fetched with apt-get download and unpacked with dpkg-deb -x (never "
                + "installed), into " + lookedAt + " or a directory you name for " + machine);
        this.machine = machine;
    }

    /** The machine without a JDK, in Kimigayo's name ({@code aarch64}). */
    public String machine() {
        return machine;
    }

    /** Debian's name of {@code machine} ({@code arm64} for {@code aarch64}), which is also the OCI architecture. */
    public static String debianName(String machine) {
        return switch (machine) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> machine;
        };
    }
}
