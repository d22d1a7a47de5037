package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.MuslBuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Build cache entries as the recipes leave them, with placeholder binaries: what the assembler reads of them. */
final class FakeBuilds {

    private FakeBuilds() {
    }

    /** musl's entry at {@code entry}: {@code dest/usr/lib/libc.so} holding {@code libc}, for x86_64. */
    static MuslBuild musl(Path entry, byte[] libc) throws IOException {
        Files.createDirectories(entry.resolve("dest/usr/lib"));
        Files.write(entry.resolve("dest/usr/lib/libc.so"), libc);
        return new MuslBuild(entry, "musl-key", "x86_64");
    }

    /** BusyBox's entry at {@code entry}: the binary, its .config and the list of its applet links. */
    static BusyboxBuild busybox(Path entry, byte[] binary, List<String> links) throws IOException {
        Files.createDirectories(entry);
        Files.write(entry.resolve("busybox"), binary);
        Files.writeString(entry.resolve("busybox.config"), "CONFIG_PIE=y\n");
        Files.writeString(entry.resolve("busybox.links"), String.join("\n", links) + "\n");
        return new BusyboxBuild(entry);
    }

    /** OpenRC's install tree at {@code root}: an executable /etc/init.d script per name, and /usr/sbin/openrc. */
    static Path openrc(Path root, List<String> scripts, String script) throws IOException {
        for (String name : scripts) {
            Path file = Files.createDirectories(root.resolve("etc/init.d")).resolve(name);
            Files.writeString(file, script);
            file.toFile().setExecutable(true);
        }
        Files.createDirectories(root.resolve("usr/sbin"));
        Files.write(root.resolve("usr/sbin/openrc"), new byte[]{0x7f, 'E', 'L', 'F'});
        return root;
    }
}
