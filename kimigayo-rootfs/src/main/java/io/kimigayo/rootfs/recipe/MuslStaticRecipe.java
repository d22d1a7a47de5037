package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.CommandRunner;
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
 * Compiles musl's static C library, {@code libc.a}, for the extended variant's developers: the same source and
 * compiler flags as {@link MuslRecipe}, configured with {@code --disable-shared} and built with
 * {@code make lib/libc.a} only. It is a build of its own so that the shared musl every variant uses (and
 * everything keyed on it) stays as it was. Not an executable: the ELF audit sees its members as objects.
 */
public final class MuslStaticRecipe {

    /** Bump when the recipe changes what it produces: old cache entries are then not reused. */
    static final String REVISION = "1";

    public ToolBuild build(BuildContext ctx, SourceSpec spec) throws IOException {
        Toolchain toolchain = ctx.toolchain();
        CacheKey key = new CacheKey()
                .with("component", "musl-static")
                .with("source.sha256", spec.sha256())
                .with("recipe", REVISION)
                .with("cflags", MuslRecipe.CFLAGS)
                .with("toolchain", toolchain.identity())
                .with("arch", toolchain.arch());
        String label = "musl " + spec.version() + " (libc.a)";
        String name = "musl-static-" + spec.version();
        Optional<Path> cached = ctx.cache().lookup(name, key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new ToolBuild(cached.get());
        }
        Path work = ctx.cache().newWorkDirectory("musl-static");
        try {
            Path archive = ctx.sources().resolve(spec);
            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src);
            CommandRunner run = new CommandRunner(ctx.environment(), ctx.logDirectory().resolve("musl-static.log"),
                    "musl-static");
            ctx.progress().accept(label + ": configure");
            run.run("configure", src, configure(toolchain, src), line -> { });
            ctx.progress().accept(label + ": make -j" + ctx.jobs() + " lib/libc.a");
            ProgressCounter objects = new ProgressCounter(label, l -> l.contains(" -c -o obj/"), 1350, 400,
                    ctx.progress());
            run.run("make", src, List.of("make", "-j" + ctx.jobs(), "lib/libc.a"), objects);
            Path lib = Files.createDirectories(work.resolve("out/dest/usr/lib"));
            Files.copy(src.resolve("lib/libc.a"), lib.resolve("libc.a"));
            AtomicFiles.deleteRecursively(src);
            Path entry = ctx.cache().commit(work.resolve("out"), name, key);
            BuildCache.discard(work);
            ctx.progress().accept(label + ": built (" + objects.count() + " objects, "
                    + Files.size(entry.resolve("dest/usr/lib/libc.a")) / 1024 + " KiB)");
            return new ToolBuild(entry);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /** musl's configure for a static library only, with {@link MuslRecipe}'s flags. */
    static List<String> configure(Toolchain toolchain, Path src) {
        List<String> command = new ArrayList<>(List.of("./configure", "--prefix=/usr", "--syslibdir=/lib",
                "--disable-shared"));
        if (toolchain.cross()) {
            command.add("--target=" + toolchain.toolPrefix().substring(0, toolchain.toolPrefix().length() - 1));
            command.add("CROSS_COMPILE=" + toolchain.toolPrefix());
            command.add("CC=" + toolchain.cc());
        }
        command.add("CFLAGS=" + MuslRecipe.CFLAGS + " -ffile-prefix-map=" + src + "=.");
        return command;
    }
}
