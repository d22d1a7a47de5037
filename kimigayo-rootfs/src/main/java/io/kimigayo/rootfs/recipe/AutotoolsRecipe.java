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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles an autoconf tool of the extended variant (GNU make, strace) against our musl, hardened (see
 * {@link HardenedCompiler}): {@code configure --build --host} (a cross build, so nothing compiled is run here),
 * {@code make} in the directory that builds the program, and the stripped program copied to its path in the image.
 * Cached by a key of the source, the recipe, the configure arguments, the flags, musl's build key and the
 * toolchain; the full log goes to the log directory ({@code <component>.log}).
 *
 * @param component      the component's name in the source catalog and logs ({@code make}, {@code strace})
 * @param configureArgs  the tool's own configure options
 * @param prepare        files written into the source tree before configure (path to content)
 * @param makeDirectory  the directory {@code make} runs in, relative to the source ({@code ""} for the top)
 * @param programs       built program (relative to the source) to its path in the image
 * @param expectedObjects about how many objects the build compiles, for progress percentages
 */
public record AutotoolsRecipe(String component, List<String> configureArgs, Map<String, String> prepare,
                              String makeDirectory, Map<String, String> programs, int expectedObjects) {

    /** Bump when the recipe changes what it produces: old cache entries are then not reused. */
    static final String REVISION = "1";

    /**
     * GNU make without its optional Guile and gettext. Debian's {@code +dfsg} source lacks {@code doc/}, which
     * configure and {@code make all} expect: an empty {@code doc/Makefile.in} and {@code doc/make.1} stand in.
     */
    public static AutotoolsRecipe gnuMake() {
        return new AutotoolsRecipe("make", List.of("--disable-nls", "--without-guile"),
                Map.of("doc/Makefile.in", "all:\n.DEFAULT:\n\t@:\n", "doc/make.1", ""), "",
                Map.of("make", "usr/bin/make"), 35);
    }

    /**
     * strace, with the kernel headers bundled in its source ({@code --enable-bundled=yes}: the host's newer
     * headers rename fields strace 6.1 decodes), without the optional libdw/libunwind stack tracing and without
     * the personalities of 32-bit programs ({@code --disable-mpers}).
     */
    public static AutotoolsRecipe strace() {
        return new AutotoolsRecipe("strace", List.of("--enable-bundled=yes", "--disable-mpers",
                "--without-libdw", "--without-libunwind", "--without-libiberty", "--disable-gcc-Werror"),
                Map.of(), "src", Map.of("src/strace", "usr/bin/strace"), 420);
    }

    /** What enters the cache key besides source, musl and toolchain: one line per setting, in order. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        configureArgs.forEach(a -> text.append("configure ").append(a).append('\n'));
        new java.util.TreeMap<>(prepare).forEach((k, v) -> text.append("prepare ").append(k).append('=')
                .append(v.replace("\n", "\\n")).append('\n'));
        text.append("make in '").append(makeDirectory).append("'\n");
        new java.util.TreeMap<>(programs).forEach((k, v) -> text.append("install ").append(k).append(" -> ")
                .append(v).append('\n'));
        return text.toString();
    }

    public ToolBuild build(BuildContext ctx, SourceSpec spec, MuslBuild musl) throws IOException {
        Toolchain toolchain = ctx.toolchain();
        CacheKey key = new CacheKey()
                .with("component", component)
                .with("source.sha256", spec.sha256())
                .with("recipe", REVISION)
                .with("settings", describe())
                .with("cflags", HardenedCompiler.CFLAGS)
                .with("ldflags", HardenedCompiler.LDFLAGS)
                .with("musl", musl.cacheKey())
                .with("toolchain", toolchain.identity())
                .with("arch", toolchain.arch());
        String label = component + " " + spec.version();
        String name = component + "-" + spec.version();
        Optional<Path> cached = ctx.cache().lookup(name, key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new ToolBuild(cached.get());
        }
        Path work = ctx.cache().newWorkDirectory(component);
        try {
            Path archive = ctx.sources().resolve(spec);
            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src);
            for (Map.Entry<String, String> file : prepare.entrySet()) {
                Path target = src.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Path uapi = HardenedCompiler.uapiHeaders(work.resolve("uapi"), toolchain);
            Path specs = musl.writeSpecs(work.resolve("musl.specs"));
            CommandRunner run = new CommandRunner(ctx.environment(), ctx.logDirectory().resolve(component + ".log"),
                    component);

            ctx.progress().accept(label + ": configure");
            run.run("configure", src, configure(toolchain, specs, uapi, src), line -> { });
            ctx.progress().accept(label + ": make -j" + ctx.jobs());
            ProgressCounter objects = new ProgressCounter(label, l -> l.contains(" -c ") && l.contains(".c"),
                    expectedObjects, 50, ctx.progress());
            run.run("make", src.resolve(makeDirectory), List.of("make", "-j" + ctx.jobs()), objects);

            Path dest = work.resolve("out/dest");
            for (Map.Entry<String, String> program : programs.entrySet()) {
                Path built = src.resolve(program.getKey());
                if (!Files.isRegularFile(built)) {
                    throw new NativeBuildException(label + ": make did not produce " + program.getKey() + "; see "
                            + run.log());
                }
                Path target = dest.resolve(program.getValue());
                Files.createDirectories(target.getParent());
                Files.copy(built, target);
                run.run("strip", src, List.of(toolchain.tool("strip"), target.toString()), line -> { });
            }
            AtomicFiles.deleteRecursively(src);

            Path entry = ctx.cache().commit(work.resolve("out"), name, key);
            BuildCache.discard(work);
            long size = 0;
            for (String image : programs.values()) {
                size += Files.size(entry.resolve("dest").resolve(image));
            }
            ctx.progress().accept(label + ": built (" + objects.count() + " objects, " + size / 1024 + " KiB)");
            return new ToolBuild(entry);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /** The configure command: cross-compiling for musl, the tool's options, CC and the hardening flags. */
    List<String> configure(Toolchain toolchain, Path specs, Path uapi, Path src) {
        List<String> command = new ArrayList<>(List.of("./configure", "--prefix=/usr",
                "--build=" + HardenedCompiler.buildTriplet(toolchain),
                "--host=" + HardenedCompiler.hostTriplet(toolchain)));
        command.addAll(configureArgs);
        command.add("CC=" + HardenedCompiler.cc(toolchain, specs, uapi, src));
        command.add("CFLAGS=" + HardenedCompiler.CFLAGS);
        command.add("LDFLAGS=" + HardenedCompiler.LDFLAGS);
        return command;
    }

    public AutotoolsRecipe {
        configureArgs = List.copyOf(configureArgs);
        prepare = new LinkedHashMap<>(prepare);
        programs = new LinkedHashMap<>(programs);
    }
}
