package io.kimigayo.rootfs.nativebuild;

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
        String gcc = firstLine(List.of("gcc", "--version"), "gcc is not installed; run: apt-get install gcc make");
        String target = firstLine(List.of("gcc", "-dumpmachine"), "gcc does not answer -dumpmachine");
        String ld = firstLine(List.of("ld", "--version"), "binutils are not installed; run: apt-get install binutils");
        firstLine(List.of("make", "--version"), "make is not installed; run: apt-get install make");
        String arch = target.substring(0, target.indexOf('-'));
        return new Toolchain("gcc", gcc + " | " + ld + " | " + target, arch);
    }

    private static String firstLine(List<String> command, String whenMissing) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
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
