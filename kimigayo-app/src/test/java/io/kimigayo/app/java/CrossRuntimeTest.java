package io.kimigayo.app.java;

import io.kimigayo.app.RuntimeSettings;
import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A runtime for the other machine: the running JDK's jlink links the jmods of Debian's JDK for that machine (as
 * dev/install-tools unpacks it), and the native libraries come from that machine's sysroot. readelf is the judge of
 * the machine of every file.
 */
class CrossRuntimeTest {

    @TempDir
    static Path cacheDirectory;

    @TempDir
    Path temp;

    private static String machine;
    private static Jdk linker;
    private static Jdk target;
    private static JlinkRuntime.Runtime runtime;
    private static final List<String> PROGRESS = new ArrayList<>();

    @BeforeAll
    static void linkForTheOtherMachine() throws IOException {
        linker = Jdk.at(HostTools.javaHome());
        machine = linker.machine().equals("x86_64") ? "aarch64" : "x86_64";
        String debian = machine.equals("aarch64") ? "arm64" : "amd64";
        Path home = Path.of("/opt/kimigayo/jdk-17-linux-" + debian);
        if (!Files.isRegularFile(home.resolve("jmods/java.base.jmod"))) {
            fail(home + " holds no JDK for " + machine + "; run dev/install-tools");
        }
        if (!Files.isDirectory(RuntimeSettings.DEFAULT_SYSROOTS.resolve(machine))) {
            fail(RuntimeSettings.DEFAULT_SYSROOTS.resolve(machine) + " does not exist; run dev/install-tools");
        }
        target = Jdk.ofJmods(home);
        runtime = new JlinkRuntime().build(linker, target, List.of("java.base"), machine, ClassDataSharing.ON,
                new BuildCache(cacheDirectory), HostTools.runner(cacheDirectory.resolve("logs/jlink.log")),
                PROGRESS::add);
    }

    private static String readelfMachine(Path file) throws IOException, InterruptedException {
        String out = HostTools.run(List.of("readelf", "-h", file.toString()), file.getParent());
        return out.lines().filter(l -> l.trim().startsWith("Machine:")).map(l -> l.substring(l.indexOf(':') + 1)
                .trim()).findFirst().orElse("none");
    }

    private static String readelfName(String machine) {
        return machine.equals("aarch64") ? "AArch64" : "Advanced Micro Devices X86-64";
    }

    @Test
    void theRuntimeIsOfTheTargetMachineWithoutAClassDataSharingArchive() throws Exception {
        assertEquals(readelfName(machine), readelfMachine(runtime.directory().resolve("bin/java")));
        assertEquals(readelfName(machine), readelfMachine(runtime.directory().resolve("lib/server/libjvm.so")));
        assertFalse(runtime.cds(), "making an archive runs the target's java, which cannot run here");
        assertFalse(Files.exists(runtime.directory().resolve("lib/server/classes.jsa")));
        String release = Files.readString(runtime.directory().resolve("release"));
        assertTrue(release.contains("JAVA_VERSION=\"" + target.release().get("JAVA_VERSION") + "\""), release);
        String log = Files.readString(cacheDirectory.resolve("logs/jlink.log"));
        assertTrue(log.contains("--module-path " + target.home().resolve("jmods")), log);
        assertFalse(log.contains("Unable to recognise the format"), "the host's objcopy was used: " + log);
    }

    @Test
    void aSecondBuildIsACacheHit() throws Exception {
        List<String> progress = new ArrayList<>();
        JlinkRuntime.Runtime again = new JlinkRuntime().build(linker, target, List.of("java.base"), machine,
                ClassDataSharing.ON, new BuildCache(cacheDirectory), HostTools.runner(temp.resolve("log")),
                progress::add);
        assertEquals(runtime.cacheKey(), again.cacheKey());
        assertTrue(progress.get(0).contains("up to date"), progress.toString());
    }

    @Test
    void theNativeLibrariesComeFromTheSysrootAndAreOfTheTargetMachine() throws Exception {
        Path sysroot = RuntimeSettings.DEFAULT_SYSROOTS.resolve(machine);
        FileTree tree = new DirectoryImporter().importInto(new FileTree(),
                DirectoryImport.of(runtime.directory(), "/opt/java"));
        List<NativeLibrary> added = new NativeDependencies(sysroot).addTo(tree, machine);
        List<String> paths = added.stream().map(NativeLibrary::path).toList();
        String loader = machine.equals("aarch64") ? "/lib/ld-linux-aarch64.so.1" : "/lib64/ld-linux-x86-64.so.2";
        assertEquals(loader, paths.get(0), paths.toString());
        assertTrue(paths.contains("/lib/" + machine + "-linux-gnu/libc.so.6"), paths.toString());
        assertTrue(paths.contains("/lib/" + machine + "-linux-gnu/libz.so.1"), paths.toString());
        for (NativeLibrary library : added) {
            assertTrue(library.origin().startsWith(sysroot.toString()), library + " is not from " + sysroot);
            assertEquals(readelfName(machine), readelfMachine(Path.of(library.origin())), library.toString());
            assertEquals(HostTools.sha256(Path.of(library.origin())), library.sha256());
        }
    }

    @Test
    void aMissingSysrootSaysHowToFillIt() throws Exception {
        FileTree tree = new DirectoryImporter().importInto(new FileTree(),
                DirectoryImport.of(runtime.directory(), "/opt/java"));
        Path nowhere = temp.resolve("no-sysroot");
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new NativeDependencies(nowhere).addTo(tree, machine));
        assertTrue(e.getMessage().contains(nowhere + ", which does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get download libc6:"), e.getMessage());
    }

    @Test
    void aJdkOfAnotherReleaseIsRefusedBeforeJlinkRuns() {
        Jdk newer = new Jdk(temp, Map.of("JAVA_VERSION", "21.0.5", "OS_ARCH", machine), "newer");
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> JlinkRuntime.checkLinkable(linker, newer, machine));
        assertTrue(e.getMessage().contains("is Java 21.0.5"), e.getMessage());
        assertTrue(e.getMessage().contains("jlink links only jmods of its own release (17.0)"), e.getMessage());
        assertTrue(e.getMessage().contains("give a JDK 17 for " + machine), e.getMessage());
    }

    @Test
    void aJdkOfAnotherMachineIsRefused() {
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> JlinkRuntime.checkLinkable(linker, linker, machine));
        assertTrue(e.getMessage().contains("is for " + linker.machine() + " (its release file's OS_ARCH), not "
                + machine), e.getMessage());
    }

    @Test
    void theJdkOfEachMachine() throws IOException {
        RuntimeSettings none = new RuntimeSettings(linker.home(), List.of(), List.of(), null);
        assertSame(linker, none.jdkFor(linker.machine(), linker));
        MissingJdkException e = assertThrows(MissingJdkException.class, () -> none.jdkFor(machine, linker, temp));
        assertEquals(machine, e.machine());
        String place = temp.resolve("jdk-17-linux-" + MissingJdkException.debianName(machine)).toString();
        assertTrue(e.getMessage().contains("no JDK is given for " + machine + " and there is none at " + place),
                e.getMessage());
        assertTrue(e.getMessage().contains("openjdk-17-jdk-headless:"), e.getMessage());
        assertTrue(e.getMessage().contains("dpkg-deb -x"), e.getMessage());

        // unnamed, the JDK in the default place (where dev/install-tools unpacks Debian's) is taken
        Files.createSymbolicLink(Path.of(place), target.home());
        assertEquals(Path.of(place), none.jdkFor(machine, linker, temp).home());

        RuntimeSettings named = new RuntimeSettings(linker.home(), Map.of(machine, target.home()), Map.of(),
                List.of(), List.of(), null);
        assertEquals(target.home(), named.jdkFor(machine, linker).home());
        assertEquals(Path.of("/"), named.sysrootFor(linker.machine(), linker.machine()));
        assertEquals(RuntimeSettings.DEFAULT_SYSROOTS.resolve(machine), named.sysrootFor(machine,
                linker.machine()));
        RuntimeSettings sysroot = new RuntimeSettings(linker.home(), Map.of(), Map.of(machine, temp), List.of(),
                List.of(), null);
        assertEquals(temp, sysroot.sysrootFor(machine, linker.machine()));
    }

    @Test
    void linksInASysrootStayInIt() throws Exception {
        // an absolute link in the sysroot names the target machine's path, not the build machine's
        Path sysroot = temp.resolve("sysroot");
        Path real = Files.createDirectories(sysroot.resolve("usr/lib/" + machine + "-linux-gnu"));
        Path lib = HostTools.sharedLibrary(temp.resolve("build"), "libonly.so", "libonly.so.1",
                "int only(void) { return 1; }\n");
        Files.copy(lib, real.resolve("libonly.so.1.0"));
        Files.createDirectories(sysroot.resolve("lib"));
        Files.createSymbolicLink(sysroot.resolve("lib/" + machine + "-linux-gnu"),
                Path.of("/usr/lib/" + machine + "-linux-gnu"));
        Files.createSymbolicLink(real.resolve("libonly.so.1"), Path.of("../../../usr/lib/" + machine
                + "-linux-gnu/libonly.so.1.0"));
        Path needer = HostTools.sharedLibrary(temp.resolve("build"), "libneeder.so", "libneeder.so",
                "extern int only(void);\nint n(void) { return only(); }\n", "-lonly");
        FileTree tree = new FileTree().addFile("/opt/app/libneeder.so",
                io.kimigayo.rootfs.tree.Content.of(needer), 0755, 0, 0);
        List<NativeLibrary> added = new NativeDependencies(sysroot).addTo(tree, machine);
        assertEquals(1, added.size(), added.toString());
        assertEquals("/lib/" + machine + "-linux-gnu/libonly.so.1", added.get(0).path());
        assertEquals(real.resolve("libonly.so.1.0").toString(), added.get(0).origin());
    }
}
