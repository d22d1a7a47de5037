package io.kimigayo.app;

import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.MainClassResolver;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsManifest.FileAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The javaRuntime section the build goal adds to rootfs.json: {@link ApplicationImageBuilder#withJavaRuntime}. */
class ApplicationManifestTest {

    @TempDir
    Path dir;

    @Test
    void writesTheBytesTheBuildGoalHasAlwaysWritten() throws IOException {
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("rootfs-application.json")) {
            expected = in.readAllBytes();
        }
        RootfsManifest rootfs = RootfsManifest.read(Files.write(dir.resolve("rootfs.json"), expected))
                .withJavaRuntime(null);

        RootfsManifest app = ApplicationImageBuilder.withJavaRuntime(rootfs,
                new Jdk(Path.of("/usr/lib/jvm/java-17"), Map.of("JAVA_RUNTIME_VERSION", "17.0.15+6"), "x"),
                List.of("java.base", "java.logging", "java.sql"), true,
                new MainClassResolver.MainClass("com.example.Main", "the jar manifest"),
                List.of(new NativeLibrary("/lib64/ld-linux-x86-64.so.2",
                                "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "7".repeat(64), "/opt/java/bin/java"),
                        new NativeLibrary("/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6",
                                "8".repeat(64), "/opt/java/lib/libjli.so")),
                List.of(new FileAudit("/opt/java/bin/java", "executable", "x86_64", true, true, "full", true,
                                "/lib64/ld-linux-x86-64.so.2", List.of("libjli.so", "libc.so.6"), List.of()),
                        new FileAudit("/opt/java/lib/libjli.so", "shared_library", "x86_64", true, true, "full",
                                true, null, List.of("libc.so.6"), List.of())));

        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(app.toJson(), StandardCharsets.UTF_8));
        assertArrayEquals(expected, app.toJson());
    }
}
