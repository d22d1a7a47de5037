package io.kimigayo.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code main} class of the tests run in a JVM of its own, with the tests' class path: for what one JVM cannot show
 * (a process killed with SIGKILL, file locks between processes, another locale).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Starts {@code main} with {@code args}; its output and errors are merged into {@link Process#getInputStream()}.
     *
     * @param environment added to this JVM's environment, or (with {@code onlyThese}) the whole environment besides
     *                    PATH
     */
    public static Process start(Class<?> main, Map<String, String> environment, boolean onlyThese, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (onlyThese) {
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
        }
        builder.environment().putAll(environment);
        return builder.start();
    }
}
