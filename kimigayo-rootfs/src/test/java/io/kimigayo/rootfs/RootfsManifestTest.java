package io.kimigayo.rootfs;

import io.kimigayo.rootfs.RootfsManifest.FileAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rootfs.json} through {@link RootfsManifest}: the bytes build-rootfs has always written. */
class RootfsManifestTest {

    @TempDir
    Path dir;

    /** A standard rootfs: three components (the CA certificates without a build key), a hardened executable, a loader and a weak executable. */
    static RootfsManifest standard() {
        return new RootfsManifest("Kimigayo OS", "1.0.0", "standard", "x86_64", "2026-01-01T00:00:00Z",
                List.of(new RootfsManifest.Component("musl", "1.2.5", "MIT", "musl-1.2.5.tar.gz",
                                "https://musl.libc.org/releases/musl-1.2.5.tar.gz", "1".repeat(64), "2".repeat(64)),
                        new RootfsManifest.Component("busybox", "1.36.1", "GPL-2.0-only", "busybox-1.36.1.tar.bz2",
                                "https://busybox.net/downloads/busybox-1.36.1.tar.bz2", "3".repeat(64),
                                "busybox-" + "4".repeat(64) + ".tar"),
                        new RootfsManifest.Component("ca-certificates", "20230311+deb12u1", "MPL-2.0",
                                "ca-certificates_20230311+deb12u1.tar.xz", "https://deb.debian.org/debian/pool/main/c/"
                                + "ca-certificates/ca-certificates_20230311+deb12u1.tar.xz", "7".repeat(64), null)),
                412, new RootfsManifest.Sizes(1843200, 901234),
                new RootfsManifest.Digests("tar+cpio.gz/1", "5".repeat(64), "6".repeat(64)),
                List.of(new FileAudit("/bin/busybox", "executable", "x86_64", true, true, "full", true,
                                "/lib/ld-musl-x86_64.so.1", List.of("libc.so"), List.of()),
                        new FileAudit("/lib/ld-musl-x86_64.so.1", "shared_library", "x86_64", true, true, "full",
                                false, null, List.of(), List.of()),
                        new FileAudit("/usr/bin/weak", "executable", "x86_64", false, false, "partial", false,
                                null, List.of(), List.of("no PIE", "executable stack"))),
                List.of());
    }

    /** What build-rootfs wrote for {@link #standard()} before rootfs.json had this model. */
    private static byte[] expected() throws IOException {
        try (InputStream in = RootfsManifestTest.class.getResourceAsStream("rootfs-standard.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesTheBytesBuildRootfsHasAlwaysWritten() throws IOException {
        assertEquals(new String(expected(), StandardCharsets.UTF_8),
                new String(standard().toJson(), StandardCharsets.UTF_8));
        assertArrayEquals(expected(), standard().toJson());
    }

    @Test
    void readsWhatItWrites() throws IOException {
        Path json = Files.write(dir.resolve(RootfsBuilder.JSON), expected());
        assertEquals(standard(), RootfsManifest.read(json));
        assertArrayEquals(expected(), RootfsManifest.read(json).toJson());
    }

    @Test
    void aJavaRuntimeComesLastAndReadsBack() throws IOException {
        RootfsManifest.JavaRuntime runtime = new RootfsManifest.JavaRuntime("/opt/java", "17", List.of("java.base"),
                false, "Main", List.of(new RootfsManifest.NativeLibrary("/lib/libz.so.1", "/usr/lib/libz.so.1",
                "7".repeat(64), "/opt/java/lib/libzip.so")), List.of());
        RootfsManifest app = standard().withJavaRuntime(runtime);
        String text = new String(app.toJson(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith(new String(expected(), StandardCharsets.UTF_8).replaceFirst("\n}$", ",\n")
                + "  \"javaRuntime\" : {\n    \"path\" : \"/opt/java\","), text);
        Path json = Files.write(dir.resolve(RootfsBuilder.JSON), app.toJson());
        assertEquals(app, RootfsManifest.read(json));
    }

    @Test
    void anUnknownFieldOrNoJsonFailsNamingTheFile() throws IOException {
        String text = new String(expected(), StandardCharsets.UTF_8).replaceFirst("\\{", "{ \"extra\" : 1,");
        Path json = Files.writeString(dir.resolve(RootfsBuilder.JSON), text);
        IOException e = assertThrows(IOException.class, () -> RootfsManifest.read(json));
        assertTrue(e.getMessage().startsWith(json + " is not a rootfs.json this version of Kimigayo reads"),
                e.getMessage());
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
        Files.writeString(json, "{ not json");
        assertThrows(IOException.class, () -> RootfsManifest.read(json));
    }
}
