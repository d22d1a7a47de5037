package io.kimigayo.app;

import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An application image's platforms and its rootfs builds must agree, one machine each, in the same order. */
class ApplicationPlatformsTest {

    private static RootfsRequest rootfs(String arch) {
        return RootfsRequest.builder(Variant.MINIMAL, arch, Instant.EPOCH, Path.of("target/kimigayo/rootfs/" + arch))
                .nativeBuild(NativeBuildSettings.builder().cacheDirectory(Path.of("cache"))
                        .logDirectory(Path.of("logs")).build())
                .build();
    }

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @Test
    void oneRootfsPerPlatformInTheSameOrder() {
        ApplicationImageBuilder.checkPlatforms(List.of(rootfs("x86_64"), rootfs("aarch64")), List.of(AMD64, ARM64));
        ApplicationImageBuilder.checkPlatforms(List.of(rootfs("arm64")), List.of(ARM64));
        assertEquals("platform linux/amd64 is for x86_64, and its rootfs is built for aarch64; build the rootfs "
                + "of each platform's machine, in the order of the platforms", assertThrows(
                IllegalArgumentException.class, () -> ApplicationImageBuilder.checkPlatforms(
                        List.of(rootfs("aarch64"), rootfs("x86_64")), List.of(AMD64, ARM64))).getMessage());
        assertEquals("the image is for the platforms [linux/amd64, linux/arm64/v8], and there are 1 rootfs builds; "
                + "give one per platform, in the same order", assertThrows(IllegalArgumentException.class,
                () -> ApplicationImageBuilder.checkPlatforms(List.of(rootfs("x86_64")), List.of(AMD64, ARM64)))
                .getMessage());
    }
}
