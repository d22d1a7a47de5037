package io.kimigayo.rootfs.source;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.output.StaleDirectories;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds a pinned source file: first in the local content-addressed cache (by SHA-256), then in each mirror (a
 * directory, or a base URL, searched by file name), then upstream. {@code offline} forbids the network (directory
 * mirrors and the cache still work). Whatever is found is checked against the pinned SHA-256 before it enters the
 * cache: a mismatch is an error naming the file, both digests and where it came from, and the bad file is dropped.
 * A source pinned by the SHA-256 of its uncompressed tar ({@link SourceSpec#tarSha256()}) is decompressed and that
 * digest checked too, whenever it is found and whenever it is taken from the cache.
 */
public final class SourceResolver {

    private final Path cacheDirectory;
    private final List<String> mirrors;
    private final boolean offline;
    private final Consumer<String> progress;
    private HttpClient http;

    /**
     * @param cacheDirectory the cache root; sources live in {@code sources/<sha256>/<file name>} below it
     * @param mirrors        directories or base URLs tried before upstream, in order
     * @param offline        whether the network may be used
     * @param progress       receives one line per source located or fetched
     */
    public SourceResolver(Path cacheDirectory, List<String> mirrors, boolean offline, Consumer<String> progress) {
        this.cacheDirectory = cacheDirectory;
        this.mirrors = mirrors == null ? List.of() : mirrors.stream().filter(m -> !m.isBlank()).map(String::trim)
                .toList();
        this.offline = offline;
        this.progress = progress;
    }

    /** The cached, verified file of {@code spec}. */
    public Path resolve(SourceSpec spec) throws IOException {
        Path cached = cacheDirectory.resolve("sources").resolve(spec.pin().replace(':', '-'))
                .resolve(spec.fileName());
        if (Files.isRegularFile(cached)) {
            if (intact(cached, spec)) {
                return cached;
            }
            progress.accept(spec.fileName() + ": the cached copy is damaged; fetching it again");
            Files.delete(cached);
        }
        List<String> tried = new ArrayList<>();
        for (String mirror : mirrors) {
            if (isUrl(mirror)) {
                if (offline) {
                    tried.add(mirror + " (skipped: offline)");
                    continue;
                }
                String url = mirror.endsWith("/") ? mirror + spec.fileName() : mirror + "/" + spec.fileName();
                if (download(url, spec, cached, tried)) {
                    return cached;
                }
            } else {
                Path candidate = Path.of(mirror.startsWith("file:") ? URI.create(mirror).getPath() : mirror)
                        .resolve(spec.fileName());
                if (Files.isRegularFile(candidate)) {
                    try (InputStream in = Files.newInputStream(candidate)) {
                        store(in, spec, cached, candidate.toString());
                    }
                    progress.accept(spec.fileName() + ": from mirror " + mirror);
                    return cached;
                }
                tried.add(candidate + " (not there)");
            }
        }
        if (offline) {
            tried.add(spec.url() + " (skipped: offline)");
        } else if (download(spec.url(), spec, cached, tried)) {
            return cached;
        }
        throw new SourceException(spec.fileName() + " (" + spec.component() + " " + spec.version()
                + ") was found nowhere. Tried: " + String.join("; ", tried) + ". Put the file in a directory named "
                + "as a source mirror, or allow the network");
    }

    private boolean download(String url, SourceSpec spec, Path cached, List<String> tried) throws IOException {
        try {
            HttpResponse<InputStream> response = client().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    tried.add(url + " (HTTP " + response.statusCode() + ")");
                    return false;
                }
                progress.accept(spec.fileName() + ": downloading " + url);
                store(body, spec, cached, url);
                return true;
            }
        } catch (SourceException e) {
            throw e;
        } catch (IOException e) {
            tried.add(url + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while downloading " + url, e);
        }
    }

    /** Copies into a temporary file beside the cache entry, checks the digest, then renames into place. */
    private void store(InputStream in, SourceSpec spec, Path cached, String origin) throws IOException {
        StaleDirectories.removeOldTemporaryFiles(cacheDirectory.resolve("sources")); // of killed downloads
        Path temp = AtomicFiles.createTemp(cacheDirectory.resolve("sources"), ".download-");
        try {
            MessageDigest sha = Sha256.newDigest();
            try (OutputStream out = Files.newOutputStream(temp)) {
                new DigestInputStream(in, sha).transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (spec.sha256() != null && !actual.equals(spec.sha256())) {
                throw new SourceException(spec.fileName() + " from " + origin + ": SHA-256 is " + actual
                        + ", expected " + spec.sha256() + ". The file is not the pinned " + spec.component() + " "
                        + spec.version() + "; remove it from there, or pin its digest if it is the source you want");
            }
            if (spec.tarSha256() != null) {
                String tar = tarSha256(temp, spec);
                if (!tar.equals(spec.tarSha256())) {
                    throw new SourceException(spec.fileName() + " from " + origin + ": SHA-256 of the uncompressed "
                            + "tar is " + tar + ", expected " + spec.tarSha256() + ". The file is not the pinned "
                            + spec.component() + " " + spec.version() + "; remove it from there, or pin its digest "
                            + "if it is the source you want");
                }
            }
            Files.createDirectories(cached.getParent());
            AtomicFiles.moveIntoPlace(temp, cached);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean intact(Path cached, SourceSpec spec) throws IOException {
        try {
            return (spec.sha256() == null || Sha256.hex(cached).equals(spec.sha256()))
                    && (spec.tarSha256() == null || tarSha256(cached, spec).equals(spec.tarSha256()));
        } catch (SourceException unreadable) {
            return false;
        }
    }

    /** The SHA-256 of the tar inside {@code archive}, decompressed as {@code spec}'s file name says. */
    static String tarSha256(Path archive, SourceSpec spec) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        try (InputStream in = SourceArchive.decompress(new java.io.BufferedInputStream(Files.newInputStream(archive),
                1 << 16), spec.fileName())) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
        } catch (IOException e) {
            throw new SourceException(spec.fileName() + ": cannot read its tar (" + e.getMessage() + "); the file "
                    + "is not the pinned " + spec.component() + " " + spec.version(), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
        }
        return http;
    }

    private static boolean isUrl(String mirror) {
        return mirror.startsWith("http://") || mirror.startsWith("https://");
    }

}
