package io.kimigayo.app;

import io.kimigayo.app.java.DebianPackages;
import io.kimigayo.app.java.Jdk;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.oci.sbom.OsComponents;
import io.kimigayo.oci.sbom.SbomComponent;
import io.kimigayo.oci.sbom.SbomContent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the SBOM of an application image says about the layers {@code build} adds: the application (depending on its
 * Maven dependencies and the Java runtime), each Maven dependency as {@code pkg:maven/group/artifact@version} with the
 * SHA-256 of its jar, the Java runtime (vendor, version, modules; the Debian package of the JDK it was linked from when
 * the JDK's machine has a dpkg database; NVD's {@code oracle:openjdk} CPE) depending on each native library copied in
 * with it (its path, origin, SHA-256, and the Debian package it came from, as {@code pkg:deb}).
 */
final class ApplicationSbom {

    static final String APP_REF = "app";
    static final String RUNTIME_REF = "java-runtime";

    /** NVD's vendor and product of the upstream projects of Debian packages whose libraries a runtime takes. */
    private static final Map<String, String> NVD_PRODUCTS = Map.of(
            "libc6", "gnu:glibc",
            "zlib1g", "zlib:zlib");

    private ApplicationSbom() {
    }

    /**
     * @param name         the application's name (the image's repository)
     * @param version      its version (the image's tag)
     * @param mainClass    the class the entrypoint starts
     * @param module       its module, or null
     * @param dependencies the Maven dependencies in the image
     * @param jdk          the JDK the runtime was linked from
     * @param modules      the runtime's modules
     * @param libraries    the native libraries added for the runtime
     * @param sysroot      where those libraries were taken from
     */
    static SbomContent of(String name, String version, String mainClass, String module,
                          List<Dependency> dependencies, Jdk jdk, List<String> modules,
                          List<NativeLibrary> libraries, Path sysroot) throws IOException {
        List<SbomComponent> components = new ArrayList<>();
        List<String> appNeeds = new ArrayList<>(List.of(RUNTIME_REF));
        for (Dependency d : dependencies) {
            SbomComponent maven = maven(d);
            if (components.stream().noneMatch(c -> c.ref().equals(maven.ref()))) {
                components.add(maven);
                appNeeds.add(maven.ref());
            }
        }
        SbomComponent app = SbomComponent.of(APP_REF, SbomComponent.Type.APPLICATION, name, version)
                .withDescription("the Java application the image runs")
                .withProperty("kimigayo:main-class", mainClass)
                .withProperty("kimigayo:module", module)
                .withDependsOn(appNeeds);
        components.add(0, app);

        DebianPackages packages = new DebianPackages(sysroot);
        List<String> runtimeNeeds = new ArrayList<>();
        for (NativeLibrary library : libraries) {
            SbomComponent lib = nativeLibrary(library, packages.owner(library.origin()));
            components.add(lib);
            runtimeNeeds.add(lib.ref());
        }
        components.add(components.indexOf(app) + 1, runtime(jdk, modules, runtimeNeeds));
        return new SbomContent(components, List.of(APP_REF));
    }

    private static SbomComponent runtime(Jdk jdk, List<String> modules, List<String> needs) throws IOException {
        String vendor = jdk.release().get("IMPLEMENTOR");
        String javaVersion = jdk.release().getOrDefault("JAVA_VERSION", jdk.version());
        Optional<DebianPackages.Package> deb = Optional.empty();
        Path release = jdk.home().resolve("release");
        if (Files.isRegularFile(release)) {
            deb = new DebianPackages(Path.of("/")).owner(release.toRealPath().toString());
        }
        String purl = deb.map(ApplicationSbom::debPurl)
                .orElse(OsComponents.purl("generic", null, "openjdk", jdk.version(), new TreeMap<>()));
        return SbomComponent.of(RUNTIME_REF, SbomComponent.Type.FRAMEWORK, "openjdk", jdk.version())
                .withSupplier(vendor)
                .withDescription("a Java runtime linked by jlink, in " + ApplicationRequest.JAVA_HOME)
                .withIdentity(purl, "cpe:2.3:a:oracle:openjdk:" + javaVersion + ":*:*:*:*:*:*:*")
                .withLicense("GPL-2.0-only WITH Classpath-exception-2.0")
                .withProperty("kimigayo:java-home", ApplicationRequest.JAVA_HOME)
                .withProperty("kimigayo:modules", String.join(",", modules))
                .withProperty("kimigayo:origin-package", deb.map(ApplicationSbom::describe).orElse(null))
                .withDependsOn(needs);
    }

    private static SbomComponent nativeLibrary(NativeLibrary library, Optional<DebianPackages.Package> deb) {
        String fileName = library.path().substring(library.path().lastIndexOf('/') + 1);
        SbomComponent lib = SbomComponent.of("native:" + library.path(), SbomComponent.Type.LIBRARY, fileName,
                        deb.map(DebianPackages.Package::version).orElse(null))
                .withDescription("a native library of the Java runtime, from the build's machine")
                .withFile(fileName, null, library.sha256())
                .withProperty("kimigayo:path", library.path())
                .withProperty("kimigayo:origin", library.origin())
                .withProperty("kimigayo:needed-by", library.neededBy())
                .withProperty("kimigayo:origin-package", deb.map(ApplicationSbom::describe).orElse(null));
        if (deb.isPresent()) {
            String product = NVD_PRODUCTS.get(deb.get().name());
            lib = lib.withIdentity(debPurl(deb.get()), product == null ? null
                    : "cpe:2.3:a:" + product + ":" + deb.get().upstreamVersion() + ":*:*:*:*:*:*:*");
        }
        return lib;
    }

    private static String describe(DebianPackages.Package p) {
        return p.name() + ":" + p.architecture() + " " + p.version();
    }

    private static String debPurl(DebianPackages.Package p) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("arch", p.architecture());
        if (p.distro() != null) {
            qualifiers.put("distro", p.distro());
        }
        return OsComponents.purl("deb", "debian", p.name(), p.version(), qualifiers);
    }

    private static SbomComponent maven(Dependency d) throws IOException {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (!d.classifier().isEmpty()) {
            qualifiers.put("classifier", d.classifier());
        }
        String version = d.version().isEmpty() ? null : d.version();
        String purl = OsComponents.purl("maven", d.groupId().isEmpty() ? null : d.groupId(), d.artifactId(),
                version, qualifiers);
        boolean jar = Files.isRegularFile(d.file());
        return SbomComponent.of("maven:" + d.groupId() + ":" + d.artifactId() + ":" + d.version()
                                + (d.classifier().isEmpty() ? "" : ":" + d.classifier()),
                        SbomComponent.Type.LIBRARY, d.artifactId(), version)
                .withIdentity(purl, null)
                .withFile(jar ? d.file().getFileName().toString() : null, null, jar ? Sha256.hex(d.file()) : null)
                .withProperty("kimigayo:maven-group", d.groupId())
                .withProperty("kimigayo:layer-kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
}
