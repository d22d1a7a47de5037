package io.kimigayo.rootfs.nativebuild;

import io.kimigayo.core.process.NativeBuildException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The C toolchain that compiles the userland (gcc and binutils), identified by the versions it reports so that
 * a different compiler gives a different cache key: the host's own ({@code gcc}, {@code strip}, ...), or a Debian
 * cross toolchain whose tools carry the target's triplet as a prefix ({@code aarch64-linux-gnu-gcc}).
 *
 * @param cc         the C compiler's command: {@code gcc}, {@code aarch64-linux-gnu-gcc}
 * @param identity   the compiler's and linker's version lines and the compiler's target, for cache keys
 * @param arch       the machine it compiles for, in Kimigayo's name ({@code x86_64}, {@code aarch64})
 * @param toolPrefix the prefix of its binutils ({@code ""} for the host's, {@code aarch64-linux-gnu-} for a cross one)
 */
public record Toolchain(String cc, String identity, String arch, String toolPrefix) {

    /** Detects the host's gcc; fails with the install command when there is none. */
    public static Toolchain detect() throws IOException {
        return detect("", "gcc is not installed; run: apt-get install gcc make",
                "binutils are not installed; run: apt-get install binutils");
    }

    /**
     * The toolchain that compiles for {@code target}: the host's gcc when the target is this machine, otherwise
     * Debian's cross toolchain for it ({@code aarch64-linux-gnu-gcc}), failing with the package to install when it
     * is missing or when the host's gcc compiles for another machine.
     */
    public static Toolchain forTarget(TargetArch target) throws IOException {
        if (target == TargetArch.host()) {
            Toolchain host = detect();
            if (!host.arch().equals(target.id())) {
                throw new NativeBuildException("gcc compiles for " + host.arch() + ", not for this machine ("
                        + target.id() + "); install the native compiler: apt-get install gcc");
            }
            return host;
        }
        return detectCross(target.gnuTriplet() + "-", target);
    }

    /** The cross toolchain whose tools start with {@code prefix}, checked to compile for {@code target}. */
    static Toolchain detectCross(String prefix, TargetArch target) throws IOException {
        String install = "apt-get install gcc-" + target.gnuTriplet() + " binutils-" + target.gnuTriplet();
        Toolchain cross = detect(prefix, prefix + "gcc is not installed, and building for " + target.id()
                + " on " + TargetArch.host().id() + " needs this cross compiler; run: " + install,
                prefix + "ld is not installed, and building for " + target.id() + " needs it; run: " + install);
        if (!cross.arch().equals(target.id())) {
            throw new NativeBuildException(prefix + "gcc compiles for " + cross.arch() + ", not " + target.id()
                    + "; run: " + install);
        }
        return cross;
    }

    /** True for a cross toolchain (its tools carry a target prefix). */
    public boolean cross() {
        return !toolPrefix.isEmpty();
    }

    /** The command of one of its tools: {@code tool("strip")} is {@code strip} or {@code aarch64-linux-gnu-strip}. */
    public String tool(String name) {
        return toolPrefix + name;
    }

    private static Toolchain detect(String prefix, String noGcc, String noLd) throws IOException {
        // The four tools answer at the same time: this runs on every build, cached or not.
        Asked gcc = Asked.start(List.of(prefix + "gcc", "--version"), noGcc);
        Asked target = Asked.start(List.of(prefix + "gcc", "-dumpmachine"),
                prefix + "gcc does not answer -dumpmachine");
        Asked ld = Asked.start(List.of(prefix + "ld", "--version"), noLd);
        Asked make = Asked.start(List.of("make", "--version"), "make is not installed; run: apt-get install make");
        String gccLine = gcc.firstLine();
        String machine = target.firstLine();
        String ldLine = ld.firstLine();
        make.firstLine();
        String arch = machine.substring(0, machine.indexOf('-'));
        return new Toolchain(prefix + "gcc", gccLine + " | " + ldLine + " | " + machine, arch, prefix);
    }

    /** A tool asked for its version: the process, or why it could not be started. */
    private record Asked(List<String> command, Process process, String whenMissing) {

        static Asked start(List<String> command, String whenMissing) {
            try {
                return new Asked(command, new ProcessBuilder(command).redirectErrorStream(true).start(), whenMissing);
            } catch (IOException notInstalled) {
                return new Asked(command, null, whenMissing);
            }
        }

        String firstLine() throws NativeBuildException {
            if (process == null) {
                throw new NativeBuildException(whenMissing);
            }
            try {
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new NativeBuildException(whenMissing);
                }
                return out.lines().findFirst().orElse("").trim();
            } catch (IOException e) {
                throw new NativeBuildException(whenMissing);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NativeBuildException("interrupted while asking " + command.get(0) + " for its version");
            }
        }
    }
}
