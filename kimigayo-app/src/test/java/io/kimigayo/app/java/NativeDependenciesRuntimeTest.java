package io.kimigayo.app.java;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.elf.ElfFile;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NativeDependencies} on a real jlink'd java.base runtime of the running (glibc) JDK, imported at /opt/java
 * as the application image builder does; the result is unpacked and run under chroot.
 */
class NativeDependenciesRuntimeTest {

    private static final String JAVA_HOME = "/opt/java";
    private static final String MULTIARCH = "/lib/x86_64-linux-gnu";

    @TempDir
    static Path cacheDirectory;

    @TempDir
    Path temp;

    private static Jdk jdk;
    private static Path runtime;

    @BeforeAll
    static void jlinkJavaBase() throws IOException {
        jdk = Jdk.at(HostTools.javaHome());
        runtime = new JlinkRuntime().build(jdk, List.of("java.base"), "x86_64", new BuildCache(cacheDirectory),
                HostTools.runner(cacheDirectory.resolve("jlink.log")), line -> { }).directory();
    }

    private static FileTree runtimeTree() throws IOException {
        return new DirectoryImporter().importInto(new FileTree(), DirectoryImport.of(runtime, JAVA_HOME));
    }

    private static Map<String, NativeLibrary> byPath(List<NativeLibrary> libraries) {
        return libraries.stream().collect(Collectors.toMap(NativeLibrary::path, Function.identity()));
    }

    @Test
    void addsTheLoaderAndTheGlibcLibrariesTheRuntimeNeeds() throws IOException {
        FileTree tree = runtimeTree();
        List<NativeLibrary> added = new NativeDependencies(Path.of("/")).addTo(tree, "x86_64");
        Map<String, NativeLibrary> libraries = byPath(added);
        assertEquals(added.size(), libraries.size(), "each library once: " + added);

        NativeLibrary loader = libraries.get("/lib64/ld-linux-x86-64.so.2");
        assertTrue(loader != null, "the dynamic loader: " + libraries.keySet());
        assertEquals(JAVA_HOME + "/bin/java", loader.neededBy());
        assertEquals("/opt/java/bin/java", libraries.get(MULTIARCH + "/libc.so.6").neededBy(),
                "the first file needing libc is the launcher");
        assertEquals(JAVA_HOME + "/bin/java", libraries.get(MULTIARCH + "/libz.so.1").neededBy());
        for (String name : List.of("libm.so.6", "libgcc_s.so.1")) {
            assertTrue(libraries.containsKey(MULTIARCH + "/" + name), name + " in " + libraries.keySet());
        }
        assertEquals(Set.of("/lib64/ld-linux-x86-64.so.2", MULTIARCH + "/libc.so.6", MULTIARCH + "/libz.so.1",
                MULTIARCH + "/libstdc++.so.6", MULTIARCH + "/libm.so.6", MULTIARCH + "/libgcc_s.so.1"),
                libraries.keySet(), "exactly what java.base's ELF files need");

        for (NativeLibrary library : added) {
            Path origin = Path.of(library.origin());
            assertEquals(origin.toRealPath(), origin, "the origin is the real file, not a symlink: " + library);
            assertTrue(Files.isSameFile(Path.of(library.path()), origin), library.toString());
            assertEquals(HostTools.sha256(origin), library.sha256(), library.toString());
            TreeEntry.RegularFile needer = (TreeEntry.RegularFile) tree.get(library.neededBy()).orElseThrow();
            ElfFile elf = ElfFile.read(library.neededBy(), needer.content());
            String name = TreePath.of(library.path()).fileName();
            assertTrue(elf.dynamic().needed().contains(name) || elf.interpreter().equals(Optional.of(library.path())),
                    library.neededBy() + " names " + name + " in DT_NEEDED or PT_INTERP");
            TreeEntry entry = tree.get(library.path()).orElseThrow();
            assertInstanceOf(TreeEntry.RegularFile.class, entry, library.path());
            assertEquals(Files.size(origin), ((TreeEntry.RegularFile) entry).content().size());
        }
    }

    @Test
    void libjvmIsFoundThroughItsSonameNotAdded() throws IOException {
        FileTree tree = runtimeTree();
        ElfFile libjava = ElfFile.read(runtime.resolve("lib/libjava.so"));
        assertTrue(libjava.dynamic().needed().contains("libjvm.so"), "fixture: libjava.so needs libjvm.so");
        assertFalse(Files.exists(runtime.resolve("lib/libjvm.so")), "fixture: not beside it ($ORIGIN)");
        for (String dir : NativeDependencies.systemDirectories("x86_64")) {
            assertFalse(Files.exists(Path.of(dir, "libjvm.so")), "fixture: not in " + dir);
        }
        List<TreePath> before = tree.paths();

        List<NativeLibrary> added = new NativeDependencies(Path.of("/")).addTo(tree, "x86_64");

        assertTrue(added.stream().noneMatch(l -> l.path().endsWith("/libjvm.so")), added.toString());
        List<TreePath> libjvms = tree.paths().stream().filter(p -> p.fileName().equals("libjvm.so")).toList();
        assertEquals(List.of(TreePath.of(JAVA_HOME + "/lib/server/libjvm.so")), libjvms);
        assertTrue(tree.paths().containsAll(before), "nothing of the runtime is dropped");
        Set<String> addedPaths = new HashSet<>();
        added.forEach(l -> addedPaths.add(l.path()));
        for (TreePath path : tree.paths()) {
            if (!before.contains(path) && !addedPaths.contains(path.toString())) {
                assertTrue(tree.get(path).orElseThrow().isDirectory(), "only the libraries and their directories"
                        + " are new: " + path);
            }
        }
    }

    /** What the host's ldd resolves for every ELF file of the runtime, outside the runtime: the file names. */
    private static Set<String> lddNames(Path dir) throws IOException, InterruptedException {
        Pattern arrow = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x");
        Pattern bare = Pattern.compile("^\\s*(/\\S+) \\(0x");
        Set<String> names = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            if (!ElfFile.isElf(Content.of(file))) {
                continue;
            }
            for (String line : HostTools.run(List.of("ldd", file.toString()), dir).split("\n")) {
                Matcher m = arrow.matcher(line);
                Matcher b = bare.matcher(line);
                String resolved = m.find() ? m.group(2) : b.find() ? b.group(1) : null;
                if (resolved != null && !resolved.startsWith(dir.toString())) {
                    names.add(Path.of(resolved).getFileName().toString());
                }
            }
        }
        return names;
    }

    @Test
    void agreesWithTheHostsLdd() throws IOException, InterruptedException {
        List<NativeLibrary> added = new NativeDependencies(Path.of("/")).addTo(runtimeTree(), "x86_64");
        Set<String> ours = new TreeSet<>();
        added.forEach(l -> ours.add(TreePath.of(l.path()).fileName()));
        assertEquals(lddNames(runtime), ours);
    }

    private static Path helloClasses(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("Hello.java"), "public class Hello { public static void main(String[] a)"
                + " throws Exception { System.out.println(\"hello from \" + Runtime.version() + \" \""
                + " + java.nio.file.Files.readString(java.nio.file.Path.of(\"/app/greeting.txt\"))); } }");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "--release", "17", "-d",
                classes.toString(), src.resolve("Hello.java").toString());
        assertEquals(0, rc, errors.toString(StandardCharsets.UTF_8));
        return classes.resolve("Hello.class");
    }

    /** Writes the tree with TarWriter and unpacks it with the host's tar into a new directory. */
    private Path unpack(FileTree tree, String name) throws IOException, InterruptedException {
        Path tar = temp.resolve(name + ".tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            new TarWriter().write(tree, Instant.parse("2026-01-01T00:00:00Z"), out);
        }
        Path root = Files.createDirectories(temp.resolve(name));
        HostTools.run(List.of("tar", "-xf", tar.toString(), "-C", root.toString()), temp);
        Files.createDirectories(root.resolve("proc"));
        return root;
    }

    /** Runs a command under chroot with /proc mounted (the java launcher finds libjli.so through /proc/self/exe). */
    private HostTools.Outcome chroot(Path root, String... command) throws IOException, InterruptedException {
        HostTools.run(List.of("mount", "-t", "proc", "proc", root.resolve("proc").toString()), temp);
        try {
            List<String> full = new ArrayList<>(List.of("chroot", root.toString()));
            full.addAll(List.of(command));
            return HostTools.exec(full, temp);
        } finally {
            HostTools.run(List.of("umount", root.resolve("proc").toString()), temp);
        }
    }

    @Test
    void theResultRunsUnderChroot() throws IOException, InterruptedException {
        FileTree tree = runtimeTree();
        new NativeDependencies(Path.of("/")).addTo(tree, "x86_64");
        tree.addFile("/app/Hello.class", Content.of(helloClasses(temp)), 0644, 0, 0);
        tree.addFile("/app/greeting.txt", Content.of("from the image".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0);
        Path root = unpack(tree, "image");
        assertFalse(Files.exists(root.resolve("usr/lib/jvm")), "no JDK in the image");

        HostTools.Outcome version = chroot(root, JAVA_HOME + "/bin/java", "-version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().contains("openjdk version \"" + System.getProperty("java.version") + "\""),
                version.output());
        assertTrue(version.output().contains(jdk.version()), version.output());

        HostTools.Outcome hello = chroot(root, JAVA_HOME + "/bin/java", "-Xshare:off", "-cp", "/app", "Hello");
        assertEquals(0, hello.exitCode(), hello.output());
        assertTrue(hello.output().contains("hello from " + Runtime.version() + " from the image"), hello.output());
        assertFalse(Files.exists(root.resolve("proc/self")), "/proc was unmounted");
    }

    @Test
    void withoutTheAddedLibrariesTheRuntimeDoesNotRun() throws IOException, InterruptedException {
        // The control for the chroot test: the judge can tell a runtime that lacks its libraries.
        Path root = unpack(runtimeTree(), "bare");
        HostTools.Outcome version = chroot(root, JAVA_HOME + "/bin/java", "-version");
        assertNotEquals(0, version.exitCode(), version.output());
        assertFalse(version.output().contains(jdk.version()), version.output());
    }

    @Test
    void aSecondPassOnTheResultAddsNothing() throws IOException {
        FileTree tree = runtimeTree();
        List<NativeLibrary> first = new NativeDependencies(Path.of("/")).addTo(tree, "x86_64");
        assertFalse(first.isEmpty());
        Set<TreePath> after = new HashSet<>(tree.paths());
        assertEquals(List.of(), new NativeDependencies(Path.of("/")).addTo(tree, "x86_64"));
        assertEquals(after, new HashSet<>(tree.paths()));
    }

    @Test
    void theTreesLibrariesAreReadFromTheirOrigin() throws IOException {
        FileTree tree = runtimeTree();
        for (NativeLibrary library : new NativeDependencies(Path.of("/")).addTo(tree, "x86_64")) {
            TreeEntry.RegularFile file = (TreeEntry.RegularFile) tree.get(library.path()).orElseThrow();
            try (InputStream in = file.content().open()) {
                assertArrayEquals(Files.readAllBytes(Path.of(library.origin())), in.readAllBytes(), library.path());
            }
        }
    }
}
