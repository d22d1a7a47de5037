package io.kimigayo.app;

import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.oci.sbom.SbomComponent;
import io.kimigayo.oci.sbom.SbomContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an application image's SBOM says about the runtime, its libraries and the Maven dependencies. */
class ApplicationSbomTest {

    @TempDir
    Path work;

    @Test
    void mavenDependenciesRuntimeAndLibrariesWithDigestsAndDependencies() throws Exception {
        Path jar = Files.write(work.resolve("gson-2.13.2.jar"), new byte[]{'P', 'K', 3, 4});
        Path natives = Files.write(work.resolve("netty-linux.jar"), new byte[]{'P', 'K', 5, 6});
        Path classes = Files.createDirectories(work.resolve("module/target/classes"));
        List<Dependency> deps = List.of(
                new Dependency(jar, "com.google.code.gson", "gson", "2.13.2", "", Dependency.Kind.RELEASE),
                new Dependency(natives, "io.netty", "netty-transport-native-epoll", "4.2.0", "linux-x86_64",
                        Dependency.Kind.RELEASE),
                new Dependency(classes, "it.app", "module", "1.0-SNAPSHOT", "", Dependency.Kind.PROJECT));
        Path home = Path.of(System.getProperty("java.home"));
        Jdk jdk = Jdk.at(home);
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        NativeLibrary lib = new NativeLibrary("/lib/x86_64-linux-gnu/libc.so.6", libc.toRealPath().toString(),
                Sha256.hex(libc), "/opt/java/bin/java");

        SbomContent content = ApplicationSbom.of("kimigayo-it/app", "1.0", "it.app.Main", null, deps, jdk,
                List.of("java.base", "java.sql"), List.of(lib), Path.of("/"));

        assertEquals(List.of("app"), content.roots());
        SbomComponent app = find(content, "app");
        assertEquals(List.of("java-runtime", "maven:com.google.code.gson:gson:2.13.2",
                "maven:io.netty:netty-transport-native-epoll:4.2.0:linux-x86_64", "maven:it.app:module:1.0-SNAPSHOT"),
                app.dependsOn());
        SbomComponent gson = find(content, "maven:com.google.code.gson:gson:2.13.2");
        assertEquals("pkg:maven/com.google.code.gson/gson@2.13.2", gson.purl());
        assertEquals(Sha256.hex(jar), gson.sha256());
        assertEquals("pkg:maven/io.netty/netty-transport-native-epoll@4.2.0?classifier=linux-x86_64",
                find(content, "maven:io.netty:netty-transport-native-epoll:4.2.0:linux-x86_64").purl());
        assertNull(find(content, "maven:it.app:module:1.0-SNAPSHOT").sha256(), "a classes directory has no digest");

        SbomComponent runtime = find(content, "java-runtime");
        assertEquals(jdk.version(), runtime.version());
        assertEquals("java.base,java.sql", runtime.properties().get("kimigayo:modules"));
        assertTrue(runtime.cpe().startsWith("cpe:2.3:a:oracle:openjdk:17."), runtime.cpe());
        assertEquals(List.of("native:/lib/x86_64-linux-gnu/libc.so.6"), runtime.dependsOn());
        SbomComponent c = find(content, "native:/lib/x86_64-linux-gnu/libc.so.6");
        assertEquals(Sha256.hex(libc), c.sha256());
        assertTrue(c.purl().startsWith("pkg:deb/debian/libc6@"), c.purl());
        assertTrue(c.properties().get("kimigayo:origin-package").startsWith("libc6:amd64 "), c.properties().toString());
        assertTrue(c.cpe().startsWith("cpe:2.3:a:gnu:glibc:2."), c.cpe());
    }

    private static SbomComponent find(SbomContent content, String ref) {
        return content.components().stream().filter(c -> c.ref().equals(ref)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ref + " in " + content.components()));
    }
}
