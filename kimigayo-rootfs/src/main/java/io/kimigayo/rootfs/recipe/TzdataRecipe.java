package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.source.SourceArchive;
import io.kimigayo.rootfs.source.SourceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles IANA's time-zone database ({@code tzdata}) with {@code zic} into {@code zoneinfo/}.
 *
 * <p>zic is the build machine's ({@code /usr/sbin/zic}, glibc's copy of IANA's tzcode, Debian's {@code libc-bin}):
 * IANA's tzdata archive holds no zic, and neither does Debian's {@code tzdata} source package, which compiles with
 * the same host zic. Its version line and the SHA-256 of its binary enter the cache key, so another zic builds
 * another entry. zic writes no time stamp or host detail into TZif files: the output depends on zic, its options
 * and the data only. {@code -b slim} writes the compact TZif files upstream recommends (the 64-bit data and the
 * POSIX TZ string for times after the last transition; musl reads both); no {@code -L}: no leap seconds, as
 * POSIX time wants. zic writes a {@code Link} as a hard link; this recipe makes each one a relative symlink to its
 * zone (so every tar and cpio writer stores it once), adds {@code posixrules} (a link to
 * {@code America/New_York}, as Debian ships it) and copies the tables {@link #TABLES}. Nothing depends on the
 * target machine: one entry serves x86_64 and aarch64.
 */
public final class TzdataRecipe {

    /** Bump when the recipe changes what it produces: old cache entries are then not reused. */
    static final String REVISION = "1";

    /** The data files zic compiles: IANA's Makefile {@code TDATA} (its primary data, backward links, factory). */
    public static final List<String> DATA = List.of("africa", "antarctica", "asia", "australasia", "europe",
            "northamerica", "southamerica", "etcetera", "backward", "factory");

    /** The tables copied as they are: zones by country and coordinates, country names. */
    public static final List<String> TABLES = List.of("zone1970.tab", "zone.tab", "iso3166.tab");

    static final List<String> ZIC_OPTIONS = List.of("-b", "slim");

    /** The zone that {@code posixrules} names (glibc takes DST rules of a POSIX TZ without rules from it). */
    static final String POSIXRULES = "America/New_York";

    private static final Pattern LINK = Pattern.compile("^Link\\s+(\\S+)\\s+(\\S+)");

    private final Path zic;

    /** With the build machine's zic, from {@code /usr/sbin} or {@code /usr/bin}. */
    public TzdataRecipe() {
        this(hostZic());
    }

    TzdataRecipe(Path zic) {
        this.zic = zic;
    }

    public TzdataBuild build(BuildContext ctx, SourceSpec spec) throws IOException {
        if (zic == null || !Files.isExecutable(zic)) {
            throw new NativeBuildException("tzdata: zic, the time-zone compiler, is not installed (looked for "
                    + (zic == null ? "/usr/sbin/zic and /usr/bin/zic" : zic) + "); run: apt-get install libc-bin");
        }
        CacheKey key = new CacheKey()
                .with("component", "tzdata")
                .with("source.sha256", spec.sha256())
                .with("recipe", REVISION)
                .with("zic", zicIdentity(zic))
                .with("zic.options", String.join(" ", ZIC_OPTIONS))
                .with("data", String.join(" ", DATA))
                .with("tables", String.join(" ", TABLES))
                .with("posixrules", POSIXRULES);
        String label = "tzdata " + spec.version();
        String name = "tzdata-" + spec.version();
        Optional<Path> cached = ctx.cache().lookup(name, key);
        if (cached.isPresent()) {
            ctx.progress().accept(label + ": up to date (cache " + cached.get().getFileName() + ")");
            return new TzdataBuild(cached.get());
        }
        Path work = ctx.cache().newWorkDirectory("tzdata");
        try {
            Path archive = ctx.sources().resolve(spec);
            Path src = work.resolve("src");
            ctx.progress().accept(label + ": unpacking " + spec.fileName());
            SourceArchive.extract(archive, src, false);
            for (String file : concat(DATA, TABLES)) {
                if (!Files.isRegularFile(src.resolve(file))) {
                    throw new NativeBuildException(label + ": " + spec.fileName() + " holds no " + file + "; give "
                            + "IANA's tzdata archive (tzdataYYYYx.tar.gz), whose files are at its top level");
                }
            }
            Path out = Files.createDirectories(work.resolve("out"));
            Path zoneinfo = out.resolve("zoneinfo");
            CommandRunner run = new CommandRunner(ctx.environment(), ctx.logDirectory().resolve("tzdata.log"),
                    "tzdata");
            ctx.progress().accept(label + ": zic " + String.join(" ", ZIC_OPTIONS) + " (" + DATA.size()
                    + " data files)");
            List<String> command = new ArrayList<>(List.of(zic.toString()));
            command.addAll(ZIC_OPTIONS);
            command.addAll(List.of("-d", zoneinfo.toString()));
            command.addAll(DATA);
            run.run("zic", src, command, line -> { });

            Map<String, String> links = links(src);
            links.put("posixrules", POSIXRULES);
            for (Map.Entry<String, String> link : links.entrySet()) {
                symlink(zoneinfo, link.getKey(), link.getValue(), label);
            }
            for (String table : TABLES) {
                Files.copy(src.resolve(table), zoneinfo.resolve(table));
            }
            AtomicFiles.deleteRecursively(src);
            Path entry = ctx.cache().commit(out, name, key);
            BuildCache.discard(work);
            TzdataBuild build = new TzdataBuild(entry);
            ctx.progress().accept(label + ": built (" + build.zones() + " zones, " + build.links() + " links, "
                    + build.bytes() + " bytes)");
            return build;
        } catch (IOException | RuntimeException e) {
            BuildCache.discard(work);
            throw e;
        }
    }

    /**
     * The {@code Link} lines of the data files: link name to its zone, a link to a link followed to the zone, in
     * the order of the names.
     */
    static Map<String, String> links(Path src) throws IOException {
        Map<String, String> links = new TreeMap<>();
        for (String file : DATA) {
            for (String line : Files.readAllLines(src.resolve(file), StandardCharsets.UTF_8)) {
                Matcher m = LINK.matcher(line);
                if (m.find()) {
                    links.put(m.group(2), m.group(1));
                }
            }
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            String target = link.getValue();
            for (int hops = 0; links.containsKey(target); hops++) {
                if (hops > links.size()) {
                    throw new NativeBuildException("tzdata: the link " + link.getKey() + " goes round in a circle");
                }
                target = links.get(target);
            }
            link.setValue(target);
        }
        return links;
    }

    /** Replaces the file zic wrote for a link name with a relative symlink to its zone, after checking the bytes. */
    private static void symlink(Path zoneinfo, String name, String zone, String label) throws IOException {
        Path link = zoneinfo.resolve(name);
        Path target = zoneinfo.resolve(zone);
        if (!Files.isRegularFile(target)) {
            throw new NativeBuildException(label + ": zic wrote no " + zone + " (the zone of the link " + name + ")");
        }
        if (Files.exists(link) && Files.mismatch(link, target) != -1) {
            throw new NativeBuildException(label + ": zic wrote " + name + " other than its zone " + zone);
        }
        Files.deleteIfExists(link);
        Files.createDirectories(link.getParent());
        Path relative = Path.of(name).getParent() == null ? Path.of(zone)
                : Path.of(name).getParent().relativize(Path.of(zone));
        Files.createSymbolicLink(link, relative);
    }

    /** The zic on the build machine, or {@code null} when there is none. */
    static Path hostZic() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin")) {
            Path p = Path.of(dir, "zic");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** zic's version line ({@code zic (Debian GLIBC 2.36-9+deb12u14) 2.36}) and the SHA-256 of its binary. */
    static String zicIdentity(Path zic) throws IOException {
        String version;
        try {
            Process p = new ProcessBuilder(zic.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            try (InputStream in = p.getInputStream()) {
                version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (p.waitFor() != 0) {
                throw new NativeBuildException("tzdata: " + zic + " --version failed: " + version);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NativeBuildException("tzdata: interrupted while asking " + zic + " for its version");
        }
        return version + "; sha256 " + Sha256.hex(zic.toRealPath());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
