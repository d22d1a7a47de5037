package io.kimigayo.kernel.source;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.kernel.build.Kbuild;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceException;
import io.kimigayo.rootfs.source.SourceResolver;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns {@code kernelSource} into a source tree: a URL goes through the source cache and mirrors like the userland's
 * sources (its SHA-256 is required); a local archive is checked against {@code kernelSha256} when one is given; an
 * archive is unpacked once into the build cache, by digest, and shared by every build of it (builds are out of
 * tree and never write to it); a directory is used as it is.
 */
public final class KernelSourceResolver {

    /** Debian's {@code linux-source-6.1} package installs this. */
    public static final String DEFAULT_SOURCE = "/usr/src/linux-source-6.1.tar.xz";

    static final String UNPACK_REVISION = "1";

    private final SourceResolver sources;
    private final BuildCache cache;
    private final Consumer<String> progress;

    public KernelSourceResolver(SourceResolver sources, BuildCache cache, Consumer<String> progress) {
        this.sources = sources;
        this.cache = cache;
        this.progress = progress;
    }

    /**
     * @param kernelSource  a URL, an archive path or a directory; blank for {@link #DEFAULT_SOURCE}
     * @param kernelSha256  the archive's SHA-256: required for a URL, checked for a path, refused for a directory
     * @param baseDirectory where relative paths are looked up (the project's directory)
     */
    public KernelTree resolve(String kernelSource, String kernelSha256, Path baseDirectory) throws IOException {
        String location = kernelSource == null || kernelSource.isBlank() ? DEFAULT_SOURCE : kernelSource.trim();
        String sha = kernelSha256 == null || kernelSha256.isBlank() ? null : kernelSha256.trim()
                .toLowerCase(Locale.ROOT);
        if (location.startsWith("http://") || location.startsWith("https://")) {
            if (sha == null) {
                throw new IllegalArgumentException("kernelSource " + location + ": a URL needs its kernelSha256 "
                        + "(a source is never trusted without its digest)");
            }
            Path archive = sources.resolve(new SourceSpec("linux", "source", location, sha));
            return unpacked(archive, sha, location, "url");
        }
        Path path = baseDirectory.resolve(location).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            if (sha != null) {
                throw new IllegalArgumentException("kernelSha256 is the digest of an archive, but kernelSource "
                        + path + " is a directory; remove kernelSha256 or point kernelSource at the archive");
            }
            progress.accept("kernel source: hashing " + path);
            String digest = DirectoryDigest.of(path);
            return new KernelTree(path, digest, path.toString(), "directory", Kbuild.kernelVersion(path));
        }
        if (!Files.isRegularFile(path)) {
            String hint = location.equals(DEFAULT_SOURCE)
                    ? "; install Debian's kernel source (apt-get install linux-source-6.1, or run dev/install-tools) "
                    + "or set kernelSource to a kernel archive, URL or directory"
                    : "; set kernelSource to a kernel archive (.tar.xz, .tar.gz, ...), URL or source directory";
            throw new SourceException("kernelSource " + path + " does not exist" + hint);
        }
        String actual = Sha256.hex(path);
        if (sha != null && !sha.equals(actual)) {
            throw new SourceException(path.getFileName() + ": SHA-256 is " + actual + ", expected " + sha
                    + " (kernelSha256). The archive is not the pinned kernel source; pin its digest if it is the "
                    + "source you want");
        }
        return unpacked(path, actual, path.toString(), "archive");
    }

    private KernelTree unpacked(Path archive, String sha, String location, String kind) throws IOException {
        CacheKey key = new CacheKey().with("component", "linux-source").with("source.sha256", sha)
                .with("unpack", UNPACK_REVISION);
        String name = "linux-source";
        Optional<Path> cached = cache.lookup(name, key);
        if (cached.isPresent()) {
            Path tree = cached.get().resolve("src");
            return new KernelTree(tree, sha, location, kind, Kbuild.kernelVersion(tree));
        }
        progress.accept("kernel source: unpacking " + archive.getFileName() + " (once; it is cached by digest)");
        Path work = cache.newWorkDirectory(name);
        try {
            SourceArchive.extract(archive, work.resolve("src"));
            String version = Kbuild.kernelVersion(work.resolve("src"));
            Optional<Path> raced = cache.lookup(name, key);
            Path entry;
            if (raced.isPresent()) {
                BuildCache.discard(work);
                entry = raced.get();
            } else {
                entry = cache.commit(work, name, key);
            }
            progress.accept("kernel source: linux " + version + " unpacked");
            return new KernelTree(entry.resolve("src"), sha, location, kind, version);
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }
}
