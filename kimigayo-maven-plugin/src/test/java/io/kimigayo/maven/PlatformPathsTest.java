package io.kimigayo.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-platform directories of {@code jdk} and {@code sysroot}, as a pom or the command line gives them. */
class PlatformPathsTest {

    @Test
    void aPlainDirectoryKeepsItsMeaning() {
        PlatformPaths jdk = PlatformPaths.parse("jdk", List.of("/usr/lib/jvm/java-17-openjdk-amd64"));
        assertEquals(Optional.of(Path.of("/usr/lib/jvm/java-17-openjdk-amd64")), jdk.withoutPlatform());
        assertEquals(Map.of(), jdk.byMachine());
    }

    @Test
    void platformsAreKeptByTheirMachine() {
        // -Dkimigayo.jdk=/opt/jdk17,linux/arm64=/opt/kimigayo/jdk-17-linux-arm64 gives these entries
        PlatformPaths jdk = PlatformPaths.parse("jdk", Arrays.asList(" /opt/jdk17", "linux/arm64=/opt/arm ", "",
                null, "linux/x86_64=/opt/amd"));
        assertEquals(Optional.of(Path.of("/opt/jdk17")), jdk.withoutPlatform());
        assertEquals(Map.of("aarch64", Path.of("/opt/arm"), "x86_64", Path.of("/opt/amd")), jdk.byMachine());
        assertEquals(Optional.empty(), PlatformPaths.parse("jdk", null).withoutPlatform());
    }

    @Test
    void mistakesAreNamed() {
        assertEquals("jdk: /a and /b are both given without a platform; give at most one so, and the others as "
                + "linux/arm64=DIRECTORY", assertThrows(IllegalArgumentException.class,
                () -> PlatformPaths.parse("jdk", List.of("/a", "/b"))).getMessage());
        assertEquals("jdk: linux/aarch64 is named twice; name one directory per platform",
                assertThrows(IllegalArgumentException.class, () -> PlatformPaths.parse("jdk",
                        List.of("linux/arm64=/a", "linux/aarch64=/b"))).getMessage());
        assertEquals("sysroot linux/arm64=: no directory after '='; write linux/arm64=DIRECTORY",
                assertThrows(IllegalArgumentException.class, () -> PlatformPaths.parse("sysroot",
                        List.of("linux/arm64="))).getMessage());
        assertEquals("sysroot /srv/arm: name the platform it is for, as linux/arm64=/srv/arm",
                assertThrows(IllegalArgumentException.class, () -> PlatformPaths.parse("sysroot",
                        List.of("/srv/arm")).withoutPlain()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlatformPaths.parse("jdk", List.of("linux/s390x=/a")));
    }
}
