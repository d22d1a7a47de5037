package io.kimigayo.signing.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The openssl command line, an independent judge of PEM keys and ECDSA signatures. */
final class Openssl {

    private Openssl() {
    }

    static ExternalTool.Result run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ExternalTool.require("openssl", "apt-get install openssl").toString());
        command.addAll(List.of(args));
        return ExternalTool.run(command, directory, null, Duration.ofMinutes(2), Map.of());
    }

    /** Runs openssl and fails the test unless it exits 0; returns its standard output. */
    static String ok(Path directory, String... args) throws IOException, InterruptedException {
        ExternalTool.Result result = run(directory, args);
        assertEquals(0, result.exit(), () -> "openssl " + String.join(" ", args) + ": " + result.describe());
        return result.out();
    }
}
