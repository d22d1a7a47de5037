package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.nativebuild.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The compiler command and flags of the extended variant's tools: the toolchain's gcc through musl's specs file
 * (so no host C library leaks in), the kernel's UAPI headers from a directory of symlinks (as BusyBox gets them),
 * and the hardening every executable of the image needs: PIE, full RELRO, a stack protector, a non-executable
 * stack. Autoconf is told that it cross-compiles ({@code --build} and {@code --host} differ), so it never runs
 * what it compiles against musl on the build machine.
 */
final class HardenedCompiler {

    static final String CFLAGS = "-O2 -fPIE -fstack-protector-strong";
    static final String LDFLAGS = "-pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack";

    /** The UAPI header directories the tools include: BusyBox's, and {@code rdma} (strace's netlink decoders). */
    static final List<String> UAPI = List.of("linux", "asm", "asm-generic", "mtd", "rdma");

    private HardenedCompiler() {
    }

    /** The {@code CC} command: gcc with musl's specs and the UAPI headers; source paths mapped to {@code .}. */
    static String cc(Toolchain toolchain, Path specs, Path uapi, Path src) {
        return toolchain.cc() + " -specs=" + specs + " -isystem " + uapi + " -ffile-prefix-map=" + src + "=.";
    }

    /** Autoconf's {@code --build}: the machine that compiles (glibc). */
    static String buildTriplet(Toolchain toolchain) {
        return toolchain.arch() + "-pc-linux-gnu";
    }

    /** Autoconf's {@code --host}: the image's machine with musl. */
    static String hostTriplet(Toolchain toolchain) {
        return toolchain.arch() + "-kimigayo-linux-musl";
    }

    /**
     * A directory holding only the kernel's UAPI headers, as symlinks to the host's {@code /usr/include} (or the
     * cross toolchain's {@code /usr/<triplet>/include}).
     */
    static Path uapiHeaders(Path dir, Toolchain toolchain) throws IOException {
        Files.createDirectories(dir);
        String triplet = toolchain.arch() + "-linux-gnu";
        Path include = toolchain.cross() ? Path.of("/usr/" + triplet + "/include") : Path.of("/usr/include");
        for (String name : UAPI) {
            Path target = name.equals("asm") && !toolchain.cross() ? include.resolve(triplet + "/asm")
                    : include.resolve(name);
            if (!Files.isDirectory(target)) {
                throw new NativeBuildException("Linux UAPI headers are missing (" + target + "); run: apt-get install "
                        + (toolchain.cross()
                        ? "linux-libc-dev-" + TargetArch.parse(toolchain.arch()).debianName() + "-cross"
                        : "linux-libc-dev"));
            }
            Files.createSymbolicLink(dir.resolve(name), target);
        }
        return dir;
    }
}
