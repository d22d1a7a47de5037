package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RootfsBuilderVariantTest {

    @TempDir
    Path work;

    @Test
    void extendedForAarch64IsRefusedWithTheFixBeforeAnythingIsBuilt() {
        RootfsRequest request = RootfsRequest.builder(Variant.EXTENDED, "aarch64", Instant.EPOCH,
                work.resolve("out")).nativeBuild(NativeBuildSettings.builder().cacheDirectory(work.resolve("cache"))
                .logDirectory(work.resolve("logs")).build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RootfsBuilder().build(request));
        assertEquals("variant extended is built for x86_64 only, not aarch64 (its TinyCC is configured and tested "
                + "for x86_64, and its libtcc1.a is compiled by running the new tcc); build extended with arch "
                + "x86_64, or choose variant standard for aarch64", e.getMessage());
        assertFalse(Files.exists(work.resolve("out")), "nothing was written");
        assertFalse(Files.exists(work.resolve("cache/builds")), "nothing was built");
    }
}
