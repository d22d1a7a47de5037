package io.kimigayo.rootfs.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceSpecTest {

    private static final String SHA = "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4";

    @Test
    void fileNameIsTheLastSegmentOfTheUrl() {
        SourceSpec spec = new SourceSpec("musl", "1.2.5", "https://musl.libc.org/releases/musl-1.2.5.tar.gz", SHA);
        assertEquals("musl-1.2.5.tar.gz", spec.fileName());
    }

    @Test
    void fileNameIgnoresQueryAndFragment() {
        SourceSpec spec = new SourceSpec("busybox", "1.37.0",
                "https://mirror.example.org/pool/busybox-1.37.0.tar.bz2?download=1#top", SHA);
        assertEquals("busybox-1.37.0.tar.bz2", spec.fileName());
    }

    @Test
    void fileNameOfAPlainPathOrUnparsableUrl() {
        assertEquals("musl-1.2.5.tar.gz",
                new SourceSpec("musl", "1.2.5", "/srv/sources/musl-1.2.5.tar.gz", SHA).fileName());
        // A space makes it an invalid URI; the text is then taken as a path.
        assertEquals("musl 1.2.5.tar.gz",
                new SourceSpec("musl", "1.2.5", "https://example.org/a b/musl 1.2.5.tar.gz", SHA).fileName());
    }

    @Test
    void upperCaseDigestIsNormalisedToLowerCase() {
        SourceSpec spec = new SourceSpec("musl", "1.2.5", "https://example.org/musl-1.2.5.tar.gz",
                SHA.toUpperCase());
        assertEquals(SHA, spec.sha256());
    }

    @Test
    void digestThatIsNotSha256IsRefusedNamingComponentAndUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("musl", "1.2.5", "https://example.org/musl-1.2.5.tar.gz", "abc123"));
        assertTrue(e.getMessage().contains("musl 1.2.5"), e.getMessage());
        assertTrue(e.getMessage().contains("'abc123'"), e.getMessage());
        assertTrue(e.getMessage().contains("https://example.org/musl-1.2.5.tar.gz"), e.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("musl", "1.2.5", "https://example.org/m.tar.gz", null));
        assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("musl", "1.2.5", "https://example.org/m.tar.gz", SHA + "0"));
        assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("musl", "1.2.5", "https://example.org/m.tar.gz", "g" + SHA.substring(1)));
    }

    @Test
    void urlMustNameAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SourceSpec("busybox", "1.37.0", "https://busybox.net/downloads/", SHA));
        assertTrue(e.getMessage().contains("busybox 1.37.0"), e.getMessage());
        assertTrue(e.getMessage().contains("names no file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SourceSpec("busybox", "1.37.0", null, SHA));
        assertThrows(IllegalArgumentException.class, () -> new SourceSpec("busybox", "1.37.0", "  ", SHA));
    }

    @Test
    void toStringNamesComponentVersionFileAndDigest() {
        SourceSpec spec = new SourceSpec("musl", "1.2.5", "https://musl.libc.org/releases/musl-1.2.5.tar.gz", SHA);
        assertEquals("musl 1.2.5 (musl-1.2.5.tar.gz, sha256 " + SHA + ")", spec.toString());
    }
}
