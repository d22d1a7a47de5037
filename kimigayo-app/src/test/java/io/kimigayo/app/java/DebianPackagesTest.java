package io.kimigayo.app.java;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Debian package a library came from, read from the dpkg database; dpkg-query is the judge. */
class DebianPackagesTest {

    @TempDir
    Path work;

    private static String dpkgQuery(String format, String pkg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=" + format, pkg).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail("dpkg-query -W " + pkg + " failed (this test needs a Debian machine with libc6): " + out);
        }
        return out.trim();
    }

    @Test
    void theBuildMachinesLibcIsFromLibc6AsDpkgSays() throws Exception {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        if (!Files.exists(libc)) {
            libc = Path.of("/lib/aarch64-linux-gnu/libc.so.6");
        }
        Optional<DebianPackages.Package> owner = new DebianPackages(Path.of("/")).owner(libc.toRealPath().toString());
        assertTrue(owner.isPresent(), "no owner for " + libc.toRealPath());
        assertEquals("libc6", owner.get().name());
        assertEquals(dpkgQuery("${Version}", "libc6"), owner.get().version());
        assertEquals(dpkgQuery("${Architecture}", "libc6"), owner.get().architecture());
        assertTrue(owner.get().distro().startsWith("debian-"), owner.get().distro());
    }

    @Test
    void aRootWithoutADpkgDatabaseKnowsNoPackage() throws IOException {
        Files.createDirectories(work.resolve("lib"));
        assertEquals(Optional.empty(), new DebianPackages(work).owner("/lib/libc.so.6"));
    }

    @Test
    void aMergedUsrPathFindsWhatDpkgListsUnderLib() throws IOException {
        Path dpkg = Files.createDirectories(work.resolve("var/lib/dpkg/info"));
        Files.writeString(dpkg.resolve("zlib1g:arm64.list"), "/.\n/lib/aarch64-linux-gnu/libz.so.1.2.13\n");
        Files.writeString(work.resolve("var/lib/dpkg/status"), "Package: zlib1g\nStatus: install ok installed\n"
                + "Architecture: arm64\nVersion: 1:1.2.13.dfsg-1\nDescription: compression\n more\n\n"
                + "Package: gone\nStatus: deinstall ok config-files\nArchitecture: arm64\nVersion: 1\n");
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        DebianPackages.Package zlib = new DebianPackages(work).owner("/usr/lib/aarch64-linux-gnu/libz.so.1.2.13")
                .orElseThrow();
        assertEquals(new DebianPackages.Package("zlib1g", "1:1.2.13.dfsg-1", "arm64", "debian-12"), zlib);
        assertEquals("1.2.13", zlib.upstreamVersion());
        assertEquals("2.36", new DebianPackages.Package("libc6", "2.36-9+deb12u14", "amd64", null).upstreamVersion());
    }
}
