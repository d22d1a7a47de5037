package io.kimigayo.examples.hello;

import com.google.gson.Gson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints one line of JSON about where it runs. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) throws IOException {
        LOG.info("starting with {} argument(s)", args.length);
        String os = "unknown";
        Path release = Path.of("/etc/os-release");
        if (Files.exists(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        String greeting = System.getenv().getOrDefault("GREETING", "Hello");
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("greeting", greeting + ", " + String.join(" ", args));
        hello.put("os", os);
        hello.put("java", System.getProperty("java.version"));
        hello.put("uid", new com.sun.security.auth.module.UnixSystem().getUid());
        System.out.println(new Gson().toJson(hello));
    }
}
