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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Compiles TinyCC, a small C compiler that targets our musl inside the image: {@code tcc} itself with gcc through
 * musl's specs, hardened like every executable of the image (see {@link HardenedCompiler}), and its runtime
 * library {@code libtcc1.a} with the new {@code tcc}, run on the build machine through musl's loader (as BusyBox
 * lists its applets). Configured with {@code --config-musl} and the image's paths: musl's loader as the ELF
 * interpreter, crt files in {@code /usr/lib}, headers in {@code /usr/lib/tcc/include} (TinyCC's own) and
 * {@code /usr/include} (musl's), libraries in {@code /usr/lib/tcc} and {@code /usr/lib}. The programs it compiles
 * in the image are the user's, not part of the image, and are not held to the image's hardening.
 */
public final class TccRecipe {

    /** Bump when the recipe changes what it produces: old cache entries are then not reused. */
    static final String REVISION = "1";

    /** TinyCC's code relies on aliasing that gcc's default optimisation breaks; its configure adds this too. */
    static final String CFLAGS = HardenedCompiler.CFLAGS + " -fno-strict-aliasing";

    /** TinyCC's directory in the image ({@code {B}} in its search paths). */
    public static final String TCC_DIR = "/usr/lib/tcc";

    public ToolBuild build(BuildContext ctx, SourceSpec spec, MuslBuild musl) throws IOException {
        Toolchain toolchain = ctx.toolchain();
        if (toolchain.cross()) {
            throw new NativeBuildException("tcc: libtcc1.a is compiled by the new tcc, which runs only on the "
                    + "machine it is built for (" + toolchain.arch() + "); build it on such a machine");
        }
        List<String> options = configureOptions(musl);
        CacheKey key = new CacheKey()
                .with("component", "tcc")
                .with("source.sha256", spec.sha256())
                .with("recipe", REVISION)
                .with("configure", String.join("\n", options))
                .with("cflags", CFLAGS)
                .with("ldflags", HardenedCompiler.LDFLAGS)
                .with("musl", musl.cacheKey())
                .with("toolchain", toolchain.identity())
                .with("arch", toolchain.arch());
        String label = "tcc " + spec.version();
        String name = "tcc-" + spec.version();
        Optional<Path> cached = ctx.cache().lookup(name, key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new ToolBuild(cached.get());
        }
        Path work = ctx.cache().newWorkDirectory("tcc");
        try {
            Path archive = ctx.sources().resolve(spec);
            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src, false);
            Path uapi = HardenedCompiler.uapiHeaders(work.resolve("uapi"), toolchain);
            Path specs = musl.writeSpecs(work.resolve("musl.specs"));
            CommandRunner run = new CommandRunner(ctx.environment(), ctx.logDirectory().resolve("tcc.log"), "tcc");

            ctx.progress().accept(label + ": configure (" + String.join(" ", options) + ")");
            // configure runs its probe with the host's gcc; the musl compiler is given to make
            run.run("configure", src, options, line -> { });
            List<String> make = List.of("make", "-j" + ctx.jobs(),
                    "CC=" + HardenedCompiler.cc(toolchain, specs, uapi, src), "CFLAGS=" + CFLAGS,
                    "LDFLAGS=" + HardenedCompiler.LDFLAGS);
            ctx.progress().accept(label + ": make -j" + ctx.jobs() + " tcc");
            ProgressCounter objects = new ProgressCounter(label, l -> l.contains(" -c "), 12, 4, ctx.progress());
            run.run("make tcc", src, concat(make, "tcc"), objects);
            ctx.progress().accept(label + ": make libtcc1.a (with the new tcc, through musl's loader)");
            Path muslInclude = musl.destination().resolve("usr/include");
            run.run("make libtcc1.a", src, concat(make, "libtcc1.a",
                    "XTCC=" + musl.libc() + " " + src.resolve("tcc"),
                    "XFLAGS=-B" + src + " -I" + src + " -nostdinc -I" + src.resolve("include") + " -I"
                            + muslInclude), objects);

            Path dest = work.resolve("out/dest");
            Path bin = Files.createDirectories(dest.resolve("usr/bin"));
            Files.copy(src.resolve("tcc"), bin.resolve("tcc"));
            run.run("strip", src, List.of(toolchain.tool("strip"), bin.resolve("tcc").toString()), line -> { });
            Files.createSymbolicLink(bin.resolve("cc"), Path.of("tcc"));
            Path dir = dest.resolve(TCC_DIR.substring(1));
            Path include = Files.createDirectories(dir.resolve("include"));
            Files.copy(src.resolve("libtcc1.a"), dir.resolve("libtcc1.a"));
            try (DirectoryStream<Path> headers = Files.newDirectoryStream(src.resolve("include"), "*.h")) {
                for (Path header : headers) {
                    Files.copy(header, include.resolve(header.getFileName()));
                }
            }
            Files.copy(src.resolve("tcclib.h"), include.resolve("tcclib.h"));
            AtomicFiles.deleteRecursively(src);

            Path entry = ctx.cache().commit(work.resolve("out"), name, key);
            BuildCache.discard(work);
            ctx.progress().accept(label + ": built (" + objects.count() + " objects, "
                    + Files.size(entry.resolve("dest/usr/bin/tcc")) / 1024 + " KiB)");
            return new ToolBuild(entry);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /** TinyCC's configure command for this musl: the image's loader, crt, header and library paths. */
    static List<String> configureOptions(MuslBuild musl) {
        return List.of("./configure", "--prefix=/usr", "--config-musl", "--elfinterp=" + musl.loaderPath(),
                "--crtprefix=/usr/lib", "--sysincludepaths={B}/include:/usr/include", "--libpaths={B}:/usr/lib");
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }
}
