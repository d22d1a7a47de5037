package io.kimigayo.app.java;

import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.elf.ElfFile;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NativeDependencies} on small ELF files compiled here with gcc (without the C library, so each needs exactly
 * the libraries the test links it against), with a fake build machine: a directory given as the host root.
 */
class NativeDependenciesTest {

    private static final String ARCH = "x86_64";
    private static final String MULTIARCH = "/lib/x86_64-linux-gnu";

    @TempDir
    Path temp;

    private Path scratch;
    private Path host;

    @BeforeEach
    void setUp() throws IOException {
        scratch = Files.createDirectories(temp.resolve("scratch"));
        host = Files.createDirectories(temp.resolve("host"));
    }

    /** Puts a file on the fake build machine. */
    private Path onHost(String path, Path file) throws IOException {
        Path target = host.resolve(path.substring(1));
        Files.createDirectories(target.getParent());
        return Files.copy(file, target);
    }

    private static FileTree treeWith(String path, Path file) {
        return new FileTree().addFile(path, Content.of(file), 0755, 0, 0);
    }

    private static byte[] bytes(TreeEntry entry) throws IOException {
        try (InputStream in = ((TreeEntry.RegularFile) entry).content().open()) {
            return in.readAllBytes();
        }
    }

    private static List<String> paths(List<NativeLibrary> libraries) {
        return libraries.stream().map(NativeLibrary::path).toList();
    }

    /** A library defining {@code fn}, built as {@code scratch/<fileName>}. */
    private Path library(String fileName, String soname, String fn, String... linkFlags)
            throws IOException, InterruptedException {
        return HostTools.sharedLibrary(scratch, fileName, soname, "int " + fn + "(void) { return 1; }\n", linkFlags);
    }

    /** A library calling each of {@code calls}, linked with {@code linkFlags}. */
    private Path caller(Path dir, String fileName, String soname, List<String> calls, String... linkFlags)
            throws IOException, InterruptedException {
        StringBuilder code = new StringBuilder();
        calls.forEach(c -> code.append("extern int ").append(c).append("(void);\n"));
        code.append("int ").append(fileName.replaceAll("[^a-z]", "_")).append("_use(void) { return 0");
        calls.forEach(c -> code.append(" + ").append(c).append("()"));
        code.append("; }\n");
        return HostTools.sharedLibrary(dir, fileName, soname, code.toString(), linkFlags);
    }

    @Test
    void libraryFoundNowhereFailsNamingItAndTheFileNeedingIt() throws Exception {
        library("libmissing.so", "libmissing.so", "missing_fn");
        library("libalso.so", "libalso.so.3", "also_fn");
        Path needer = caller(scratch, "libneeder.so", "libneeder.so", List.of("missing_fn", "also_fn"),
                "-lmissing", "-lalso");
        assertEquals(List.of("libmissing.so", "libalso.so.3"), ElfFile.read(needer).dynamic().needed(),
                "fixture: the library needs both");
        FileTree tree = treeWith("/opt/app/lib/libneeder.so", needer);
        List<TreePath> before = tree.paths();

        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new NativeDependencies(host).addTo(tree, ARCH));

        assertTrue(e.getMessage().contains("libmissing.so (needed by /opt/app/lib/libneeder.so)"), e.getMessage());
        assertTrue(e.getMessage().contains("libalso.so.3 (needed by /opt/app/lib/libneeder.so)"),
                "every missing library is named, not just the first: " + e.getMessage());
        assertTrue(e.getMessage().contains("Install them"), "says what to do: " + e.getMessage());
        assertEquals(before, tree.paths());
    }

    @Test
    void onlyTheGivenHostRootIsSearched() throws Exception {
        assertTrue(Files.isRegularFile(Path.of(MULTIARCH, "libz.so.1")), "the build machine has zlib");
        library("libzfake.so", "libz.so.1", "zfake_fn");
        Path needer = caller(scratch, "libneeder.so", "libneeder.so", List.of("zfake_fn"), "-lzfake");

        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new NativeDependencies(host).addTo(treeWith("/opt/app/lib/libneeder.so", needer), ARCH));
        assertTrue(e.getMessage().contains("libz.so.1 (needed by /opt/app/lib/libneeder.so)"), e.getMessage());

        FileTree tree = treeWith("/opt/app/lib/libneeder.so", needer);
        List<NativeLibrary> added = new NativeDependencies(Path.of("/")).addTo(tree, ARCH);
        // the real zlib needs libc.so.6, and glibc's libc.so.6 asks for the loader as its PT_INTERP
        assertEquals(List.of(MULTIARCH + "/libz.so.1", MULTIARCH + "/libc.so.6", "/lib64/ld-linux-x86-64.so.2"),
                paths(added), "the real machine has them");
        Path real = Path.of(MULTIARCH, "libz.so.1").toRealPath();
        assertEquals(new NativeLibrary(MULTIARCH + "/libz.so.1", real.toString(), HostTools.sha256(real),
                "/opt/app/lib/libneeder.so"), added.get(0));
        assertEquals(MULTIARCH + "/libz.so.1", added.get(1).neededBy());
        assertEquals(MULTIARCH + "/libc.so.6", added.get(2).neededBy());
    }

    @Test
    void librariesFromTheHostAreAddedWithDigestOriginAndWhoNeedsThem() throws Exception {
        library("libdeep.so", "libdeep.so.2", "deep_fn");
        Path libhost = caller(scratch, "libhost.so", "libhost.so.1", List.of("deep_fn"), "-ldeep");
        Path needer = caller(scratch, "libneeder.so", "libneeder.so", List.of("libhost_so_use"), "-lhost");
        Path hostLib = onHost("/usr/lib/x86_64-linux-gnu/libhost.so.1.0.0", libhost);
        Files.createSymbolicLink(host.resolve("usr/lib/x86_64-linux-gnu/libhost.so.1"),
                Path.of("libhost.so.1.0.0"));
        Path hostDeep = onHost("/lib64/libdeep.so.2", scratch.resolve("libdeep.so"));
        FileTree tree = treeWith("/opt/app/lib/libneeder.so", needer);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(tree, ARCH);

        assertEquals(List.of(
                new NativeLibrary("/usr/lib/x86_64-linux-gnu/libhost.so.1", hostLib.toRealPath().toString(),
                        HostTools.sha256(hostLib), "/opt/app/lib/libneeder.so"),
                new NativeLibrary("/lib64/libdeep.so.2", hostDeep.toRealPath().toString(),
                        HostTools.sha256(hostDeep), "/usr/lib/x86_64-linux-gnu/libhost.so.1")), added);
        TreeEntry entry = tree.get("/usr/lib/x86_64-linux-gnu/libhost.so.1").orElseThrow();
        assertInstanceOf(TreeEntry.RegularFile.class, entry, "a host symlink becomes the file it points to");
        assertEquals(0755, entry.mode());
        assertEquals(0, entry.uid());
        assertEquals(0, entry.gid());
        assertArrayEquals(Files.readAllBytes(libhost), bytes(entry));
        assertArrayEquals(Files.readAllBytes(hostDeep), bytes(tree.get("/lib64/libdeep.so.2").orElseThrow()));
        assertEquals(List.of(), new NativeDependencies(host).addTo(tree, ARCH),
                "the result needs nothing more: a second pass adds nothing");
    }

    @Test
    void systemDirectoriesAreSearchedInTheLoadersOrder() throws Exception {
        Path libhost = library("libhost.so", "libhost.so.1", "host_fn");
        Path needer = caller(scratch, "libneeder.so", "libneeder.so", List.of("host_fn"), "-lhost");
        onHost("/usr/lib/libhost.so.1", libhost);
        onHost("/usr/lib64/libhost.so.1", libhost);
        onHost(MULTIARCH + "/libhost.so.1", libhost);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(treeWith("/opt/app/lib/libneeder.so", needer),
                ARCH);
        assertEquals(List.of(MULTIARCH + "/libhost.so.1"), paths(added));
        assertEquals(List.of(MULTIARCH, "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"),
                NativeDependencies.systemDirectories(ARCH));
        assertEquals("/lib/aarch64-linux-gnu", NativeDependencies.systemDirectories("aarch64").get(0));
    }

    @Test
    void aLibraryAlreadyLoadedUnderItsSonameIsNotLookedUp() throws Exception {
        // libjvm.so style: the tree holds a library with this SONAME somewhere no search path reaches.
        Path provider = library("libprovider.so", "libprovider.so", "provider_fn");
        Path needer = caller(scratch, "libneeder.so", "libneeder.so", List.of("provider_fn"), "-lprovider");
        onHost(MULTIARCH + "/libprovider.so", provider);
        FileTree tree = treeWith("/opt/app/lib/libneeder.so", needer);
        tree.addFile("/opt/app/lib/server/libprovider.so", Content.of(provider), 0755, 0, 0);

        assertEquals(List.of(), new NativeDependencies(host).addTo(tree, ARCH));
        assertFalse(tree.get(MULTIARCH + "/libprovider.so").isPresent(), "the host's copy was not taken");
    }

    @Test
    void theInterpreterIsTakenFromTheHostAndCountsAsLoaded() throws Exception {
        Path loader = library("ld-test.so.1", "ld-test.so.1", "loader_fn");
        // like libjvm.so, which names ld-linux-x86-64.so.2 in DT_NEEDED
        Path libhost = caller(scratch, "libhost.so", "libhost.so.1", List.of("loader_fn"), "-l:ld-test.so.1");
        Path program = HostTools.executable(scratch, "prog", "/lib/ld-test.so.1",
                "int libhost_so_use(void);\nvoid _start(void) { libhost_so_use(); for (;;) { } }\n", "-lhost");
        assertEquals(Optional.of("/lib/ld-test.so.1"), ElfFile.read(program).interpreter(), "fixture");
        assertEquals(List.of("ld-test.so.1"), ElfFile.read(libhost).dynamic().needed(), "fixture");
        Path hostLoader = onHost("/lib/ld-test.so.1", loader);
        onHost(MULTIARCH + "/libhost.so.1", libhost);
        FileTree tree = treeWith("/opt/app/bin/prog", program);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(tree, ARCH);

        assertEquals(List.of("/lib/ld-test.so.1", MULTIARCH + "/libhost.so.1"), paths(added));
        assertEquals(new NativeLibrary("/lib/ld-test.so.1", hostLoader.toRealPath().toString(),
                HostTools.sha256(hostLoader), "/opt/app/bin/prog"), added.get(0));
        assertTrue(tree.get("/lib/ld-test.so.1").isPresent());
        assertFalse(tree.get(MULTIARCH + "/ld-test.so.1").isPresent(),
                "the loader's file name satisfies DT_NEEDED ld-test.so.1");
    }

    @Test
    void anInterpreterInTheTreeIsNotTakenFromTheHost() throws Exception {
        Path loader = library("ld-test.so", "ld-test.so.1", "loader_fn");
        Path program = HostTools.executable(scratch, "prog", "/lib/ld-test.so.1",
                "void _start(void) { for (;;) { } }\n");
        onHost("/lib/ld-test.so.1", loader);
        FileTree tree = treeWith("/opt/app/bin/prog", program);
        tree.addFile("/lib/ld-test.so.1", Content.of(loader), 0755, 0, 0);

        assertEquals(List.of(), new NativeDependencies(host).addTo(tree, ARCH));
    }

    @Test
    void aMissingInterpreterFailsNamingItAndTheProgram() throws Exception {
        Path program = HostTools.executable(scratch, "prog", "/lib/ld-nowhere.so.1",
                "void _start(void) { for (;;) { } }\n");
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new NativeDependencies(host).addTo(treeWith("/opt/app/bin/prog", program), ARCH));
        assertTrue(e.getMessage().contains("/lib/ld-nowhere.so.1"), e.getMessage());
        assertTrue(e.getMessage().contains("/opt/app/bin/prog"), e.getMessage());
    }

    /** A tree with a library and, later in path order, a program using {@code interpreter}; both need a library
     * that exists nowhere. */
    private FileTree treeNeedingTheUnfindable(String interpreter) throws Exception {
        library("libmissing.so", "libmissing.so", "missing_fn");
        Path lib = caller(scratch, "libneeder.so", "libneeder.so", List.of("missing_fn"), "-lmissing");
        Path program = HostTools.executable(scratch, "prog-" + interpreter.replace('/', '_'), interpreter,
                "extern int missing_fn(void);\nvoid _start(void) { missing_fn(); for (;;) { } }\n", "-lmissing");
        assertEquals(Optional.of(interpreter), ElfFile.read(program).interpreter(), "fixture");
        return treeWith("/opt/app/lib/libneeder.so", lib).addFile("/opt/app/sbin/prog", Content.of(program),
                0755, 0, 0);
    }

    @Test
    void aMuslLinkedRuntimeGetsNothing() throws Exception {
        FileTree tree = treeNeedingTheUnfindable("/lib/ld-musl-x86_64.so.1");
        List<TreePath> before = tree.paths();

        assertEquals(List.of(), new NativeDependencies(host).addTo(tree, ARCH));
        assertEquals(before, tree.paths(), "nothing added, not even the loader");
        assertEquals(List.of(), new NativeDependencies(Path.of("/")).addTo(tree, ARCH));
    }

    @Test
    void theSameTreeWithTheGlibcLoaderIsResolved() throws Exception {
        // The control for the musl test: only the interpreter differs, and now the libraries are looked for.
        FileTree tree = treeNeedingTheUnfindable("/lib64/ld-linux-x86-64.so.2");
        onHost("/lib64/ld-linux-x86-64.so.2", library("ld-fake.so", "ld-linux-x86-64.so.2", "loader_fn"));
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new NativeDependencies(host).addTo(tree, ARCH));
        assertTrue(e.getMessage().contains("libmissing.so (needed by /opt/app/lib/libneeder.so)"), e.getMessage());
        assertTrue(e.getMessage().contains("libmissing.so (needed by /opt/app/sbin/prog)"), e.getMessage());
    }

    @Test
    void filesThatAreNotElfAreIgnored() throws Exception {
        Path script = Files.writeString(temp.resolve("script"), "#!/bin/sh\necho hi\n");
        FileTree tree = treeWith("/opt/app/bin/script", script);
        tree.addFile("/opt/app/lib/empty.so", Content.of(new byte[0]), 0644, 0, 0);
        tree.addSymlink("/opt/app/bin/link", "script", 0, 0);
        assertEquals(List.of(), new NativeDependencies(host).addTo(tree, ARCH));
        assertEquals(List.of(), new NativeDependencies(host).addTo(new FileTree(), ARCH));
    }

    /**
     * A plugin library at /opt/app/plugins with a search path of {@code searchPath} that reaches /opt/app/lib,
     * needing libdep.so (no SONAME, so only the search path finds it in the tree), which needs libhostonly.so.1.
     */
    private Path plugin(String searchPath, String dtags) throws Exception {
        library("libhostonly.so", "libhostonly.so.1", "hostonly_fn");
        caller(scratch, "libdep.so", null, List.of("hostonly_fn"), "-lhostonly");
        return caller(scratch, "libplugin.so", "libplugin.so", List.of("libdep_so_use"), "-ldep",
                "-Wl,-rpath," + searchPath, "-Wl," + dtags);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$ORIGIN/../lib | --enable-new-dtags | RUNPATH",
            "$ORIGIN/../lib | --disable-new-dtags | RPATH",
            "${ORIGIN}/../lib | --enable-new-dtags | RUNPATH",
            "/nonexistent:$ORIGIN/../lib | --enable-new-dtags | RUNPATH",
            "/opt/app/lib | --disable-new-dtags | RPATH"})
    void theSearchPathInsideTheTreeWinsOverTheHost(String searchPath, String dtags, String kind) throws Exception {
        Path plugin = plugin(searchPath, dtags);
        ElfFile elf = ElfFile.read(plugin);
        assertEquals(Optional.of(searchPath), kind.equals("RUNPATH") ? elf.dynamic().runpath() : elf.dynamic().rpath(),
                "fixture: the search path is a " + kind);
        assertEquals(List.of("libdep.so"), elf.dynamic().needed(), "fixture");
        Path otherDep = HostTools.sharedLibrary(temp.resolve("other"), "libdep.so", null,
                "int libdep_so_use(void) { return 42; }\n");
        Path hostDep = onHost(MULTIARCH + "/libdep.so", otherDep);
        Path hostOnly = onHost(MULTIARCH + "/libhostonly.so.1", scratch.resolve("libhostonly.so"));
        FileTree tree = treeWith("/opt/app/plugins/libplugin.so", plugin)
                .addFile("/opt/app/lib/libdep.so", Content.of(scratch.resolve("libdep.so")), 0755, 0, 0);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(tree, ARCH);

        assertEquals(List.of(new NativeLibrary(MULTIARCH + "/libhostonly.so.1", hostOnly.toRealPath().toString(),
                HostTools.sha256(hostOnly), "/opt/app/lib/libdep.so")), added,
                "libdep.so comes from the tree; what it needs is looked up in turn");
        assertFalse(tree.get(MULTIARCH + "/libdep.so").isPresent(), "the host's libdep.so was not taken");

        // The control: without the tree's copy, the host's libdep.so is the one found.
        FileTree without = treeWith("/opt/app/plugins/libplugin.so", plugin);
        List<NativeLibrary> fromHost = new NativeDependencies(host).addTo(without, ARCH);
        assertEquals(List.of(new NativeLibrary(MULTIARCH + "/libdep.so", hostDep.toRealPath().toString(),
                HostTools.sha256(hostDep), "/opt/app/plugins/libplugin.so")), fromHost);
    }

    @Test
    void aLibraryInTheTreeOffTheSearchPathIsNotUsed() throws Exception {
        // The RUNPATH points nowhere useful and the tree's libdep.so is in no directory the loader searches, so the
        // loader in the image would not find it: the host's libdep.so is added at a system directory.
        Path plugin = plugin("/nonexistent", "--enable-new-dtags");
        assertTrue(ElfFile.read(plugin).dynamic().runpath().isPresent(), "fixture");
        Path hostDep = onHost(MULTIARCH + "/libdep.so", scratch.resolve("libdep.so"));
        onHost(MULTIARCH + "/libhostonly.so.1", scratch.resolve("libhostonly.so"));
        FileTree tree = treeWith("/opt/app/plugins/libplugin.so", plugin)
                .addFile("/opt/app/other/libdep.so", Content.of(scratch.resolve("libdep.so")), 0755, 0, 0);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(tree, ARCH);
        // every ELF file of the tree is looked at, in path order: /opt/app/other/libdep.so comes first
        assertEquals(List.of(MULTIARCH + "/libhostonly.so.1", MULTIARCH + "/libdep.so"), paths(added));
        assertEquals("/opt/app/other/libdep.so", added.get(0).neededBy());
        assertEquals("/opt/app/plugins/libplugin.so", added.get(1).neededBy());
        assertEquals(hostDep.toRealPath().toString(), added.get(1).origin());
        assertArrayEquals(Files.readAllBytes(hostDep), bytes(tree.get(MULTIARCH + "/libdep.so").orElseThrow()));
    }
}
