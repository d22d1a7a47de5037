package io.kimigayo.app.java;

import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Libraries the tree holds behind a symlink or a hard link are found there, as the loader finds them. */
class NativeDependenciesLinksTest {

    @TempDir
    Path temp;

    /** libplugin.so (RUNPATH $ORIGIN) needs libdep.so.1; libdep's file is libdep.so.1.0 and needs libhostonly.so.1. */
    private FileTree tree(Path host) throws Exception {
        Path s = temp.resolve("scratch");
        HostTools.sharedLibrary(s, "libhostonly.so", "libhostonly.so.1", "int hostonly_fn(void) { return 1; }\n");
        HostTools.sharedLibrary(s, "libdep.so", "libdep.so.1", "int dep_fn(void) { return 1; }\n");
        Path plugin = HostTools.sharedLibrary(s, "libplugin.so", "libplugin.so",
                "extern int dep_fn(void);\nint p(void) { return dep_fn(); }\n", "-ldep", "-Wl,-rpath,$ORIGIN",
                "-Wl,--enable-new-dtags");
        // the same library without a SONAME, so only the link in the tree can make it found
        Path dep = HostTools.sharedLibrary(temp.resolve("real"), "libdep.so.1.0", null,
                "extern int hostonly_fn(void);\nint dep_fn(void) { return hostonly_fn(); }\n",
                "-L" + s, "-lhostonly");
        Path hostOnly = host.resolve("lib/x86_64-linux-gnu/libhostonly.so.1");
        Files.createDirectories(hostOnly.getParent());
        Files.copy(s.resolve("libhostonly.so"), hostOnly);
        return new FileTree().addFile("/opt/app/lib/libplugin.so", Content.of(plugin), 0755, 0, 0)
                .addFile("/opt/app/lib/libdep.so.1.0", Content.of(dep), 0755, 0, 0);
    }

    @Test
    void aLibraryBehindASymlinkInTheTreeIsFollowed() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host"));
        FileTree tree = tree(host).addSymlink("/opt/app/lib/libdep.so.1", "libdep.so.1.0", 0, 0);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(tree, "x86_64");

        assertEquals(List.of("/lib/x86_64-linux-gnu/libhostonly.so.1"), added.stream().map(NativeLibrary::path)
                .toList(), "libdep.so.1 resolves in the tree, and what its file needs is added");
        assertEquals("/opt/app/lib/libdep.so.1.0", added.get(0).neededBy());
    }

    @Test
    void aLibraryBehindAHardLinkInTheTreeIsFollowed() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host"));
        FileTree tree = tree(host).addHardlink("/opt/app/lib/libdep.so.1", "/opt/app/lib/libdep.so.1.0", 0, 0);

        List<NativeLibrary> added = new NativeDependencies(host).addTo(tree, "x86_64");

        assertEquals(List.of("/lib/x86_64-linux-gnu/libhostonly.so.1"), added.stream().map(NativeLibrary::path)
                .toList());
        assertEquals(TreePath.of("/opt/app/lib/libdep.so.1.0"), TreePath.of(added.get(0).neededBy()));
    }
}
