package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles musl libc: {@code configure --prefix=/usr --syslibdir=/lib --disable-static} and {@code make}, linked
 * with {@code -z relro -z now} (musl's default build is only partial RELRO), installed with DESTDIR only (musl's
 * syslibdir would otherwise replace the host's /lib loader), the shared libc stripped. A cross toolchain compiles it
 * for its target ({@code --target}, {@code CROSS_COMPILE}); its identity and arch are in the cache key.
 */
public final class MuslRecipe {

    /** Bump when the recipe changes what it produces: old cache entries are then not reused. */
    static final String REVISION = "1";

    static final String CFLAGS = "-O2 -pipe";
    static final String LDFLAGS = "-Wl,-z,relro,-z,now -Wl,-z,noexecstack";

    public MuslBuild build(BuildContext ctx, SourceSpec spec) throws IOException {
        String arch = ctx.toolchain().arch();
        CacheKey key = new CacheKey()
                .with("component", "musl")
                .with("source.sha256", spec.sha256())
                .with("recipe", REVISION)
                .with("cflags", CFLAGS)
                .with("ldflags", LDFLAGS)
                .with("toolchain", ctx.toolchain().identity())
                .with("arch", arch);
        String label = "musl " + spec.version();
        Optional<Path> cached = ctx.cache().lookup("musl-" + spec.version(), key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new MuslBuild(cached.get(), key.hex(), arch);
        }
        Path work = ctx.cache().newWorkDirectory("musl");
        try {
            Path archive = ctx.sources().resolve(spec);
            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src);
            CommandRunner run = new CommandRunner(ctx.environment(), ctx.logDirectory().resolve("musl.log"), "musl");
            ctx.progress().accept(label + ": configure");
            run.run("configure", src, configure(ctx.toolchain(), src), line -> { });
            ctx.progress().accept(label + ": make -j" + ctx.jobs());
            ProgressCounter objects = new ProgressCounter(label, l -> l.contains(" -c -o obj/"), 0, 400,
                    ctx.progress());
            run.run("make", src, List.of("make", "-j" + ctx.jobs()), objects);
            run.run("install", src, List.of("make", "install", "DESTDIR=" + work.resolve("dest")), line -> { });
            run.run("strip", src, List.of(ctx.toolchain().tool("strip"), "--strip-unneeded",
                    work.resolve("dest/usr/lib/libc.so").toString()), line -> { });
            AtomicFiles.deleteRecursively(src);
            Path entry = ctx.cache().commit(work, "musl-" + spec.version(), key);
            ctx.progress().accept(label + ": built (" + objects.count() + " objects)");
            return new MuslBuild(entry, key.hex(), arch);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /**
     * musl's configure command: for the host's toolchain as it always was (the x86_64 build and its cache key stay
     * as they were); for a cross toolchain with {@code --target} and {@code CROSS_COMPILE}, so that configure picks
     * the cross gcc, ar and ranlib and the target's arch directory.
     */
    static List<String> configure(Toolchain toolchain, Path src) {
        List<String> command = new ArrayList<>(List.of("./configure", "--prefix=/usr", "--syslibdir=/lib",
                "--disable-static"));
        if (toolchain.cross()) {
            command.add("--target=" + toolchain.toolPrefix().substring(0, toolchain.toolPrefix().length() - 1));
            command.add("CROSS_COMPILE=" + toolchain.toolPrefix());
            command.add("CC=" + toolchain.cc());
        }
        command.add("CFLAGS=" + CFLAGS + " -ffile-prefix-map=" + src + "=.");
        command.add("LDFLAGS=" + LDFLAGS);
        return command;
    }
}
