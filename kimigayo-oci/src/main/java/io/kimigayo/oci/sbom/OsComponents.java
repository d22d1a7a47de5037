package io.kimigayo.oci.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.kimigayo.rootfs.RootfsManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The components of a Kimigayo OS root filesystem as {@code rootfs.json} records them, as SBOM components: each with
 * its version, licence, pinned source archive (URL and SHA-256; a source pinned by its uncompressed tar, such as
 * OpenRC's forge archive, says so in {@code kimigayo:source:tar-sha256} instead), a {@code pkg:generic} purl with the
 * download URL, and the CPE under which NVD files the product's vulnerabilities, where NVD has one.
 */
public final class OsComponents {

    /** The ref of the OS itself; its components are {@code os/<name>}. */
    public static final String OS_REF = "os";

    /**
     * NVD's vendor and product of each component, as NVD's CPE dictionary and CVE records name them (musl's CVEs
     * name {@code musl-libc:musl}, OpenRC's {@code openrc_project:openrc}). Components without a product of their
     * own there (the CA bundle, the time zones, TinyCC's git snapshot) get no CPE rather than a guessed one.
     */
    private static final Map<String, String> NVD_PRODUCTS = Map.of(
            "musl", "musl-libc:musl",
            "busybox", "busybox:busybox",
            "openrc", "openrc_project:openrc",
            "libcap", "libcap_project:libcap",
            "make", "gnu:make",
            "strace", "strace_project:strace");

    /** What each component links: every program is linked against musl; OpenRC's daemons link libcap. */
    private static final Map<String, List<String>> LINKS = Map.of(
            "busybox", List.of("musl"),
            "openrc", List.of("musl", "libcap"),
            "libcap", List.of("musl"),
            "make", List.of("musl"),
            "strace", List.of("musl"),
            "tcc", List.of("musl"));

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "musl", "the C standard library and dynamic loader",
            "busybox", "the shell and the core tools",
            "openrc", "the init system and service manager",
            "libcap", "POSIX capabilities, linked into OpenRC's daemons",
            "ca-certificates", "Mozilla's root certificates as a CA bundle",
            "tzdata", "IANA's time-zone database, compiled with zic",
            "make", "GNU make",
            "strace", "the system-call tracer",
            "tcc", "TinyCC, a small C compiler");

    private OsComponents() {
    }

    /** The OS (an {@code operating-system} component depending on each of its components), then its components. */
    public static List<SbomComponent> of(RootfsManifest rootfs) {
        List<SbomComponent> parts = new ArrayList<>();
        List<RootfsManifest.Component> components = rootfs.components() == null ? List.of() : rootfs.components();
        List<String> names = components.stream().map(RootfsManifest.Component::name).toList();
        for (RootfsManifest.Component c : components) {
            String pin = c.sha256();
            boolean tarPin = pin != null && pin.startsWith("tar:");
            String product = NVD_PRODUCTS.get(c.name());
            SbomComponent component = SbomComponent.of(ref(c.name()), SbomComponent.Type.LIBRARY, c.name(),
                            c.version())
                    .withDescription(DESCRIPTIONS.get(c.name()))
                    .withLicense(c.license())
                    .withIdentity(genericPurl(c.name(), c.version(), c.url()),
                            product == null ? null : cpe(product, c.version()))
                    .withFile(c.file(), c.url(), tarPin ? null : pin)
                    .withProperty("kimigayo:source:tar-sha256", tarPin ? pin.substring(4) : null)
                    .withProperty("kimigayo:build-key", c.buildKey())
                    .withDependsOn(LINKS.getOrDefault(c.name(), List.of()).stream().filter(names::contains)
                            .map(OsComponents::ref).toList());
            if (c.name().equals("tzdata") || c.name().equals("ca-certificates")) {
                component = new SbomComponent(component.ref(), SbomComponent.Type.DATA, component.name(),
                        component.version(), component.supplier(), component.description(), component.license(),
                        component.purl(), component.cpe(), component.fileName(), component.downloadUrl(),
                        component.sha256(), component.properties(), component.dependsOn());
            }
            parts.add(component);
        }
        String name = rootfs.name() == null ? "Kimigayo OS" : rootfs.name();
        SbomComponent os = SbomComponent.of(OS_REF, SbomComponent.Type.OPERATING_SYSTEM, name, rootfs.version())
                .withDescription(name + " " + rootfs.version() + " (" + rootfs.variant() + ") for "
                        + rootfs.arch())
                .withProperty("kimigayo:variant", rootfs.variant())
                .withProperty("kimigayo:arch", rootfs.arch())
                .withProperty("kimigayo:rootfs-tar-sha256", rootfs.sha256() == null ? null : rootfs.sha256().tar())
                .withDependsOn(names.stream().map(OsComponents::ref).toList());
        List<SbomComponent> all = new ArrayList<>();
        all.add(os);
        all.addAll(parts);
        return all;
    }

    public static String ref(String component) {
        return OS_REF + "/" + component;
    }

    /** {@code cpe:2.3:a:<vendor>:<product>:<version>:*:*:*:*:*:*:*}, the version escaped as CPE 2.3 asks. */
    static String cpe(String vendorProduct, String version) {
        String escaped = version.replaceAll("([^A-Za-z0-9._-])", "\\\\$1");
        return "cpe:2.3:a:" + vendorProduct + ":" + escaped + ":*:*:*:*:*:*:*";
    }

    /** {@code pkg:generic/<name>@<version>?download_url=<url>}, canonical (the URL percent-encoded). */
    static String genericPurl(String name, String version, String url) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (url != null) {
            qualifiers.put("download_url", url);
        }
        return purl("generic", null, name, version, qualifiers);
    }

    /** A canonical package URL. */
    public static String purl(String type, String namespace, String name, String version,
                              TreeMap<String, String> qualifiers) {
        try {
            return new PackageURL(type, namespace, name, version, qualifiers.isEmpty() ? null : qualifiers, null)
                    .canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("no package URL for " + type + " " + name + " " + version + ": "
                    + e.getMessage(), e);
        }
    }
}
