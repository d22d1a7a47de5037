package io.kimigayo.app.java;

import io.kimigayo.core.process.NativeBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdkTest {

    @TempDir
    Path temp;

    /** A directory that looks like a JDK: a release file and executable bin/jlink and bin/jdeps (as asked). */
    private Path fakeJdk(String name, String release, boolean jlink, boolean jdeps) throws IOException {
        Path home = Files.createDirectories(temp.resolve(name));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        Files.createDirectories(home.resolve("bin"));
        if (jlink) {
            tool(home, "jlink");
        }
        if (jdeps) {
            tool(home, "jdeps");
        }
        return home;
    }

    private static void tool(Path home, String name) throws IOException {
        Path tool = home.resolve("bin").resolve(name);
        Files.writeString(tool, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void readsTheRunningJdk() throws IOException {
        Path home = HostTools.javaHome();
        Jdk jdk = Jdk.at(home);

        assertEquals(home, jdk.home());
        assertEquals(17, jdk.feature());
        assertEquals(Runtime.version().feature(), jdk.feature());
        assertEquals(System.getProperty("java.runtime.version"), jdk.version(),
                "the version is the runtime version (what java -version prints)");
        assertEquals(System.getProperty("java.version"), jdk.release().get("JAVA_VERSION"), "quotes are removed");
        assertTrue(jdk.release().get("MODULES").contains("java.base"), jdk.release().toString());
        assertTrue(jdk.identity().matches("[0-9a-f]{64}"), jdk.identity());
        assertEquals(home.resolve("bin/jlink"), jdk.tool("jlink"));
        assertTrue(Files.isExecutable(jdk.tool("jdeps")));
    }

    @Test
    void identityIsStableAcrossReads() throws IOException {
        Jdk first = Jdk.at(HostTools.javaHome());
        Jdk second = Jdk.at(HostTools.javaHome());
        assertEquals(first.identity(), second.identity());
        assertEquals(first, second);
    }

    @Test
    void identityDiffersForAnotherHome() throws IOException {
        String release = Files.readString(HostTools.javaHome().resolve("release"));
        Path copy = fakeJdk("copy", release, true, true);
        Path other = fakeJdk("other", release, true, true);

        Jdk running = Jdk.at(HostTools.javaHome());
        Jdk copied = Jdk.at(copy);
        assertEquals(running.version(), copied.version(), "same release file");
        assertNotEquals(running.identity(), copied.identity(), "another home is another JDK");
        assertNotEquals(copied.identity(), Jdk.at(other).identity(), "two homes with the same release file differ");
    }

    @Test
    void identityDiffersForAnotherBuildInTheSameHome() throws IOException {
        Path home = fakeJdk("jdk", "JAVA_VERSION=\"17.0.15\"\nJAVA_RUNTIME_VERSION=\"17.0.15+6\"\n", true, true);
        String before = Jdk.at(home).identity();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.16\"\nJAVA_RUNTIME_VERSION=\"17.0.16+8\"\n");
        Jdk updated = Jdk.at(home);
        assertNotEquals(before, updated.identity(), "an updated JDK in place must not reuse cached runtimes");
        assertEquals("17.0.16+8", updated.version());
    }

    @Test
    void versionFallsBackToJavaVersionAndFeatureIsParsed() throws IOException {
        Jdk jdk = Jdk.at(fakeJdk("jdk21", "IMPLEMENTOR=\"Example\"\nJAVA_VERSION=\"21.0.2\"\n", true, true));
        assertEquals(21, jdk.feature());
        assertEquals("21.0.2", jdk.version());
        assertEquals("Example", jdk.release().get("IMPLEMENTOR"));
    }

    @Test
    void directoryWithoutReleaseFileIsNotAJdk() throws IOException {
        Path home = fakeJdk("no-release", null, true, true);
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> Jdk.at(home));
        assertTrue(e.getMessage().contains(home.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no release file"), e.getMessage());
        assertTrue(e.getMessage().contains("use a JDK's directory"), "says how to fix it: " + e.getMessage());
    }

    @Test
    void missingDirectoryIsNotAJdk() {
        Path home = temp.resolve("does-not-exist");
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> Jdk.at(home));
        assertTrue(e.getMessage().contains(home.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("use a JDK's directory"), e.getMessage());
    }

    @Test
    void directoryWithoutJlinkIsAJre() throws IOException {
        Path home = fakeJdk("jre", "JAVA_VERSION=\"17.0.15\"\n", false, true);
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> Jdk.at(home));
        assertTrue(e.getMessage().contains(home.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bin/jlink"), e.getMessage());
        assertTrue(e.getMessage().contains("use a full JDK"), "says how to fix it: " + e.getMessage());
        assertTrue(e.getMessage().contains("openjdk-17-jdk-headless"), e.getMessage());
    }

    @Test
    void aJdkWithoutJdepsIsEnough() throws IOException {
        // the module scan reads the classes in-process: jlink is the only tool a runtime needs
        Path home = fakeJdk("no-jdeps", "JAVA_VERSION=\"17.0.15\"\n", true, false);
        assertEquals(home, Jdk.at(home).home());
    }

    @Test
    void jlinkThatIsNotExecutableIsRejected() throws IOException {
        Path home = fakeJdk("not-executable", "JAVA_VERSION=\"17.0.15\"\n", true, true);
        Files.setPosixFilePermissions(home.resolve("bin/jlink"), PosixFilePermissions.fromString("rw-r--r--"));
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> Jdk.at(home));
        assertTrue(e.getMessage().contains("bin/jlink"), e.getMessage());
    }
}
