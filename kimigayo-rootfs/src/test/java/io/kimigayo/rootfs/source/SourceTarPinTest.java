package io.kimigayo.rootfs.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources pinned by the SHA-256 of their uncompressed tar (forge archives whose gzip bytes may change). */
class SourceTarPinTest {

    private static final String FILE = "demo-1.0.tar.gz";
    private static final byte[] TAR = "demo-1.0/ a tree, as git archive writes it\n".repeat(200)
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    private final List<String> progress = new ArrayList<>();

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** {@code tar} gzipped at {@code level}: other levels give other bytes for the same tar. */
    private static byte[] gzip(byte[] tar, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(tar);
        }
        return out.toByteArray();
    }

    private Path mirror(String name, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.write(dir.resolve(FILE), bytes);
        return dir;
    }

    private SourceResolver resolver(Path mirror) {
        return new SourceResolver(work.resolve("cache"), List.of(mirror.toString()), true, progress::add);
    }

    private static SourceSpec tarPinned(String tarSha256) {
        return new SourceSpec("demo", "1.0", "https://forge.example/demo/archive/1.0/" + FILE, null, tarSha256);
    }

    @Test
    void aTarPinAcceptsAnyGzipOfTheSameTar() throws Exception {
        byte[] fast = gzip(TAR, Deflater.BEST_SPEED);
        byte[] best = gzip(TAR, Deflater.BEST_COMPRESSION);
        assertFalse(java.util.Arrays.equals(fast, best), "the test needs two different gzip files");
        SourceSpec spec = tarPinned(sha256(TAR));

        Path first = resolver(mirror("m1", fast)).resolve(spec);
        assertArrayEquals(fast, Files.readAllBytes(first));
        Path again = new SourceResolver(work.resolve("cache2"), List.of(mirror("m2", best).toString()), true,
                progress::add).resolve(spec);
        assertArrayEquals(best, Files.readAllBytes(again));
        assertEquals("tar:" + sha256(TAR), spec.pin());
        assertTrue(spec.toString().contains("tar sha256 " + sha256(TAR)), spec.toString());
    }

    @Test
    void anotherTarIsRefusedNamingBothDigests() throws Exception {
        byte[] other = "demo-1.0/ another tree\n".getBytes(StandardCharsets.UTF_8);
        SourceSpec spec = tarPinned(sha256(TAR));
        SourceException e = assertThrows(SourceException.class,
                () -> resolver(mirror("m", gzip(other, 6))).resolve(spec));
        assertTrue(e.getMessage().startsWith(FILE + " from "), e.getMessage());
        assertTrue(e.getMessage().contains(": SHA-256 of the uncompressed tar is " + sha256(other) + ", expected "
                + sha256(TAR)), e.getMessage());
        assertFalse(Files.exists(work.resolve("cache/sources/tar-" + sha256(TAR) + "/" + FILE)),
                "the refused file entered the cache");
    }

    @Test
    void aFileThatIsNoGzipIsRefused() throws Exception {
        SourceSpec spec = tarPinned(sha256(TAR));
        SourceException e = assertThrows(SourceException.class,
                () -> resolver(mirror("m", TAR)).resolve(spec));
        assertTrue(e.getMessage().contains("cannot read its tar"), e.getMessage());
    }

    @Test
    void bothPinsAreChecked() throws Exception {
        byte[] gz = gzip(TAR, 6);
        byte[] otherGz = gzip(TAR, 1);
        SourceSpec both = new SourceSpec("demo", "1.0", "https://forge.example/" + FILE, sha256(gz), sha256(TAR));
        assertArrayEquals(gz, Files.readAllBytes(resolver(mirror("ok", gz)).resolve(both)));
        // the same tar in other gzip bytes: the file pin refuses it
        SourceException e = assertThrows(SourceException.class, () -> new SourceResolver(work.resolve("c2"),
                List.of(mirror("other", otherGz).toString()), true, progress::add).resolve(both));
        assertTrue(e.getMessage().contains("SHA-256 is " + sha256(otherGz) + ", expected " + sha256(gz)),
                e.getMessage());
    }

    @Test
    void aDamagedCachedCopyIsCheckedOnEveryResolveAndFetchedAgain() throws Exception {
        SourceSpec spec = tarPinned(sha256(TAR));
        Path mirror = mirror("m", gzip(TAR, 6));
        Path cached = resolver(mirror).resolve(spec);
        Files.write(cached, gzip("tampered\n".getBytes(StandardCharsets.UTF_8), 6));
        Path again = resolver(mirror).resolve(spec);
        assertEquals(cached, again);
        assertEquals(sha256(TAR), SourceResolver.tarSha256(again, spec));
        assertTrue(progress.stream().anyMatch(l -> l.contains("the cached copy is damaged")), progress.toString());
    }

    @Test
    void aSpecNeedsAtLeastOneDigest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("demo", "1.0", "https://forge.example/" + FILE, null, null));
        assertTrue(e.getMessage().contains("give the SHA-256 of"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("demo", "1.0", "https://forge.example/" + FILE, null, "abc"));
    }

    @Test
    void theCatalogPinsOpenrcByItsTarAndAnOverrideByItsFile() throws Exception {
        SourceSpec openrc = SourceCatalog.defaults().get("openrc");
        assertEquals(null, openrc.sha256());
        assertEquals("1ba33bb21b1bf9d04ab3515743396498fa52be28d8af07424772daaa792118fe", openrc.tarSha256());
        assertEquals("openrc-0.63.3.tar.gz", openrc.fileName());
        assertEquals("BSD-2-Clause", SourceCatalog.license("openrc"));
        String sha = sha256(TAR);
        SourceSpec overridden = SourceCatalog.defaults().override("openrc", "0.64", null, sha).get("openrc");
        assertEquals(sha, overridden.sha256());
        assertEquals(null, overridden.tarSha256());
        assertNotEquals(openrc.url(), overridden.url());
        assertEquals("openrc-0.64.tar.gz", overridden.fileName());
    }

    @Test
    void anOverrideMayPinTheTarTheFileOrBoth() throws Exception {
        String tar = sha256(TAR);
        String file = sha256(gzip(TAR, 6));
        SourceSpec tarOnly = SourceCatalog.defaults().override("openrc", "0.64", null, null, " " + tar.toUpperCase()
                + " ").get("openrc");
        assertEquals(null, tarOnly.sha256());
        assertEquals(tar, tarOnly.tarSha256());
        assertEquals("tar:" + tar, tarOnly.pin());
        assertEquals("openrc-0.64.tar.gz", tarOnly.fileName());

        SourceSpec both = SourceCatalog.defaults().override("openrc", "0.64", null, file, tar).get("openrc");
        assertEquals(file, both.sha256());
        assertEquals(tar, both.tarSha256());

        // the same file pinned by its tar instead of its bytes: what the override gives replaces the pins
        SourceSpec musl = SourceCatalog.defaults().override("musl", null, null, "", tar).get("musl");
        assertEquals(SourceCatalog.MUSL.url(), musl.url());
        assertEquals(null, musl.sha256());
        assertEquals(tar, musl.tarSha256());
    }

    @Test
    void aChangedSourceWithoutEitherDigestIsRefusedNamingTheComponentAndBothFixes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("openrc", "0.64", null, null, " "));
        assertTrue(e.getMessage().startsWith("openrc 0.64: "), e.getMessage());
        assertTrue(e.getMessage().contains("<sha256> (run sha256sum on openrc-0.64.tar.gz)"), e.getMessage());
        assertTrue(e.getMessage().contains("<tarSha256> (the SHA-256 of the uncompressed tar: gzip -dc "
                + "openrc-0.64.tar.gz | sha256sum)"), e.getMessage());
        IllegalArgumentException xz = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("strace", "6.2", null, null, null));
        assertTrue(xz.getMessage().contains("xz -dc strace-6.2.tar.xz | sha256sum"), xz.getMessage());
    }

    @Test
    void aMalformedTarDigestIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("openrc", "0.64", null, null, "abc"));
        assertTrue(e.getMessage().contains("tarSha256 'abc' is not a SHA-256"), e.getMessage());
    }

    @Test
    void anOverridesWrongTarDigestFailsNamingTheFileAndBothDigests() throws Exception {
        byte[] other = "openrc-0.64/ not the tree the user pinned\n".getBytes(StandardCharsets.UTF_8);
        SourceSpec spec = SourceCatalog.defaults().override("openrc", "0.64", null, null, sha256(TAR))
                .get("openrc");
        Path dir = Files.createDirectories(work.resolve("mirror"));
        Files.write(dir.resolve("openrc-0.64.tar.gz"), gzip(other, 6));
        SourceException e = assertThrows(SourceException.class, () -> resolver(dir).resolve(spec));
        assertTrue(e.getMessage().startsWith("openrc-0.64.tar.gz from "), e.getMessage());
        assertTrue(e.getMessage().contains(": SHA-256 of the uncompressed tar is " + sha256(other) + ", expected "
                + sha256(TAR)), e.getMessage());

        // the right tar in any gzip bytes passes the same pin
        Files.write(dir.resolve("openrc-0.64.tar.gz"), gzip(TAR, 1));
        assertArrayEquals(gzip(TAR, 1), Files.readAllBytes(resolver(dir).resolve(spec)));
    }
}
