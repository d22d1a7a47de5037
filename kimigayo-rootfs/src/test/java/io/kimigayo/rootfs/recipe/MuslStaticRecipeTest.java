package io.kimigayo.rootfs.recipe;

import io.kimigayo.rootfs.nativebuild.Toolchain;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MuslStaticRecipeTest {

    @Test
    void configureBuildsOnlyTheStaticLibraryWithMuslsOwnFlags() {
        Toolchain gcc = new Toolchain("gcc", "gcc 12 | ld 2.40 | x86_64-linux-gnu", "x86_64", "");
        assertEquals(List.of("./configure", "--prefix=/usr", "--syslibdir=/lib", "--disable-shared",
                "CFLAGS=" + MuslRecipe.CFLAGS + " -ffile-prefix-map=/w/src=."),
                MuslStaticRecipe.configure(gcc, Path.of("/w/src")));
    }

    @Test
    void aCrossToolchainGetsItsTarget() {
        Toolchain cross = new Toolchain("aarch64-linux-gnu-gcc", "id", "aarch64", "aarch64-linux-gnu-");
        List<String> command = MuslStaticRecipe.configure(cross, Path.of("/w/src"));
        assertEquals(List.of("./configure", "--prefix=/usr", "--syslibdir=/lib", "--disable-shared",
                "--target=aarch64-linux-gnu", "CROSS_COMPILE=aarch64-linux-gnu-", "CC=aarch64-linux-gnu-gcc",
                "CFLAGS=" + MuslRecipe.CFLAGS + " -ffile-prefix-map=/w/src=."), command);
    }
}
