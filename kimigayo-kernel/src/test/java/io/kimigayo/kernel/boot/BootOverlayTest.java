package io.kimigayo.kernel.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootOverlayTest {

    @TempDir
    Path work;

    private static final String INITTAB = "::sysinit:/etc/init.d/rcS\n::respawn:-/bin/sh\n";

    @Test
    void theProductsInittabGetsOneWaitLineAndTheScriptIsExecutable() throws IOException {
        byte[] product = InitramfsReaderTest.gzip(InitramfsReaderTest.cpio(512, "etc/", "", "etc/inittab", INITTAB));
        byte[] overlay = BootOverlay.overlay(InitramfsReader.read(product, "p"), "c0ffee");

        Map<String, InitramfsReader.Entry> combined = InitramfsReader.read(BootOverlay.append(product, overlay), "c");
        String inittab = new String(combined.get("etc/inittab").data(), StandardCharsets.UTF_8);
        assertEquals(INITTAB + "# added by Kimigayo's boot-check (not part of the image)\n"
                + "::wait:/kimigayo-boot-check\n", inittab);
        InitramfsReader.Entry script = combined.get("kimigayo-boot-check");
        assertEquals(0100755, script.mode());
        String text = new String(script.data(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("#!/bin/sh\n"), text);
        assertTrue(text.contains("p='KIMIGAYO-BOOT-CHECK c0ffee '"), text);
        assertTrue(text.endsWith("reboot -f\n"), text);
        assertTrue(text.contains("read -r uptime _ </proc/uptime && echo \"${p}uptime=$uptime\"\n"), text);
        // The image has /etc: the overlay must not carry an entry for it (that would reset its mode and owner).
        assertFalse(InitramfsReader.read(overlay, "o").containsKey("etc"));
    }

    @Test
    void withoutAnInittabBusyBoxDefaultsAreKeptAndEtcIsCreated() throws IOException {
        byte[] product = InitramfsReaderTest.cpio(512, "bin/sh", "x");
        Map<String, InitramfsReader.Entry> overlay = InitramfsReader.read(BootOverlay.overlay(
                InitramfsReader.read(product, "p"), "00"), "o");
        assertTrue(overlay.get("etc").isDirectory());
        assertTrue(new String(overlay.get("etc/inittab").data(), StandardCharsets.UTF_8)
                .startsWith("::sysinit:/etc/init.d/rcS\n"));
    }

    @Test
    void gnuCpioReadsTheOverlay() throws IOException, InterruptedException {
        Path file = work.resolve("overlay.cpio");
        Files.write(file, BootOverlay.overlay(Map.of(), "00"));
        Process p = new ProcessBuilder("cpio", "-it", "--quiet").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), listing);
        assertEquals(List.of("etc", "etc/inittab", "kimigayo-boot-check"), listing.lines().toList());
    }

    @Test
    void theCombinedImagePutsTheOverlayOnAFourByteBoundary() {
        byte[] combined = BootOverlay.append(new byte[] {1, 2, 3, 4, 5}, new byte[] {'0', '7'});
        assertEquals(10, combined.length);
        assertEquals('0', combined[8]);
        assertEquals(0, combined[5]);
    }

    @Test
    void theScriptReportsEachServiceThatRcStatusListsWithItsRunlevel() throws Exception {
        // The script's OpenRC part, run by this machine's sh and awk against rc-status's output format.
        String script = BootOverlay.script("n0");
        String part = script.substring(script.indexOf("if command -v rc-status"), script.indexOf("fi\n") + 3);
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path rcStatus = bin.resolve("rc-status");
        Files.writeString(rcStatus, """
                #!/bin/sh
                if [ "$1" = --runlevel ]; then echo default; exit 0; fi
                echo 'Runlevel: boot'
                echo ' hostname                     [  started  ]'
                echo 'Runlevel: default'
                echo ' myapp                        [  crashed  ]'
                echo 'Dynamic Runlevel: needed/wanted'
                echo ' localmount                   [  started  ]'
                """);
        assertTrue(rcStatus.toFile().setExecutable(true));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "p='KIMIGAYO-BOOT-CHECK n0 '\n" + part);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = pb.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        assertEquals("""
                KIMIGAYO-BOOT-CHECK n0 openrc:runlevel=default
                KIMIGAYO-BOOT-CHECK n0 openrc:boot:hostname=started
                KIMIGAYO-BOOT-CHECK n0 openrc:default:myapp=crashed
                KIMIGAYO-BOOT-CHECK n0 openrc:dynamic:localmount=started
                """, out);
    }
}
