package io.kimigayo.rootfs.recipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled BusyBox, cached: the binary, the {@code .config} it was built with, and the applet paths the binary
 * itself lists ({@code busybox --list-full}).
 */
public record BusyboxBuild(Path entry) {

    public Path binary() {
        return entry.resolve("busybox");
    }

    public Path config() {
        return entry.resolve("busybox.config");
    }

    /** Applet paths relative to the root, such as {@code bin/ls} and {@code usr/bin/[}. */
    public List<String> appletPaths() throws IOException {
        return Files.readAllLines(entry.resolve("busybox.links")).stream().filter(l -> !l.isBlank()).toList();
    }
}
