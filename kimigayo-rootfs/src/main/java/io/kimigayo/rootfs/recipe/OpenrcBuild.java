package io.kimigayo.rootfs.recipe;

import java.nio.file.Path;

/**
 * A compiled OpenRC, cached: its installed tree ({@code meson install --strip}, without manual pages and headers)
 * in {@code root/}, with {@code /usr/sbin/openrc}, the {@code /etc/init.d} scripts and {@code /usr/lib/rc}.
 */
public record OpenrcBuild(Path entry) {

    public Path root() {
        return entry.resolve("root");
    }
}
