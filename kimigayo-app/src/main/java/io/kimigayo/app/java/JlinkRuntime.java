package io.kimigayo.app.java;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.core.process.NativeBuildException;

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
     * The options for a runtime of another machine: as {@link #OPTIONS}, with the native debug symbols stripped by
     * that machine's {@code objcopy} (the host's does not read its files).
     */
    static List<String> crossOptions(String arch) throws NativeBuildException {
        String objcopy = arch + "-linux-gnu-objcopy";
        Path found = onPath(objcopy).orElseThrow(() -> new NativeBuildException(objcopy + " is not installed, and "
                + "a Java runtime for " + arch + " needs it to strip its native libraries; run: apt-get install "
                + "binutils-" + arch + "-linux-gnu"));
        return List.of("--strip-java-debug-attributes", "--strip-native-debug-symbols", "objcopy=" + found,
                "--no-header-files", "--no-man-pages");
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Fails unless jlink of {@code linker} links the jmods of {@code target} into a runtime for {@code arch}. */
    static void checkLinkable(Jdk linker, Jdk target, String arch) throws NativeBuildException {
        if (!target.machine().equals(arch)) {
            throw new NativeBuildException("the JDK at " + target.home() + " is for " + target.machine()
                    + " (its release file's OS_ARCH), not " + arch + "; give a JDK for " + arch);
        }
        java.lang.Runtime.Version jlink = linker.javaVersion();
        java.lang.Runtime.Version jmods = target.javaVersion();
        if (jlink.feature() != jmods.feature() || jlink.interim() != jmods.interim()) {
            throw new NativeBuildException("the JDK for " + arch + " at " + target.home() + " is Java " + jmods
                    + ", and the jlink that links it (of the JDK at " + linker.home() + ") is Java " + jlink
                    + ": jlink links only jmods of its own release (" + jlink.feature() + "." + jlink.interim()
                    + "); give a JDK " + jlink.feature() + " for " + arch + ", or run the build on a JDK "
                    + jmods.feature());
        }
    }

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
        return build(jdk, jdk, modules, arch, sharing, cache, run, progress);
    }

    /**
     * A runtime for {@code arch} from the jmods of {@code target}, linked by the jlink of {@code linker} (the JDK
     * that runs here). When the two are one JDK this is the runtime of the JDK itself. Otherwise jlink reads the
     * target's jmods from its module path, which it accepts only from a JDK of its own feature and interim release;
     * a target for another machine than this one gets its native debug symbols stripped by that machine's binutils
     * ({@code aarch64-linux-gnu-objcopy}) and no class data sharing archive (making one runs the target's java).
     *
     * @throws NativeBuildException when the target is of another Java release than the linker, or is not a JDK
     *                              for {@code arch}
     */
    public Runtime build(Jdk linker, Jdk target, List<String> modules, String arch, ClassDataSharing sharing,
                         BuildCache cache, CommandRunner run, Consumer<String> progress) throws IOException {
        boolean own = linker.home().equals(target.home());
        if (!own) {
            checkLinkable(linker, target, arch);
        }
        boolean foreign = !own && !target.machine().equals(linker.machine());
        boolean cds = sharing.enabledFor(target) && !foreign;
        List<String> options = new ArrayList<>(foreign ? crossOptions(arch) : OPTIONS);
        if (cds) {
            options.add(CDS_OPTION);
        }
        CacheKey key = new CacheKey()
                .with("component", "jlink-runtime")
                .with("jdk", target.identity())
                .with("modules", String.join(",", modules))
                .with("options", String.join(" ", options))
                .with("arch", arch);
        if (!own) {
            key.with("linker", linker.identity());
        }
        Jdk jdk = target;
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
            List<String> command = new ArrayList<>(List.of(linker.tool("jlink").toString()));
            if (!own) {
                command.addAll(List.of("--module-path", target.home().resolve("jmods").toString()));
            }
            command.addAll(List.of("--add-modules", String.join(",", modules)));
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
