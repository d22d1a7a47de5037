package io.kimigayo.rootfs.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pinned sources Kimigayo OS is compiled from, with the user's overrides applied.
 *
 * <p>The defaults are the upstream release archives. An override may change the version (the URL follows the
 * default's pattern unless given) and must then give the new archive's SHA-256: a source is never trusted without
 * its digest.
 *
 * <p>Which bytes a pin covers: most entries pin the SHA-256 of the archive file as its publisher serves it (a release
 * tarball, or Debian's orig tarball, which is the same file). An archive that a forge generates from a tag on demand
 * (GitHub's {@code archive/refs/tags/...}) is pinned by the SHA-256 of its <em>uncompressed tar</em>
 * ({@link SourceSpec#tarSha256()}): the forge may compress it again with other gzip bytes while the tar, the tree,
 * stays the same. An entry may pin the file, the tar, or both; every pinned digest is verified whenever the source
 * is resolved, from a mirror, upstream or the cache. An override pins what it gives: {@code sha256} the bytes of the
 * file it names, {@code tarSha256} the uncompressed tar inside it (for a forge's archive of a tag), or both.
 */
public final class SourceCatalog {

    /** musl libc. */
    public static final SourceSpec MUSL = new SourceSpec("musl", "1.2.5",
            "https://musl.libc.org/releases/musl-1.2.5.tar.gz",
            "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4");

    /** BusyBox. */
    public static final SourceSpec BUSYBOX = new SourceSpec("busybox", "1.37.0",
            "https://busybox.net/downloads/busybox-1.37.0.tar.bz2",
            "3311dff32e746499f4df0d5df04d7eb396382d7e108bb9250e7b519b837043a4");

    /**
     * The CA certificates: Mozilla's root store ({@code certdata.txt}, NSS's builtins 2.60) as Debian 12 ships it.
     * The pin is Debian's source package {@code ca-certificates} 20230311+deb12u1, a native package (no orig
     * tarball; this archive is its upstream release), whose {@code mozilla/certdata.txt} has SHA-256
     * {@code 90c470e705b4b5f36f09684dc50e2b79c8b86989a848b62cd1a7bd6460ee65f6}. The archive is pinned rather than
     * the file so that the mirror holds what Debian publishes, under a name that carries the version; the digest
     * is of the compressed {@code .tar.xz} bytes as Debian's archive serves them (also in the package's .dsc).
     */
    public static final SourceSpec CA_CERTIFICATES = new SourceSpec("ca-certificates", "20230311+deb12u1",
            "https://deb.debian.org/debian/pool/main/c/ca-certificates/ca-certificates_20230311+deb12u1.tar.xz",
            "4cd6bbd5577a16432438bc1006dc05c333afacb76104fc3564612858c8ee3280");

    /**
     * GNU make (extended variant). The pin is Debian's {@code make-dfsg} 4.4.1 orig tarball, not GNU's
     * {@code make-4.4.1.tar.gz}: Debian repacks the release without the manual ({@code doc/}, under the GFDL), so
     * the bytes differ from upstream's (and the recipe stands in for the missing {@code doc/Makefile.in}). The
     * digest is of the {@code .tar.xz} bytes Debian's archive serves (also in its .dsc); upstream's release is
     * https://ftp.gnu.org/gnu/make/make-4.4.1.tar.gz.
     */
    public static final SourceSpec MAKE = new SourceSpec("make", "4.4.1",
            "https://deb.debian.org/debian/pool/main/m/make-dfsg/make-dfsg_4.4.1.orig.tar.xz",
            "3b16b00ea1079af9f8096bbc71ff7cc00c249fc6a862003da3c42308a0adb0fe");

    /**
     * strace (extended variant): upstream's release archive. Debian 12's orig tarball {@code strace_6.1.orig.tar.xz}
     * is this file byte for byte (Debian ships upstream's signature of it, {@code .orig.tar.xz.asc}).
     */
    public static final SourceSpec STRACE = new SourceSpec("strace", "6.1",
            "https://github.com/strace/strace/releases/download/v6.1/strace-6.1.tar.xz",
            "2579e9cec37dbb786f6ea0bebd15f40dd561ef2bde2a2a2ecdce5963b01859fd");

    /**
     * TinyCC (extended variant). TinyCC has made no release since 0.9.27 (2017), whose musl support is incomplete;
     * the pin is Debian's orig tarball of the upstream git snapshot 62c30a4a (2020-08-14, branch {@code mob} of
     * https://repo.or.cz/tinycc.git), {@code tcc_0.9.27+git20200814.62c30a4a.orig.tar.bz2}, the bytes Debian's
     * archive serves (also in its .dsc). Unlike release archives it has no top-level directory. A forge's snapshot
     * of the same commit holds the same tree in other bytes, so the Debian file is what is pinned.
     */
    public static final SourceSpec TCC = new SourceSpec("tcc", "0.9.27+git20200814.62c30a4a",
            "https://deb.debian.org/debian/pool/main/t/tcc/tcc_0.9.27+git20200814.62c30a4a.orig.tar.bz2",
            "d63c113bcdd657f51c8ee197a0b0a24203603313e19a52b5f678d40ab7f5df35");

    /**
     * IANA's time-zone database, compiled with zic. The pin is IANA's release archive {@code tzdata2026b.tar.gz}
     * by the SHA-256 of its compressed bytes. Debian's source package {@code tzdata} 2026b-0+deb12u1 (Debian 12)
     * ships these same bytes as {@code tzdata_2026b.orig.tar.gz}, with IANA's detached signature
     * ({@code .orig.tar.gz.asc}, Paul Eggert's key of Debian's {@code debian/upstream/signing-key.asc} verifies it):
     * the mirror holds Debian's file under IANA's name. (Debian 13's 2026f was listed but not served by the
     * archive when this was pinned.)
     */
    public static final SourceSpec TZDATA = new SourceSpec("tzdata", "2026b",
            "https://data.iana.org/time-zones/releases/tzdata2026b.tar.gz",
            "114543d9f19a6bfeb5bca43686aea173d38755a3db1f2eec112647ae92c6f544");

    /**
     * libcap, the POSIX capabilities library OpenRC's start-stop-daemon and supervise-daemon link (statically).
     * Pinned by the file: Debian 13's orig tarball {@code libcap2_2.75.orig.tar.xz}, the upstream release of
     * kernel.org, whose name in mirrors is the upstream one.
     */
    public static final SourceSpec LIBCAP = new SourceSpec("libcap", "2.75",
            "https://mirrors.edge.kernel.org/pub/linux/libs/security/linux-privs/libcap2/libcap-2.75.tar.xz",
            "de4e7e064c9ba451d5234dd46e897d7c71c96a9ebf9a0c445bc04f4742d83632");

    /**
     * OpenRC, the init system of the standard variant. The default URL is GitHub's archive of the upstream tag
     * {@code 0.63.3} (the {@code archive/<tag>/<file>} form of {@code archive/refs/tags/0.63.3.tar.gz}, the same
     * archive under the file name mirrors hold it by), which GitHub generates on demand: pinned by the SHA-256 of
     * the uncompressed tar ({@code git archive --prefix=openrc-0.63.3/} of the tag), not by the gzip bytes.
     */
    public static final SourceSpec OPENRC = new SourceSpec("openrc", "0.63.3",
            "https://github.com/OpenRC/openrc/archive/0.63.3/openrc-0.63.3.tar.gz", null,
            "1ba33bb21b1bf9d04ab3515743396498fa52be28d8af07424772daaa792118fe");

    private final Map<String, SourceSpec> specs = new LinkedHashMap<>();

    private SourceCatalog() {
        specs.put(MUSL.component(), MUSL);
        specs.put(BUSYBOX.component(), BUSYBOX);
        specs.put(CA_CERTIFICATES.component(), CA_CERTIFICATES);
        specs.put(MAKE.component(), MAKE);
        specs.put(STRACE.component(), STRACE);
        specs.put(TCC.component(), TCC);
        specs.put(TZDATA.component(), TZDATA);
        specs.put(LIBCAP.component(), LIBCAP);
        specs.put(OPENRC.component(), OPENRC);
    }

    /**
     * The licence (SPDX identifier) of a component's source: musl MIT, BusyBox GPL-2.0-only, the CA certificates
     * (Mozilla's certdata.txt) MPL-2.0, GNU make GPL-3.0-or-later, strace LGPL-2.1-or-later (its test suite, not
     * built, is GPL-2.0-or-later), TinyCC LGPL-2.1-or-later, tzdata public domain (SPDX lists no identifier for it:
     * {@code LicenseRef-Public-Domain}), libcap BSD-3-Clause OR GPL-2.0-only, OpenRC BSD-2-Clause; {@code null}
     * for a component this catalog does not know.
     */
    public static String license(String component) {
        return switch (component) {
            case "musl" -> "MIT";
            case "busybox" -> "GPL-2.0-only";
            case "ca-certificates" -> "MPL-2.0";
            case "make" -> "GPL-3.0-or-later";
            case "strace" -> "LGPL-2.1-or-later";
            case "tcc" -> "LGPL-2.1-or-later";
            case "tzdata" -> "LicenseRef-Public-Domain";
            case "libcap" -> "BSD-3-Clause OR GPL-2.0-only";
            case "openrc" -> "BSD-2-Clause";
            default -> null;
        };
    }

    /** The default catalog. */
    public static SourceCatalog defaults() {
        return new SourceCatalog();
    }

    /**
     * Overrides a component, pinning a new file by its bytes only. See
     * {@link #override(String, String, String, String, String)}.
     */
    public SourceCatalog override(String component, String version, String url, String sha256) {
        return override(component, version, url, sha256, null);
    }

    /**
     * Overrides a component. {@code null} fields keep the default; a new version without a URL takes the default
     * URL with the version replaced. An override that gives a digest pins exactly the digests it gives: the file's
     * bytes ({@code sha256}), its uncompressed tar ({@code tarSha256}), or both; one that gives none keeps the
     * default's pins, which only an unchanged source may do.
     *
     * @throws IllegalArgumentException for an unknown component, or a changed version/URL without a digest
     */
    public SourceCatalog override(String component, String version, String url, String sha256, String tarSha256) {
        SourceSpec current = specs.get(component);
        if (current == null) {
            throw new IllegalArgumentException("unknown component '" + component + "'; the components are "
                    + specs.keySet());
        }
        String newVersion = version == null || version.isBlank() ? current.version() : version.trim();
        String newUrl = url != null && !url.isBlank() ? url.trim()
                : current.url().replace(current.version(), newVersion);
        boolean changed = !newVersion.equals(current.version()) || !newUrl.equals(current.url());
        String file = blankToNull(sha256);
        String tar = blankToNull(tarSha256);
        if (changed && file == null && tar == null) {
            String name = newUrl.substring(newUrl.lastIndexOf('/') + 1);
            throw new IllegalArgumentException(component + " " + newVersion + ": a changed version or url needs "
                    + "its <sha256> (run sha256sum on " + name + ") or its <tarSha256> (the SHA-256 of the "
                    + "uncompressed tar: " + decompressor(name) + " " + name + " | sha256sum), or both");
        }
        if (file == null && tar == null) {
            specs.put(component, new SourceSpec(component, newVersion, newUrl, current.sha256(),
                    current.tarSha256()));
        } else {
            specs.put(component, new SourceSpec(component, newVersion, newUrl, file, tar));
        }
        return this;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The command that writes the tar inside {@code fileName} to standard output. */
    private static String decompressor(String fileName) {
        if (fileName.endsWith(".xz") || fileName.endsWith(".txz")) {
            return "xz -dc";
        }
        if (fileName.endsWith(".bz2") || fileName.endsWith(".tbz2")) {
            return "bzip2 -dc";
        }
        if (fileName.endsWith(".tar")) {
            return "cat";
        }
        return "gzip -dc";
    }

    public SourceSpec get(String component) {
        return Optional.ofNullable(specs.get(component))
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + component + "'"));
    }

    public Map<String, SourceSpec> all() {
        return Map.copyOf(specs);
    }
}
