package io.kimigayo.kernel.build;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Compiles the configured kernel ({@code make -jN bzImage}) and turns Kbuild's thousands of lines into a few
 * progress lines: a count of compiled objects every hundred, and the link.
 */
public final class KernelCompiler {

    private static final int EVERY = 100;

    /** Compiles and returns the number of objects compiled. */
    public int compile(Kbuild kbuild, String label, Consumer<String> progress) throws IOException {
        progress.accept(label + ": make -j" + kbuild.jobs() + " " + kbuild.arch().imageTarget());
        int[] objects = {0};
        kbuild.make("make " + kbuild.arch().imageTarget(), line -> {
            if (line.startsWith("  CC ") || line.startsWith("  AS ")) {
                objects[0]++;
                if (objects[0] % EVERY == 0) {
                    progress.accept(label + ": " + objects[0] + " objects compiled");
                }
            } else if (line.startsWith("  LD      vmlinux") && !line.contains(".o")) {
                progress.accept(label + ": linking vmlinux");
            }
        }, "-j" + kbuild.jobs(), kbuild.arch().imageTarget());
        return objects[0];
    }
}
