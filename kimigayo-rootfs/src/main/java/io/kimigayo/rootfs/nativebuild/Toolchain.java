package io.kimigayo.rootfs.nativebuild;

import io.kimigayo.core.process.NativeBuildException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The host C toolchain that compiles the userland (gcc and binutils), identified by the versions it reports so that
 * a different compiler gives a different cache key.
 */
public record Toolchain(String cc, String identity, String arch) {

    /** Detects the host's gcc; fails with the install command when there is none. */
    public static Toolchain detect() throws IOException {
        // The four tools answer at the same time: this runs on every build, cached or not.
        Asked gcc = Asked.start(List.of("gcc", "--version"), "gcc is not installed; run: apt-get install gcc make");
        Asked target = Asked.start(List.of("gcc", "-dumpmachine"), "gcc does not answer -dumpmachine");
        Asked ld = Asked.start(List.of("ld", "--version"), "binutils are not installed; run: apt-get install binutils");
        Asked make = Asked.start(List.of("make", "--version"), "make is not installed; run: apt-get install make");
        String gccLine = gcc.firstLine();
        String machine = target.firstLine();
        String ldLine = ld.firstLine();
        make.firstLine();
        String arch = machine.substring(0, machine.indexOf('-'));
        return new Toolchain("gcc", gccLine + " | " + ldLine + " | " + machine, arch);
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
