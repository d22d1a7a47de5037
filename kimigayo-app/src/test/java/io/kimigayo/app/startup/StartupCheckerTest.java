package io.kimigayo.app.startup;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.TreeLayer;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The startup check on real images: a static BusyBox (Debian's busybox-static, which dev/install-tools installs)
 * packed by {@link ImagePacker}, run as the check runs applications, in namespaces under chroot.
 */
class StartupCheckerTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @TempDir
    Path temp;

    @BeforeAll
    static void machine() {
        if (!Files.isExecutable(BUSYBOX)) {
            fail("/bin/busybox is missing: run dev/install-tools (apt-get install busybox-static)");
        }
        StartupChecker.cannotRun().ifPresent(why -> fail("this machine cannot run the startup check: " + why));
    }

    /** An image whose entrypoint is a BusyBox shell script, running as 65532:65532. */
    private Path image(String script) throws IOException {
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", Content.of(BUSYBOX), 0755, 0, 0)
                .addSymlink("/bin/sh", "busybox", 0, 0)
                .addFile("/etc/passwd", Content.of(("root:x:0:0:root:/root:/bin/sh\n"
                        + "nonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n").getBytes(StandardCharsets.UTF_8)),
                        0644, 0, 0)
                .addDirectory("/tmp", 01777, 0, 0)
                .addDirectory("/home/nonroot", 0755, 65532, 65532);
        Path out = temp.resolve("out-" + System.nanoTime());
        ContainerSettings settings = new ContainerSettings(List.of("/bin/sh", "-c"), List.of(script),
                Map.of("PATH", "/bin", "GREETING", "konnichiwa"), "/home/nonroot", "nonroot", null, null, null);
        new ImagePacker().pack(PackRequest.builder(ImageReference.parse("kimigayo-test/startup:1.0"),
                        Platform.parse("linux/amd64"), new BuildTimestamp(Instant.parse("2026-01-01T00:00:00Z"),
                                BuildTimestamp.Source.OUTPUT_TIMESTAMP), out)
                .settings(settings)
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .treeLayers(List.of(new TreeLayer(tree, "test", null)))
                .build());
        return out.resolve("image");
    }

    private StartupResult check(String script, StartupCheck check) throws IOException {
        Path layout = image(script);
        return new StartupChecker().check(layout, "1.0", check, temp.resolve("work"), temp.resolve("logs/out.log"));
    }

    private static StartupCheck quick() {
        return new StartupCheck(null, 0, Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    @Test
    void anApplicationThatEndsCleanlyPassesAndRanAsTheImageSaysInNamespaces() throws IOException {
        StartupResult result = check("echo uid=$(id -u):$(id -g) wd=$PWD greeting=$GREETING;"
                + " echo pid=$$; cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' ' | tr '\\n' ,; echo;"
                + " touch /tmp/written && echo tmp-ok; grep -c . /proc/self/mounts; ls /dev", quick());
        assertTrue(result.ran());
        assertTrue(result.summary().startsWith("ran to its end (exit code 0)"), result.summary());
        String out = Files.readString(result.log());
        assertTrue(out.contains("uid=65532:65532 wd=/home/nonroot greeting=konnichiwa"), out);
        assertTrue(out.contains("pid=1\n"), "its own PID namespace: " + out);
        assertTrue(out.contains("\nlo,\n"), "its own network namespace, loopback only: " + out);
        assertTrue(out.contains("tmp-ok"), out);
        assertTrue(out.contains("urandom") && out.contains("null"), "the usual /dev nodes: " + out);
        try (Stream<Path> left = Files.list(temp.resolve("work"))) {
            assertEquals(List.of(), left.toList(), "the unpacked image is removed");
        }
    }

    @Test
    void aMissingClassFailsTheCheckWithTheLinesItPrinted() throws IOException {
        StartupCheckException e = assertThrows(StartupCheckException.class, () -> check("echo starting;"
                + " echo 'Exception in thread \"main\" java.lang.NoClassDefFoundError: javax/lang/model/SourceVersion'"
                + " >&2; sleep 30", quick()));
        assertTrue(e.getMessage().contains("NoClassDefFoundError: javax/lang/model/SourceVersion"), e.getMessage());
        assertTrue(e.getMessage().contains("starting"), "the output's tail: " + e.getMessage());
        assertTrue(e.getMessage().contains(temp.resolve("logs/out.log").toString()), e.getMessage());
    }

    @Test
    void aMissingModuleFailsTheCheck() {
        StartupCheckException e = assertThrows(StartupCheckException.class, () -> check(
                "echo 'Error occurred during initialization of boot layer'; echo"
                        + " 'java.lang.module.FindException: Module java.sql not found, required by app'; exit 1",
                quick()));
        assertTrue(e.getMessage().contains("Module java.sql not found"), e.getMessage());
    }

    @Test
    void anErrorExitFailsTheCheck() {
        StartupCheckException e = assertThrows(StartupCheckException.class, () -> check("echo bad config; exit 3",
                quick()));
        assertTrue(e.getMessage().contains("ended with exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("bad config"), e.getMessage());
    }

    @Test
    void aServerHasStartedWhenItListens() throws IOException {
        StartupResult any = check("sleep 1; exec busybox httpd -f -p 127.0.0.1:8123", quick());
        assertTrue(any.summary().startsWith("listened on port 8123"), any.summary());
        StartupResult port = check("busybox httpd -f -p 8124 & sleep 60",
                new StartupCheck(null, 8124, null, Duration.ofSeconds(20)));
        assertTrue(port.summary().startsWith("listened on port 8124"), port.summary());
    }

    @Test
    void aReadyLineCounts() throws IOException {
        StartupResult result = check("echo booting; sleep 1; echo 'Started Application in 1.2 seconds'; sleep 60",
                new StartupCheck(StartupCheck.line("Started \\w+ in"), 0, null, Duration.ofSeconds(20)));
        assertTrue(result.summary().startsWith("printed 'Started Application in 1.2 seconds'"), result.summary());
        // listening before the line (as Tomcat does before Spring Boot has started) is not the sign asked for
        StartupResult line = check("busybox httpd -f -p 8125 & sleep 2; echo 'Started Application in 2 seconds';"
                + " sleep 60", new StartupCheck(StartupCheck.line("Started \\w+ in"), 0, null, Duration.ofSeconds(20)));
        assertTrue(line.summary().startsWith("printed 'Started Application in 2 seconds'"), line.summary());
    }

    @Test
    void aQuietLongRunningApplicationPassesAfterItsTime() throws IOException {
        long start = System.nanoTime();
        StartupResult result = check("echo working; sleep 60", quick());
        assertTrue(result.summary().startsWith("ran 2 s without a sign of failure"), result.summary());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "it was stopped");
    }

    @Test
    void noSignInTimeFails() {
        StartupCheckException e = assertThrows(StartupCheckException.class, () -> check("echo waiting; sleep 60",
                new StartupCheck(null, 9999, null, Duration.ofSeconds(3))));
        assertTrue(e.getMessage().contains("did not start within 3 s: no listening port 9999"), e.getMessage());
        StartupCheckException early = assertThrows(StartupCheckException.class, () -> check("echo done",
                new StartupCheck(StartupCheck.line("Started"), 0, null, Duration.ofSeconds(10))));
        assertTrue(early.getMessage().contains("ended (exit code 0) before line matching 'Started'"),
                early.getMessage());
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StartupCheck(null, 70000, null, null))
                .getMessage().contains("70000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StartupCheck.line("Started ("))
                .getMessage().contains("'Started ('"));
        assertFalse(StartupCheck.defaults().runFor().isZero());
    }
}
