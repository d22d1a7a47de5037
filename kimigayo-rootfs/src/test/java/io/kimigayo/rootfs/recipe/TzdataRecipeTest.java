package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.process.BuildEnvironment;
import io.kimigayo.core.process.NativeBuildException;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.source.SourceCatalog;
import io.kimigayo.rootfs.source.SourceResolver;
import io.kimigayo.rootfs.source.SourceSpec;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TzdataRecipe} with the build machine's zic on the pinned tzdata archive of the source mirror that
 * {@code dev/fetch-sources} fills (the test fails, saying so, when it is not there).
 */
class TzdataRecipeTest {

    static final Path MIRROR = Path.of(System.getProperty("user.home"), ".cache", "kimigayo", "mirror");

    @TempDir
    Path work;

    private final List<String> progress = new ArrayList<>();

    private BuildContext context(Path cache) throws IOException {
        SourceSpec source = SourceCatalog.defaults().get("tzdata");
        if (!Files.isRegularFile(MIRROR.resolve(source.fileName()))) {
            throw new IllegalStateException(MIRROR.resolve(source.fileName()) + " is missing: run dev/fetch-sources "
                    + "to put the pinned sources into the mirror");
        }
        Path logs = Files.createDirectories(work.resolve("logs"));
        return new BuildContext(new SourceResolver(cache, List.of(MIRROR.toString()), true, progress::add),
                new BuildCache(cache), new Toolchain("gcc", "test", "x86_64", ""),
                BuildEnvironment.reproducible(Instant.EPOCH), logs, 1, progress::add);
    }

    @Test
    void compilesTheZonesWithLinksAsRelativeSymlinksAndTheTables() throws IOException {
        TzdataBuild build = new TzdataRecipe().build(context(work.resolve("cache")), SourceCatalog.TZDATA);
        Path zi = build.zoneinfo();
        assertTrue(build.zones() >= 300, "zones: " + build.zones());
        assertTrue(build.links() >= 200, "links: " + build.links());
        for (String zone : List.of("Asia/Tokyo", "America/New_York", "Europe/Paris", "Etc/UTC")) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(zi.resolve(zone)), 4);
            assertEquals("TZif", new String(head, StandardCharsets.US_ASCII), zone);
        }
        assertEquals("../America/New_York", Files.readSymbolicLink(zi.resolve("US/Eastern")).toString());
        assertEquals("Etc/UTC", Files.readSymbolicLink(zi.resolve("UTC")).toString());
        assertEquals("America/New_York", Files.readSymbolicLink(zi.resolve("posixrules")).toString());
        for (String table : TzdataRecipe.TABLES) {
            assertTrue(Files.size(zi.resolve(table)) > 1000, table);
        }
        // every symlink leads to a TZif file
        try (Stream<Path> walk = Files.walk(zi)) {
            for (Path link : walk.filter(Files::isSymbolicLink).toList()) {
                Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS), link + " -> " + target);
            }
        }
        assertTrue(progress.stream().anyMatch(l -> l.matches("tzdata 2026b: built \\(\\d+ zones, \\d+ links, \\d+ "
                + "bytes\\)")), progress.toString());
        assertTrue(Files.readString(work.resolve("logs/tzdata.log")).contains("-b slim"));

        FileTree tree = new FileTree();
        build.addTo(tree);
        assertTrue(tree.get("/usr/share/zoneinfo/Asia/Tokyo").orElseThrow() instanceof TreeEntry.RegularFile file
                && file.mode() == 0644);
        assertEquals(new TreeEntry.Symlink("../America/New_York", 0, 0),
                tree.get("/usr/share/zoneinfo/US/Eastern").orElseThrow());
    }

    @Test
    void aSecondBuildComesFromTheCacheAndAnotherCacheGetsTheSameBytes() throws IOException {
        Path cache = work.resolve("cache");
        TzdataBuild first = new TzdataRecipe().build(context(cache), SourceCatalog.TZDATA);
        progress.clear();
        TzdataBuild again = new TzdataRecipe().build(context(cache), SourceCatalog.TZDATA);
        assertEquals(first.entry(), again.entry());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("tzdata 2026b: up to date (cache ")),
                progress.toString());
        assertTrue(progress.stream().noneMatch(l -> l.contains("zic")), progress.toString());

        TzdataBuild other = new TzdataRecipe().build(context(work.resolve("other-cache")), SourceCatalog.TZDATA);
        assertEquals(digests(first.zoneinfo()), digests(other.zoneinfo()));
    }

    @Test
    void withoutZicTheBuildSaysWhatToInstall() throws IOException {
        BuildContext ctx = context(work.resolve("cache"));
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new TzdataRecipe(work.resolve("no/zic")).build(ctx, SourceCatalog.TZDATA));
        assertTrue(e.getMessage().contains("apt-get install libc-bin"), e.getMessage());
    }

    @Test
    void theZicVersionAndBinaryAreInTheKey() throws IOException {
        String identity = TzdataRecipe.zicIdentity(TzdataRecipe.hostZic());
        assertTrue(identity.startsWith("zic "), identity);
        assertTrue(identity.contains("sha256 " + Sha256.hex(TzdataRecipe.hostZic().toRealPath())), identity);
    }

    @Test
    void linksToLinksAreFollowedToTheirZone() throws IOException {
        for (String file : TzdataRecipe.DATA) {
            Files.writeString(work.resolve(file), "");
        }
        Files.writeString(work.resolve("asia"), "# Zone comment\nZone\tAsia/Tokyo\t9:00\t-\tJST\n");
        Files.writeString(work.resolve("backward"), "Link\tAsia/Tokyo\tJapan\t# old name\nLink\tJapan\tNippon\n");
        assertEquals(new TreeMap<>(Map.of("Japan", "Asia/Tokyo", "Nippon", "Asia/Tokyo")),
                TzdataRecipe.links(work));
    }

    @Test
    void anArchiveWithoutTheDataFilesIsRefusedNamingTheFile() throws IOException {
        // the CA certificates' archive is a valid source archive, but not tzdata
        SourceSpec wrong = new SourceSpec("tzdata", "2026b", SourceCatalog.CA_CERTIFICATES.url(),
                SourceCatalog.CA_CERTIFICATES.sha256());
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> new TzdataRecipe().build(context(work.resolve("cache")), wrong));
        assertTrue(e.getMessage().contains("holds no africa"), e.getMessage());
    }

    private static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                String name = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    all.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    all.put(name, Sha256.hex(p));
                }
            }
        }
        return all;
    }
}
