package io.kimigayo.kernel.build;

import io.kimigayo.core.process.CommandRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the kernel's own make in an out-of-tree build directory ({@code make -C <source> O=<objects> ARCH=...}), so
 * the source tree is never written to and can be shared by every build of it. A cross build adds
 * {@code CROSS_COMPILE=<prefix>}, so Kbuild compiles with the cross toolchain ({@code aarch64-linux-gnu-gcc}) and
 * builds its host programs (Kconfig, fixdep) with the host's gcc.
 *
 * @param source       the kernel source tree
 * @param objects      the build directory
 * @param arch         the machine built for
 * @param crossCompile the prefix of the cross toolchain's tools ({@code aarch64-linux-gnu-}), or {@code ""} when the
 *                     host's gcc compiles for {@code arch}
 * @param runner       logs every line and fails with the log's tail
 * @param jobs         parallel make jobs for compiling
 */
public record Kbuild(Path source, Path objects, KernelArch arch, String crossCompile, CommandRunner runner,
                     int jobs) {

    public Kbuild {
        crossCompile = crossCompile == null ? "" : crossCompile;
    }

    private static final Pattern VARIABLE = Pattern.compile("^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\\s*=(.*)$",
            Pattern.MULTILINE);

    /** Runs make with the given targets (and variables such as {@code -j2}) in the build directory. */
    public void make(String step, Consumer<String> lines, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("make", "-C", source.toString(), "O=" + objects,
                "ARCH=" + arch.makeArch()));
        if (!crossCompile.isEmpty()) {
            command.add("CROSS_COMPILE=" + crossCompile);
        }
        command.addAll(List.of(arguments));
        runner.run(step, objects, command, lines);
    }

    /**
     * The environment make gives Kconfig, for a program that parses Kconfig itself: the tree, the architecture, the
     * version and the toolchain that Kconfig's {@code $(cc-option)}, {@code $(success)} ... probe (the cross
     * toolchain's tools for a cross build; the host programs stay the host's). As {@code VAR=value} words for
     * {@code env}.
     */
    public List<String> kconfigEnvironment(String ccVersionText) throws IOException {
        return List.of("srctree=" + source, "objtree=.", "ARCH=" + arch.makeArch(), "SRCARCH=" + arch.srcArch(),
                "KERNELVERSION=" + kernelVersion(source), "KCONFIG_CONFIG=.config",
                "CROSS_COMPILE=" + crossCompile, "CC=" + crossCompile + "gcc", "LD=" + crossCompile + "ld",
                "AR=" + crossCompile + "ar", "NM=" + crossCompile + "nm", "OBJCOPY=" + crossCompile + "objcopy",
                "OBJDUMP=" + crossCompile + "objdump", "READELF=" + crossCompile + "readelf",
                "STRIP=" + crossCompile + "strip", "HOSTCC=gcc", "HOSTCXX=g++",
                "CC_VERSION_TEXT=" + ccVersionText.replace("#", ""),
                "RUSTC=rustc", "BINDGEN=bindgen", "PERL=perl", "PYTHON3=python3", "CONFIG_SHELL=sh", "LEX=flex",
                "YACC=bison", "AWK=awk");
    }

    /** The version the tree's top Makefile declares, as {@code make kernelversion} prints it ({@code 6.1.192}). */
    public static String kernelVersion(Path source) throws IOException {
        Path makefile = source.resolve("Makefile");
        if (!Files.isRegularFile(makefile)) {
            throw new IOException(source + " is not a kernel source tree (it has no Makefile)");
        }
        String text = Files.readString(makefile);
        String version = null;
        String patchlevel = "";
        String sublevel = "";
        String extra = "";
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String value = m.group(2).trim();
            switch (m.group(1)) {
                case "VERSION" -> version = version == null ? value : version;
                case "PATCHLEVEL" -> patchlevel = patchlevel.isEmpty() ? value : patchlevel;
                case "SUBLEVEL" -> sublevel = sublevel.isEmpty() ? value : sublevel;
                default -> extra = extra.isEmpty() ? value : extra;
            }
        }
        if (version == null || version.isEmpty()) {
            throw new IOException(makefile + " declares no VERSION; is this a Linux source tree?");
        }
        return version + (patchlevel.isEmpty() ? "" : "." + patchlevel + (sublevel.isEmpty() ? "" : "." + sublevel))
                + extra;
    }
}
