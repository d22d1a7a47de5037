package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles OpenRC with meson and ninja against our musl, hardened as BusyBox is (PIE, full RELRO, a stack protector,
 * a non-executable stack). A meson cross file points meson at the host's (or the cross) gcc with the musl specs file
 * and the UAPI headers BusyBox uses, so no host C library leaks in. OpenRC needs libcap on Linux: libcap's
 * {@code libcap.a} is compiled first from its pinned source, with the same compiler, and linked statically (a
 * pkg-config file in the work directory points meson at it). PAM, SELinux, audit, the completions and the
 * network scripts ({@code newnet}) are off. Installed with {@code meson install --strip}; manual pages and C
 * headers are dropped.
 */
public final class OpenrcRecipe {

    static final String REVISION = "2";

    static final String CFLAGS = "-Os -fstack-protector-strong -fno-plt";

    /**
     * The C flags for the target: on aarch64 also {@code -mno-outline-atomics}, since gcc's outline atomics call
     * libgcc's {@code init_have_lse_atomics}, which needs glibc's {@code __getauxval} (musl has none).
     */
    static String cflags(Toolchain toolchain) {
        return (CFLAGS + " " + targetFlags(toolchain)).strip();
    }

    private static String targetFlags(Toolchain toolchain) {
        return "aarch64".equals(toolchain.arch()) ? "-mno-outline-atomics" : "";
    }
    static final String LDFLAGS = "-Wl,-z,relro,-z,now -Wl,-z,noexecstack";

    /** The meson options, in a fixed order (they enter the cache key). */
    static final List<String> OPTIONS = List.of("--prefix=/usr", "--sysconfdir=/etc", "--localstatedir=/var",
            "--libdir=lib", "--libexecdir=lib", "--bindir=bin", "--sbindir=sbin", "-Dbuildtype=plain", "-Db_pie=true",
            "-Dpam=false", "-Daudit=disabled", "-Dselinux=disabled", "-Dbash-completions=false",
            "-Dzsh-completions=false", "-Dpkgconfig=false", "-Dnewnet=false", "-Dsysvinit=false",
            "-Dbranding=\"Kimigayo OS\"");

    public OpenrcBuild build(BuildContext ctx, SourceSpec spec, SourceSpec libcap, MuslBuild musl)
            throws IOException {
        Toolchain toolchain = ctx.toolchain();
        CacheKey key = new CacheKey()
                .with("component", "openrc")
                .with("source", spec.pin())
                .with("libcap.source", libcap.pin())
                .with("recipe", REVISION)
                .with("cflags", cflags(toolchain))
                .with("ldflags", LDFLAGS)
                .with("options", String.join(" ", OPTIONS))
                .with("musl", musl.cacheKey())
                .with("toolchain", toolchain.identity())
                .with("arch", toolchain.arch());
        String label = "openrc " + spec.version();
        String name = "openrc-" + spec.version();
        Optional<Path> cached = ctx.cache().lookup(name, key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new OpenrcBuild(cached.get());
        }
        Path work = ctx.cache().newWorkDirectory("openrc");
        try {
            Path capArchive = ctx.sources().resolve(libcap);
            Path archive = ctx.sources().resolve(spec);
            CommandRunner run = new CommandRunner(ctx.environment(), ctx.logDirectory().resolve("openrc.log"),
                    "openrc");
            Path uapi = BusyboxRecipe.uapiHeaders(work.resolve("uapi"), toolchain);
            Path specs = musl.writeSpecs(work.resolve("musl.specs"));
            List<String> cc = List.of(toolchain.cc(), "-specs=" + specs, "-isystem", uapi.toString());

            Path capSrc = work.resolve("libcap-src");
            ctx.progress().accept(label + ": libcap " + libcap.version() + ": unpacking " + libcap.fileName());
            SourceArchive.extract(capArchive, capSrc);
            ctx.progress().accept(label + ": libcap " + libcap.version() + ": make libcap.a");
            Path cap = work.resolve("libcap");
            // COPTS also reach BUILD_CC (libcap's _makenames runs on this machine): target-only flags go with CC.
            List<String> capMake = new ArrayList<>(List.of("make", "-C", "libcap",
                    ("CC=" + String.join(" ", cc) + " " + targetFlags(toolchain)).strip(), "BUILD_CC=gcc",
                    "SHARED=no", "PAM_CAP=no", "GOLANG=no", "COPTS=" + CFLAGS + " -fPIC -ffile-prefix-map=" + capSrc
                    + "=."));
            if (toolchain.cross()) {
                capMake.add("CROSS_COMPILE=" + toolchain.toolPrefix());
            }
            List<String> capBuild = new ArrayList<>(capMake);
            capBuild.add("libcap.a");
            run.run("libcap make", capSrc, capBuild, line -> { });
            List<String> capInstall = new ArrayList<>(capMake);
            capInstall.addAll(List.of("install-static-cap", "DESTDIR=" + cap, "prefix=/usr", "lib=lib"));
            run.run("libcap install", capSrc, capInstall, line -> { });
            Path pkgconfig = Files.createDirectories(work.resolve("pkgconfig"));
            Files.writeString(pkgconfig.resolve("libcap.pc"), "Name: libcap\nDescription: libcap for musl\n"
                    + "Version: " + libcap.version() + "\nLibs: " + cap.resolve("usr/lib/libcap.a") + "\n"
                    + "Cflags: -I" + cap.resolve("usr/include") + "\n");

            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src);
            Path cross = work.resolve("cross.ini");
            Files.writeString(cross, crossFile(toolchain, cc, src, pkgconfig));
            Path build = work.resolve("build");
            ctx.progress().accept(label + ": meson setup");
            List<String> setup = new ArrayList<>(List.of("meson", "setup", "--cross-file", cross.toString()));
            setup.addAll(OPTIONS);
            setup.add(build.toString());
            run.run("meson setup", src, setup, line -> { });
            ctx.progress().accept(label + ": ninja -j" + ctx.jobs());
            ProgressCounter objects = new ProgressCounter(label, l -> l.contains("Compiling C object"), 0, 50,
                    ctx.progress());
            run.run("ninja", build, List.of("ninja", "-j" + ctx.jobs()), objects);
            Path out = Files.createDirectories(work.resolve("out"));
            Path root = out.resolve("root");
            run.run("meson install", build, List.of("meson", "install", "--no-rebuild", "--strip", "--destdir",
                    root.toString()), line -> { });
            for (String drop : List.of("usr/share/man", "usr/include", "usr/share")) {
                if (Files.exists(root.resolve(drop))) {
                    AtomicFiles.deleteRecursively(root.resolve(drop));
                }
            }
            if (!Files.isRegularFile(root.resolve("usr/sbin/openrc"))) {
                throw new NativeBuildException(label + ": meson install wrote no usr/sbin/openrc; see " + run.log());
            }
            AtomicFiles.deleteRecursively(src);
            AtomicFiles.deleteRecursively(capSrc);
            Path entry = ctx.cache().commit(out, name, key);
            BuildCache.discard(work);
            ctx.progress().accept(label + ": built (" + objects.count() + " objects, libcap " + libcap.version()
                    + " linked statically)");
            return new OpenrcBuild(entry);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /**
     * The meson cross file: the compiler with the musl specs and the UAPI headers, the target's strip, pkg-config
     * limited to the work directory's libcap.pc, the hardening flags, and the target machine.
     */
    static String crossFile(Toolchain toolchain, List<String> cc, Path src, Path pkgconfig) {
        return "[binaries]\n"
                + "c = [" + String.join(", ", cc.stream().map(OpenrcRecipe::quoted).toList()) + "]\n"
                + "strip = " + quoted(toolchain.tool("strip")) + "\n"
                + "pkgconfig = 'pkg-config'\n"
                + "[built-in options]\n"
                + "c_args = [" + String.join(", ", splitQuoted(cflags(toolchain) + " -ffile-prefix-map=" + src + "=."))
                + "]\n"
                + "c_link_args = [" + String.join(", ", splitQuoted(LDFLAGS)) + "]\n"
                + "[properties]\n"
                + "pkg_config_libdir = [" + quoted(pkgconfig.toString()) + "]\n"
                + "[host_machine]\n"
                + "system = 'linux'\n"
                + "cpu_family = " + quoted(toolchain.arch()) + "\n"
                + "cpu = " + quoted(toolchain.arch()) + "\n"
                + "endian = 'little'\n";
    }

    private static List<String> splitQuoted(String flags) {
        return java.util.Arrays.stream(flags.split(" ")).filter(f -> !f.isBlank()).map(OpenrcRecipe::quoted).toList();
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
