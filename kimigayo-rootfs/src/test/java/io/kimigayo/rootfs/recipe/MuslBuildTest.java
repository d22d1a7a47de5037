package io.kimigayo.rootfs.recipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MuslBuildTest {

    @TempDir
    Path work;

    @Test
    void pathsOfTheInstallTree() {
        MuslBuild musl = new MuslBuild(work.resolve("musl-1.2.5-abc"), "key", "x86_64");
        assertEquals(work.resolve("musl-1.2.5-abc/dest"), musl.destination());
        assertEquals(work.resolve("musl-1.2.5-abc/dest/usr/lib/libc.so"), musl.libc());
        assertEquals("/lib/ld-musl-x86_64.so.1", musl.loaderPath());
        assertEquals("/lib/ld-musl-aarch64.so.1", new MuslBuild(work, "key", "aarch64").loaderPath());
    }

    @Test
    void specsPointAtTheInstallTreeAndTheImagesLoader() throws IOException {
        MuslBuild musl = new MuslBuild(work.resolve("entry"), "key", "x86_64");
        String include = work.resolve("entry/dest/usr/include").toString();
        String lib = work.resolve("entry/dest/usr/lib").toString();

        Path specs = musl.writeSpecs(work.resolve("musl.specs"));

        assertEquals(work.resolve("musl.specs"), specs);
        String text = Files.readString(specs);
        assertTrue(text.contains("*cpp_options:\n-nostdinc -isystem " + include + " "), text);
        assertTrue(text.contains("*cc1:\n%(cc1_cpu) -nostdinc -isystem " + include + " "), text);
        assertTrue(text.contains("*link_libgcc:\n-L" + lib + " "), text);
        assertTrue(text.contains(lib + "/Scrt1.o"), text);
        assertTrue(text.contains(lib + "/crti.o"), text);
        assertTrue(text.contains(lib + "/crtn.o"), text);
        assertTrue(text.contains("-dynamic-linker /lib/ld-musl-x86_64.so.1 -nostdlib"), text);
        assertFalse(text.contains("ld-linux"), "nothing of the host's C library: " + text);
        assertFalse(text.contains("/usr/include/x86_64-linux-gnu"), text);
    }

    @Test
    void aarch64SpecsNameTheAarch64Loader() throws IOException {
        String text = Files.readString(new MuslBuild(work, "key", "aarch64").writeSpecs(work.resolve("a.specs")));
        assertTrue(text.contains("-dynamic-linker /lib/ld-musl-aarch64.so.1 "), text);
        assertFalse(text.contains("x86_64"), text);
    }

    @Test
    void gccTakesTheSpecsAndLinksAgainstTheInstallTree() throws Exception {
        MuslBuild musl = new MuslBuild(work.resolve("entry"), "key", "x86_64");
        Path specs = musl.writeSpecs(work.resolve("musl.specs"));
        Path source = work.resolve("hello.c");
        Files.writeString(source, "int main(void) { return 0; }\n");

        // -### prints the commands gcc would run with these specs, without running them.
        String commands = gcc(List.of("gcc", "-specs=" + specs, "-fPIE", "-pie", "-###", "-o",
                work.resolve("hello").toString(), source.toString()));

        String lib = work.resolve("entry/dest/usr/lib").toString();
        String include = work.resolve("entry/dest/usr/include").toString();
        assertTrue(commands.contains("-dynamic-linker /lib/ld-musl-x86_64.so.1"), commands);
        assertTrue(commands.contains(lib + "/Scrt1.o"), commands);
        assertTrue(commands.contains(lib + "/crti.o"), commands);
        assertTrue(commands.contains(lib + "/crtn.o"), commands);
        assertTrue(commands.contains("-L" + lib), commands);
        assertTrue(commands.contains("-isystem " + include) || commands.contains("-isystem\" \"" + include),
                commands);
        assertTrue(commands.contains("-nostdinc"), commands);
        assertFalse(commands.contains("ld-linux-x86-64.so.2"), "the host's loader must not be used: " + commands);
    }

    private static String gcc(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gcc hung");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void configureIsUnchangedForTheHostAndNamesTheTargetForACrossToolchain() {
        Path src = Path.of("/w/src");
        io.kimigayo.rootfs.nativebuild.Toolchain host = new io.kimigayo.rootfs.nativebuild.Toolchain("gcc",
                "gcc 12 | GNU ld 2.40 | x86_64-linux-gnu", "x86_64", "");
        assertEquals(List.of("./configure", "--prefix=/usr", "--syslibdir=/lib", "--disable-static",
                "CFLAGS=-O2 -pipe -ffile-prefix-map=/w/src=.", "LDFLAGS=-Wl,-z,relro,-z,now -Wl,-z,noexecstack"),
                MuslRecipe.configure(host, src), "the host's command, as before cross builds");
        io.kimigayo.rootfs.nativebuild.Toolchain cross = new io.kimigayo.rootfs.nativebuild.Toolchain(
                "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-gcc 12 | GNU ld 2.40 | aarch64-linux-gnu", "aarch64",
                "aarch64-linux-gnu-");
        assertEquals(List.of("./configure", "--prefix=/usr", "--syslibdir=/lib", "--disable-static",
                "--target=aarch64-linux-gnu", "CROSS_COMPILE=aarch64-linux-gnu-", "CC=aarch64-linux-gnu-gcc",
                "CFLAGS=-O2 -pipe -ffile-prefix-map=/w/src=.", "LDFLAGS=-Wl,-z,relro,-z,now -Wl,-z,noexecstack"),
                MuslRecipe.configure(cross, src));
    }

    @Test
    void busyboxLinksBecomeListFullPaths() {
        assertEquals("usr/bin/[\nbin/ash\nsbin/nologin\n",
                BusyboxRecipe.linksAsListFull("/usr/bin/[\n/bin/ash\n\n/sbin/nologin\n"));
    }
}
