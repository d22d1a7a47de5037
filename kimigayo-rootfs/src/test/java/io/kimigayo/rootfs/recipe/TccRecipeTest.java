package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TccRecipeTest {

    @TempDir
    Path work;

    @Test
    void configuredForMuslWithTheImagesPaths() {
        List<String> x86 = TccRecipe.configureOptions(new MuslBuild(work, "key", "x86_64"));
        assertEquals(List.of("./configure", "--prefix=/usr", "--config-musl",
                "--elfinterp=/lib/ld-musl-x86_64.so.1", "--crtprefix=/usr/lib",
                "--sysincludepaths={B}/include:/usr/include", "--libpaths={B}:/usr/lib"), x86);
        assertTrue(TccRecipe.configureOptions(new MuslBuild(work, "key", "aarch64"))
                .contains("--elfinterp=/lib/ld-musl-aarch64.so.1"));
        assertTrue(TccRecipe.CFLAGS.contains("-fno-strict-aliasing"));
        assertTrue(TccRecipe.CFLAGS.contains("-fPIE"));
    }

    @Test
    void aCrossToolchainIsRefusedBeforeAnythingIsBuilt() {
        Toolchain cross = new Toolchain("aarch64-linux-gnu-gcc", "gcc | ld | aarch64-linux-gnu", "aarch64",
                "aarch64-linux-gnu-");
        BuildContext ctx = new BuildContext(null, null, cross, null, work, 1, line -> { });
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> new TccRecipe().build(ctx,
                io.kimigayo.rootfs.source.SourceCatalog.TCC, new MuslBuild(work, "key", "aarch64")));
        assertTrue(e.getMessage().startsWith("tcc: libtcc1.a is compiled by the new tcc"), e.getMessage());
    }
}
