package io.kimigayo.app.java;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.process.CommandRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Java runtime made with {@code jlink} from a JDK: only the given modules, no debug information, headers or man
 * pages, compressed, and with a class data sharing archive when {@link ClassDataSharing} says so (the archive for
 * compressed object pointers only: the other one serves heaps over 32 GB and would double the size). Cached under a
 * key of the JDK's identity, the modules and the options, so a rebuild after a code change runs no jlink.
 */
public final class JlinkRuntime {

    /**
     * jlink's options besides the modules. No {@code --compress}: the layer is gzip-compressed anyway, and gzip of
     * the plain {@code lib/modules} is smaller than gzip of a zip-compressed one (27.2 MB against 33.9 MB for a Spring
     * Boot runtime), while a compressed {@code lib/modules} costs every class load a decompression.
     */
    public static final List<String> OPTIONS = List.of("--strip-debug", "--no-header-files", "--no-man-pages");

    /** jlink's option that adds the class data sharing archive. */
    public static final String CDS_OPTION = "--generate-cds-archive";

    /** The archive for uncompressed object pointers, which is left out. */
    static final String NOCOOPS_ARCHIVE = "lib/server/classes_nocoops.jsa";

    /**
     * A runtime directory and the key it is cached under.
     *
     * @param cds whether it holds a class data sharing archive
     */
    public record Runtime(Path directory, List<String> modules, String cacheKey, boolean cds) {
    }

    public Runtime build(Jdk jdk, List<String> modules, String arch, BuildCache cache, CommandRunner run,
                         Consumer<String> progress) throws IOException {
        return build(jdk, modules, arch, ClassDataSharing.OFF, cache, run, progress);
    }

    public Runtime build(Jdk jdk, List<String> modules, String arch, ClassDataSharing sharing, BuildCache cache,
                         CommandRunner run, Consumer<String> progress) throws IOException {
        boolean cds = sharing.enabledFor(jdk);
        List<String> options = new ArrayList<>(OPTIONS);
        if (cds) {
            options.add(CDS_OPTION);
        }
        CacheKey key = new CacheKey()
                .with("component", "jlink-runtime")
                .with("jdk", jdk.identity())
                .with("modules", String.join(",", modules))
                .with("options", String.join(" ", options))
                .with("arch", arch);
        String name = "jre-" + jdk.feature();
        Optional<Path> cached = cache.lookup(name, key);
        if (cached.isPresent()) {
            progress.accept("java runtime " + jdk.version() + " " + modules + ": up to date (cache "
                    + cached.get().getFileName() + ")");
            return new Runtime(cached.get().resolve("runtime"), modules, key.hex(), cds);
        }
        Path work = cache.newWorkDirectory(name);
        try {
            progress.accept("java runtime " + jdk.version() + ": jlink " + String.join(",", modules));
            List<String> command = new ArrayList<>(List.of(jdk.tool("jlink").toString(), "--add-modules",
                    String.join(",", modules)));
            command.addAll(options);
            command.addAll(List.of("--output", work.resolve("runtime").toString()));
            run.run("jlink", work, command, line -> { });
            Files.deleteIfExists(work.resolve("runtime").resolve(NOCOOPS_ARCHIVE));
            Path entry = cache.commit(work, name, key);
            return new Runtime(entry.resolve("runtime"), modules, key.hex(), cds);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }
}
