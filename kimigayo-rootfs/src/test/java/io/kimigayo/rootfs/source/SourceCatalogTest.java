package io.kimigayo.rootfs.source;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceCatalogTest {

    private static final String OTHER_SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void defaultsPinMusl125AndBusybox1370() {
        SourceCatalog catalog = SourceCatalog.defaults();
        SourceSpec musl = catalog.get("musl");
        assertEquals("1.2.5", musl.version());
        assertEquals("https://musl.libc.org/releases/musl-1.2.5.tar.gz", musl.url());
        assertEquals("musl-1.2.5.tar.gz", musl.fileName());
        assertEquals("a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4", musl.sha256());

        SourceSpec busybox = catalog.get("busybox");
        assertEquals("1.37.0", busybox.version());
        assertEquals("https://busybox.net/downloads/busybox-1.37.0.tar.bz2", busybox.url());
        assertEquals("busybox-1.37.0.tar.bz2", busybox.fileName());
        assertEquals("3311dff32e746499f4df0d5df04d7eb396382d7e108bb9250e7b519b837043a4", busybox.sha256());

        assertEquals(Set.of("musl", "busybox", "ca-certificates", "make", "strace", "tcc", "tzdata", "libcap",
                "openrc"),
                catalog.all().keySet());
    }

    @Test
    void tzdataIsIanasReleaseArchiveAndItsVersionGivesTheUrl() {
        SourceSpec tzdata = SourceCatalog.defaults().get("tzdata");
        assertEquals("2026b", tzdata.version());
        assertEquals("https://data.iana.org/time-zones/releases/tzdata2026b.tar.gz", tzdata.url());
        assertEquals("tzdata2026b.tar.gz", tzdata.fileName());
        assertEquals("114543d9f19a6bfeb5bca43686aea173d38755a3db1f2eec112647ae92c6f544", tzdata.sha256());
        assertEquals("LicenseRef-Public-Domain", SourceCatalog.license("tzdata"));
        assertEquals("https://data.iana.org/time-zones/releases/tzdata2026f.tar.gz", SourceCatalog.defaults()
                .override("tzdata", "2026f", null, OTHER_SHA).get("tzdata").url());
    }

    @Test
    void theExtendedVariantsToolsArePinnedWithTheirLicences() {
        SourceCatalog catalog = SourceCatalog.defaults();
        SourceSpec make = catalog.get("make");
        assertEquals("4.4.1", make.version());
        assertEquals("make-dfsg_4.4.1.orig.tar.xz", make.fileName(), "Debian's +dfsg repack is what is pinned");
        assertEquals("3b16b00ea1079af9f8096bbc71ff7cc00c249fc6a862003da3c42308a0adb0fe", make.sha256());
        SourceSpec strace = catalog.get("strace");
        assertEquals("6.1", strace.version());
        assertEquals("https://github.com/strace/strace/releases/download/v6.1/strace-6.1.tar.xz", strace.url());
        assertEquals("2579e9cec37dbb786f6ea0bebd15f40dd561ef2bde2a2a2ecdce5963b01859fd", strace.sha256());
        SourceSpec tcc = catalog.get("tcc");
        assertEquals("0.9.27+git20200814.62c30a4a", tcc.version());
        assertEquals("tcc_0.9.27+git20200814.62c30a4a.orig.tar.bz2", tcc.fileName());
        assertEquals("d63c113bcdd657f51c8ee197a0b0a24203603313e19a52b5f678d40ab7f5df35", tcc.sha256());
        assertEquals("GPL-3.0-or-later", SourceCatalog.license("make"));
        assertEquals("LGPL-2.1-or-later", SourceCatalog.license("strace"));
        assertEquals("LGPL-2.1-or-later", SourceCatalog.license("tcc"));
        for (String component : catalog.all().keySet()) {
            assertNotNull(SourceCatalog.license(component), component + " has a licence");
        }
    }

    @Test
    void versionOnlyOverrideDerivesTheUrl() {
        SourceCatalog catalog = SourceCatalog.defaults().override("busybox", "1.36.1", null, OTHER_SHA);
        SourceSpec busybox = catalog.get("busybox");
        assertEquals("1.36.1", busybox.version());
        assertEquals("https://busybox.net/downloads/busybox-1.36.1.tar.bz2", busybox.url());
        assertEquals("busybox-1.36.1.tar.bz2", busybox.fileName());
        assertEquals(OTHER_SHA, busybox.sha256());
        // The other component is untouched.
        assertEquals(SourceCatalog.MUSL, catalog.get("musl"));
    }

    @Test
    void overrideWithUrlTakesTheUrl() {
        SourceCatalog catalog = SourceCatalog.defaults().override("musl", " 1.2.4 ",
                " https://mirror.example.org/musl/musl-1.2.4.tar.gz ", " " + OTHER_SHA + " ");
        SourceSpec musl = catalog.get("musl");
        assertEquals("1.2.4", musl.version());
        assertEquals("https://mirror.example.org/musl/musl-1.2.4.tar.gz", musl.url());
        assertEquals(OTHER_SHA, musl.sha256());
    }

    @Test
    void changedVersionWithoutSha256IsAnErrorNamingTheComponent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("busybox", "1.36.1", null, null));
        assertTrue(e.getMessage().contains("busybox 1.36.1"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
        assertTrue(e.getMessage().contains("busybox-1.36.1.tar.bz2"), e.getMessage());

        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("musl", "1.2.4", null, "  "));
        assertTrue(blank.getMessage().contains("musl 1.2.4"), blank.getMessage());
    }

    @Test
    void changedUrlWithoutSha256IsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("musl", null, "https://evil.example.org/musl-1.2.5.tar.gz",
                        null));
        assertTrue(e.getMessage().startsWith("musl 1.2.5"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void overrideThatChangesNothingKeepsTheDefault() {
        SourceCatalog catalog = SourceCatalog.defaults().override("musl", "1.2.5", null, null)
                .override("busybox", null, "", "");
        assertEquals(SourceCatalog.MUSL, catalog.get("musl"));
        assertEquals(SourceCatalog.BUSYBOX, catalog.get("busybox"));
    }

    @Test
    void sha256OnlyOverrideRepinsTheSameFile() {
        SourceSpec musl = SourceCatalog.defaults().override("musl", null, null, OTHER_SHA).get("musl");
        assertEquals(SourceCatalog.MUSL.url(), musl.url());
        assertEquals(OTHER_SHA, musl.sha256());
    }

    @Test
    void unknownComponentIsAnErrorListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().override("openssl", "3.0", null, OTHER_SHA));
        assertTrue(e.getMessage().contains("'openssl'"), e.getMessage());
        assertTrue(e.getMessage().contains("musl") && e.getMessage().contains("busybox"), e.getMessage());

        IllegalArgumentException get = assertThrows(IllegalArgumentException.class,
                () -> SourceCatalog.defaults().get("glibc"));
        assertTrue(get.getMessage().contains("'glibc'"), get.getMessage());
    }

    @Test
    void eachCatalogHasItsOwnOverrides() {
        SourceCatalog.defaults().override("busybox", "1.36.1", null, OTHER_SHA);
        assertEquals(SourceCatalog.BUSYBOX, SourceCatalog.defaults().get("busybox"));
    }
}
