package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scripts under src/test/node: an implementation of cosign's encrypted key format written apart from Kimigayo,
 * on Node's crypto (scrypt, PKCS#8) and tweetnacl (secretbox). They run from a copy under target/node-judge, where
 * {@code npm ci} installs the pinned tweetnacl from package-lock.json once per test run.
 */
final class NodeJudge {

    private static final String INSTALL = "apt-get install nodejs npm";
    private static Path installed;

    private NodeJudge() {
    }

    /** Runs {@code node SCRIPT ARGS} with {@code stdin}; null stdin sends nothing. */
    static ExternalTool.Result run(String script, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        Path directory = install();
        List<String> command = new ArrayList<>();
        command.add(ExternalTool.require("node", INSTALL).toString());
        command.add(directory.resolve(script).toString());
        command.addAll(List.of(args));
        return ExternalTool.run(command, directory, stdin, Duration.ofMinutes(2), Map.of());
    }

    private static synchronized Path install() throws IOException, InterruptedException {
        if (installed != null) {
            return installed;
        }
        ExternalTool.require("node", INSTALL);
        Path npm = ExternalTool.require("npm", INSTALL);
        Path basedir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path sources = basedir.resolve("src/test/node");
        Path directory = basedir.resolve("target/node-judge");
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".js") || name.equals("package.json") || name.equals("package-lock.json")) {
                    Files.copy(file, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ExternalTool.Result result = ExternalTool.run(
                List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts"), directory, null,
                Duration.ofMinutes(5), Map.of("NPM_CONFIG_UPDATE_NOTIFIER", "false"));
        assertEquals(0, result.exit(), () -> "npm ci in " + directory + " (installs tweetnacl for the Node judge; "
                + "needs the npm registry): " + result.describe());
        installed = directory;
        return directory;
    }
}
