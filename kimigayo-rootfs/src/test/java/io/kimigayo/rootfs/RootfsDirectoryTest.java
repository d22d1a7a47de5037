package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each machine's rootfs goes, and a build of several machines that names one twice. */
class RootfsDirectoryTest {

    @TempDir
    Path work;

    @Test
    void oneMachineKeepsRootfsAndSeveralGetADirectoryEachByKimigayosName() {
        Path out = Path.of("target/kimigayo");
        assertEquals(out.resolve("rootfs"), RootfsDirectory.of(out, "aarch64", false));
        assertEquals(out.resolve("rootfs/aarch64"), RootfsDirectory.of(out, "arm64", true));
        assertEquals(out.resolve("rootfs/x86_64"), RootfsDirectory.of(out, "amd64", true));
    }

    private RootfsRequest request(String arch, Path directory) {
        return RootfsRequest.builder(Variant.MINIMAL, arch, Instant.EPOCH, directory)
                .nativeBuild(NativeBuildSettings.builder().cacheDirectory(work.resolve("cache"))
                        .logDirectory(work.resolve("logs")).build())
                .build();
    }

    @Test
    void theSameMachineOrDirectoryTwiceIsRefusedBeforeAnythingIsBuilt() {
        IllegalArgumentException machine = assertThrows(IllegalArgumentException.class, () -> new RootfsBuilder()
                .build(List.of(request("x86_64", work.resolve("a")), request("amd64", work.resolve("b")))));
        assertEquals("the machine x86_64 is asked for twice; name each machine once", machine.getMessage());
        IllegalArgumentException directory = assertThrows(IllegalArgumentException.class, () -> new RootfsBuilder()
                .build(List.of(request("x86_64", work.resolve("a")), request("aarch64", work.resolve("a")))));
        assertTrue(directory.getMessage().startsWith("two machines would write their rootfs to"),
                directory.getMessage());
        assertFalse(Files.exists(work.resolve("cache")), "nothing was built");
    }
}
