package io.kimigayo.rootfs.recipe;

import io.kimigayo.rootfs.nativebuild.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutotoolsRecipeTest {

    private static final Toolchain GCC = new Toolchain("gcc", "gcc 12 | ld 2.40 | x86_64-linux-gnu", "x86_64", "");

    @TempDir
    Path work;

    @Test
    void configureCrossCompilesForMuslWithTheHardeningFlags() {
        Path src = Path.of("/cache/work/src");
        List<String> command = AutotoolsRecipe.strace().configure(GCC, Path.of("/w/musl.specs"), Path.of("/w/uapi"),
                src);
        assertEquals(List.of("./configure", "--prefix=/usr", "--build=x86_64-pc-linux-gnu",
                "--host=x86_64-kimigayo-linux-musl", "--enable-bundled=yes", "--disable-mpers", "--without-libdw",
                "--without-libunwind", "--without-libiberty", "--disable-gcc-Werror",
                "CC=gcc -specs=/w/musl.specs -isystem /w/uapi -ffile-prefix-map=/cache/work/src=.",
                "CFLAGS=-O2 -fPIE -fstack-protector-strong",
                "LDFLAGS=-pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack"), command);
    }

    @Test
    void gnuMakeStandsInForTheManualDebianRemovedAndInstallsMake() {
        AutotoolsRecipe make = AutotoolsRecipe.gnuMake();
        assertEquals("make", make.component());
        assertTrue(make.prepare().containsKey("doc/Makefile.in"), make.prepare().toString());
        assertTrue(make.prepare().containsKey("doc/make.1"), make.prepare().toString());
        assertEquals("usr/bin/make", make.programs().get("make"));
        assertTrue(make.configureArgs().contains("--without-guile"));
        assertEquals("usr/bin/strace", AutotoolsRecipe.strace().programs().get("src/strace"));
        assertEquals("src", AutotoolsRecipe.strace().makeDirectory());
    }

    @Test
    void everySettingEntersTheCacheKeyDescription() {
        String make = AutotoolsRecipe.gnuMake().describe();
        String strace = AutotoolsRecipe.strace().describe();
        assertNotEquals(make, strace);
        assertTrue(strace.contains("configure --enable-bundled=yes\n"), strace);
        assertTrue(make.contains("prepare doc/Makefile.in=all:\\n.DEFAULT:\\n\t@:\\n\n"), make);
        assertTrue(make.contains("install make -> usr/bin/make\n"), make);
        AutotoolsRecipe other = new AutotoolsRecipe("make", List.of("--disable-nls"), AutotoolsRecipe.gnuMake()
                .prepare(), "", AutotoolsRecipe.gnuMake().programs(), 35);
        assertNotEquals(make, other.describe(), "another configure option gives another key");
        assertEquals(make, AutotoolsRecipe.gnuMake().describe(), "the same recipe gives the same key");
    }

    @Test
    void theUapiDirectoryLinksOnlyTheKernelsHeaderDirectories() throws IOException {
        Path uapi = HardenedCompiler.uapiHeaders(work.resolve("uapi"), GCC);
        try (var names = Files.list(uapi)) {
            assertEquals(List.of("asm", "asm-generic", "linux", "mtd", "rdma"),
                    names.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(Path.of("/usr/include/x86_64-linux-gnu/asm"), Files.readSymbolicLink(uapi.resolve("asm")));
        assertEquals(Path.of("/usr/include/rdma"), Files.readSymbolicLink(uapi.resolve("rdma")));
        assertTrue(Files.isRegularFile(uapi.resolve("linux/ptrace.h")), "the host's linux-libc-dev is reachable");
    }
}
