package io.kimigayo.app.java;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NativeCodeJars} on jars holding shared libraries compiled here by gcc and Debian's cross gcc, the way
 * netty-tcnative's classifier jars hold them.
 */
class NativeCodeJarsTest {

    @TempDir
    Path temp;

    private Path library(String gcc, String name) throws IOException, InterruptedException {
        Path source = temp.resolve(name + ".c");
        Files.writeString(source, "int native_fn(void) { return 42; }\n");
        Path out = temp.resolve(name);
        HostTools.run(List.of(gcc, "-shared", "-fPIC", "-nostdlib", "-o", out.toString(), source.toString()), temp);
        return out;
    }

    private Path jar(String name, Map<String, Path> entries) throws IOException {
        Path jar = temp.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes());
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(Files.readAllBytes(e.getValue()));
            }
        }
        return jar;
    }

    @Test
    void aJarWithNativeCodeForOneMachineIsNamedForTheOther() throws Exception {
        Path x86 = library(gcc("x86_64"), "libx.so");
        Path arm = library(gcc("aarch64"), "liba.so");
        Path tcnative = jar("netty-tcnative-boringssl-static-2.0.70.Final-linux-x86_64.jar",
                Map.of("META-INF/native/libnetty_tcnative_linux_x86_64.so", x86));
        Path both = jar("both.jar", Map.of("META-INF/native/linux64/libx.so", x86,
                "META-INF/native/linux-aarch64/libx.so", arm));
        Path plain = jar("plain.jar", Map.of("META-INF/native/readme.so.txt", temp.resolve("liba.so.c")));

        List<NativeCodeJars.OneSided> found = new NativeCodeJars().find(List.of(tcnative, both, plain,
                temp.resolve("classes")), List.of("x86_64", "aarch64"));

        assertEquals(1, found.size(), found.toString());
        NativeCodeJars.OneSided one = found.get(0);
        assertEquals(tcnative, one.jar());
        assertEquals(List.of("x86_64"), one.machines());
        assertEquals(List.of("aarch64"), one.missing());
        String message = one.message();
        assertTrue(message.startsWith("netty-tcnative-boringssl-static-2.0.70.Final-linux-x86_64.jar has native code "
                + "for x86_64 only (META-INF/native/libnetty_tcnative_linux_x86_64.so)"), message);
        assertTrue(message.contains("in the image for aarch64 it cannot be loaded"), message);

        assertEquals(List.of(), new NativeCodeJars().find(List.of(tcnative), List.of("x86_64")),
                "an image for the jar's own machine only gets no warning");
    }

    @Test
    void theMachineComesFromTheElfHeader() throws Exception {
        assertEquals("aarch64", NativeCodeJars.machine(Files.readAllBytes(library(gcc("aarch64"), "libm.so"))));
        assertEquals(null, NativeCodeJars.machine("not an ELF file at all".getBytes()));
    }

    /** The host's gcc for its own machine, Debian's cross gcc (installed by dev/install-tools) for the other. */
    private static String gcc(String machine) {
        String host = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
        return host.equals(machine) ? "gcc" : machine + "-linux-gnu-gcc";
    }
}
