package io.kimigayo.kernel.build;

import io.kimigayo.core.process.NativeBuildException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host tools a kernel build needs beyond gcc and make: Kconfig's parser generators, bc for the timer constants,
 * libelf for objtool, and the compressor the configuration picked for the boot image. Missing ones fail the build
 * with the command that installs them.
 */
public final class KernelBuildTools {

    /** Debian package by tool, for the install command. */
    private static final Map<String, String> CONFIGURE = Map.of("flex", "flex", "bison", "bison");

    private KernelBuildTools() {
    }

    /** Checks what configuring needs (flex and bison build Kconfig's parser). */
    public static void checkForConfiguration() throws NativeBuildException {
        List<String> missing = new ArrayList<>();
        CONFIGURE.forEach((tool, pkg) -> {
            if (!onPath(tool)) {
                missing.add(pkg);
            }
        });
        fail(missing);
    }

    /**
     * Checks what compiling a kernel with this final configuration needs.
     *
     * @param configText the final {@code .config}
     */
    public static void checkForBuild(String configText) throws NativeBuildException {
        List<String> missing = new ArrayList<>();
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("bc", "bc");
        tools.put("perl", "perl");
        tools.put("cpio", "cpio");
        Map<String, String[]> compressors = Map.of(
                "CONFIG_KERNEL_GZIP=y", new String[] {"gzip", "gzip"},
                "CONFIG_KERNEL_XZ=y", new String[] {"xz", "xz-utils"},
                "CONFIG_KERNEL_LZMA=y", new String[] {"lzma", "xz-utils"},
                "CONFIG_KERNEL_LZ4=y", new String[] {"lz4", "lz4"},
                "CONFIG_KERNEL_ZSTD=y", new String[] {"zstd", "zstd"},
                "CONFIG_KERNEL_BZIP2=y", new String[] {"bzip2", "bzip2"},
                "CONFIG_KERNEL_LZO=y", new String[] {"lzop", "lzop"});
        compressors.forEach((option, tool) -> {
            if (configText.lines().anyMatch(option::equals)) {
                tools.put(tool[0], tool[1]);
            }
        });
        tools.forEach((tool, pkg) -> {
            if (!onPath(tool)) {
                missing.add(pkg);
            }
        });
        if (configText.lines().anyMatch("CONFIG_OBJTOOL=y"::equals) && !Files.isRegularFile(Path.of(
                "/usr/include/gelf.h"))) {
            missing.add("libelf-dev");
        }
        fail(missing);
    }

    private static void fail(List<String> packages) throws NativeBuildException {
        if (!packages.isEmpty()) {
            throw new NativeBuildException("the kernel build needs tools this machine lacks (" + String.join(", ",
                    packages) + "); run: apt-get install " + String.join(" ", packages)
                    + " (or dev/install-tools)");
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator
                + "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
