package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compiles BusyBox against our musl (through a specs file, so no host C library leaks in) as a PIE linked with
 * full RELRO, a stack protector and a non-executable stack. Linux UAPI headers come from a directory of symlinks
 * to the host's {@code linux/}, {@code asm/}, {@code asm-generic/} and {@code mtd/} headers, passed with
 * {@code -isystem}, so glibc's own headers stay out. A cross toolchain ({@code aarch64-linux-gnu-gcc}) compiles it
 * for its target with {@code CROSS_COMPILE} and the cross UAPI headers; the applet list then comes from BusyBox's
 * {@code make busybox.links}, since this machine cannot run the binary.
 */
public final class BusyboxRecipe {

    static final String REVISION = "1";

    /** Hardening settings every BusyBox build gets, in a fixed order (they enter the cache key and .config). */
    public static final Map<String, String> HARDENING = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "PIE", "y",
            "STATIC", "n",
            "EXTRA_CFLAGS", "\"-Os -fstack-protector-strong -fno-plt\"",
            "EXTRA_LDFLAGS", "\"-Wl,-z,relro,-z,now -Wl,-z,noexecstack\"")));

    public BusyboxBuild build(BuildContext ctx, SourceSpec spec, MuslBuild musl, BusyboxConfig config)
            throws IOException {
        CacheKey key = new CacheKey()
                .with("component", "busybox")
                .with("source.sha256", spec.sha256())
                .with("recipe", REVISION)
                .with("config", config.describe())
                .with("musl", musl.cacheKey())
                .with("toolchain", ctx.toolchain().identity())
                .with("arch", ctx.toolchain().arch());
        String label = "busybox " + spec.version() + " (" + config.name() + ")";
        String name = "busybox-" + spec.version() + "-" + config.name();
        Optional<Path> cached = ctx.cache().lookup(name, key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new BusyboxBuild(cached.get());
        }
        Path work = ctx.cache().newWorkDirectory("busybox");
        try {
            Path archive = ctx.sources().resolve(spec);
            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src);
            Toolchain toolchain = ctx.toolchain();
            Path uapi = uapiHeaders(work.resolve("uapi"), toolchain);
            Path specs = musl.writeSpecs(work.resolve("musl.specs"));
            String cc = toolchain.cc() + " -specs=" + specs + " -isystem " + uapi + " -ffile-prefix-map=" + src
                    + "=.";
            CommandRunner run = new CommandRunner(ctx.environment(),
                    ctx.logDirectory().resolve("busybox-" + config.name() + ".log"), "busybox");

            ctx.progress().accept(label + ": configure (" + config.base() + " + " + config.settings().size()
                    + " settings)");
            run.run("make " + config.base(), src, List.of("make", config.base()), line -> { });
            Path dotConfig = src.resolve(".config");
            Files.writeString(dotConfig, config.apply(Files.readString(dotConfig)));
            run.run("make oldconfig", src, List.of("sh", "-c", "yes '' | make oldconfig"), line -> { });
            List<String> dropped = config.notApplied(Files.readString(dotConfig));
            if (!dropped.isEmpty()) {
                throw new NativeBuildException(label + ": Kconfig did not keep " + dropped + " (unmet dependencies); "
                        + "see " + run.log());
            }

            ctx.progress().accept(label + ": make -j" + ctx.jobs());
            ProgressCounter objects = new ProgressCounter(label, l -> l.startsWith("  CC "), 0, 200,
                    ctx.progress());
            List<String> make = new ArrayList<>(List.of("make", "-j" + ctx.jobs(), "CC=" + cc, "HOSTCC=gcc"));
            if (toolchain.cross()) {
                make.add("CROSS_COMPILE=" + toolchain.toolPrefix());
            }
            run.run("make", src, make, objects);

            Path out = Files.createDirectories(work.resolve("out"));
            Files.copy(src.resolve("busybox"), out.resolve("busybox"));
            Files.copy(dotConfig, out.resolve("busybox.config"));
            String links = toolchain.cross() ? appletsFromConfig(run, src)
                    : listApplets(run, musl, ctx, out.resolve("busybox"));
            Files.writeString(out.resolve("busybox.links"), links);
            AtomicFiles.deleteRecursively(src);

            Path entry = ctx.cache().commit(out, name, key);
            BuildCache.discard(work);
            ctx.progress().accept(label + ": built (" + objects.count() + " objects, "
                    + Files.size(entry.resolve("busybox")) / 1024 + " KiB)");
            return new BusyboxBuild(entry);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /** Runs the new binary through our musl's loader (libc.so runs programs given as its argument). */
    private static String listApplets(CommandRunner run, MuslBuild musl, BuildContext ctx, Path busybox)
            throws IOException {
        return run.capture("busybox --list-full", busybox.getParent(),
                List.of(musl.libc().toString(), busybox.toString(), "--list-full"));
    }

    /**
     * The applet paths of a cross-compiled BusyBox, which this machine cannot run: BusyBox's own
     * {@code make busybox.links} (its applet table read from the same configuration), one path a line, written
     * without the leading slash as {@code --list-full} writes them.
     */
    static String appletsFromConfig(CommandRunner run, Path src) throws IOException {
        run.run("make busybox.links", src, List.of("make", "busybox.links", "HOSTCC=gcc"), line -> { });
        Path file = src.resolve("busybox.links");
        String links = Files.isRegularFile(file) ? linksAsListFull(Files.readString(file)) : "";
        if (links.isEmpty()) {
            throw new NativeBuildException("busybox: make busybox.links listed no applets; see " + run.log());
        }
        return links;
    }

    /** {@code /usr/bin/[} becomes {@code usr/bin/[}; order and blank lines as they were. */
    static String linksAsListFull(String links) {
        StringBuilder out = new StringBuilder();
        for (String line : links.split("\n", -1)) {
            if (!line.isBlank()) {
                out.append(line.startsWith("/") ? line.substring(1) : line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A directory holding only the kernel's UAPI headers, as symlinks to the host's: {@code /usr/include} for the
     * host's toolchain, the cross toolchain's {@code /usr/<triplet>/include} (Debian's
     * {@code linux-libc-dev-<arch>-cross}) for a cross one.
     */
    static Path uapiHeaders(Path dir, Toolchain toolchain) throws IOException {
        Files.createDirectories(dir);
        String triplet = toolchain.arch() + "-linux-gnu";
        Path include = toolchain.cross() ? Path.of("/usr/" + triplet + "/include") : Path.of("/usr/include");
        Path asm = toolchain.cross() ? include.resolve("asm") : include.resolve(triplet + "/asm");
        Map<String, Path> links = Map.of(
                "linux", include.resolve("linux"),
                "asm", asm,
                "asm-generic", include.resolve("asm-generic"),
                "mtd", include.resolve("mtd"));
        for (Map.Entry<String, Path> link : links.entrySet()) {
            if (!Files.isDirectory(link.getValue())) {
                throw new NativeBuildException("Linux UAPI headers are missing (" + link.getValue()
                        + "); run: apt-get install " + (toolchain.cross()
                        ? "linux-libc-dev-" + TargetArch.parse(toolchain.arch()).debianName() + "-cross"
                        : "linux-libc-dev"));
            }
            Files.createSymbolicLink(dir.resolve(link.getKey()), link.getValue());
        }
        return dir;
    }
}
