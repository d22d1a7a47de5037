package io.kimigayo.oci.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A component of an image: an OS component compiled from a pinned source, the Java runtime, a library taken from the
 * build machine, a Maven dependency, the application.
 *
 * @param ref         its identifier inside the document, unique ({@code os/musl}, {@code maven/g/a@v})
 * @param type        what kind of thing it is
 * @param name        its name
 * @param version     its version, or null when it has none
 * @param supplier    who publishes it, or null when not known
 * @param description a sentence about it, or null
 * @param license     its licence as an SPDX expression, or null when not known
 * @param purl        its package URL, or null
 * @param cpe         its CPE 2.3 name as NVD records the product, or null when NVD has none
 * @param fileName    the file it comes as (a source archive, a jar), or null
 * @param downloadUrl where that file is published, or null
 * @param sha256      the SHA-256 of that file (or of the component itself: a jar, a library), or null
 * @param properties  more facts, by name ({@code kimigayo:...}); sorted
 * @param dependsOn   the refs of the components it needs, in order
 */
public record SbomComponent(String ref, Type type, String name, String version, String supplier, String description,
                            String license, String purl, String cpe, String fileName, String downloadUrl,
                            String sha256, Map<String, String> properties, List<String> dependsOn) {

    /** The kinds of component, with their names in CycloneDX and SPDX (primary package purpose). */
    public enum Type {
        CONTAINER("container", "CONTAINER"),
        OPERATING_SYSTEM("operating-system", "OPERATING_SYSTEM"),
        APPLICATION("application", "APPLICATION"),
        FRAMEWORK("framework", "FRAMEWORK"),
        LIBRARY("library", "LIBRARY"),
        DATA("data", "OTHER");

        private final String cycloneDx;
        private final String spdx;

        Type(String cycloneDx, String spdx) {
            this.cycloneDx = cycloneDx;
            this.spdx = spdx;
        }

        public String cycloneDx() {
            return cycloneDx;
        }

        public String spdx() {
            return spdx;
        }
    }

    public SbomComponent {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A component of {@code type} named {@code name}, with nothing else known yet. */
    public static SbomComponent of(String ref, Type type, String name, String version) {
        return new SbomComponent(ref, type, name, version, null, null, null, null, null, null, null, null, null,
                null);
    }

    public SbomComponent withSupplier(String supplier) {
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, properties, dependsOn);
    }

    public SbomComponent withDescription(String description) {
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, properties, dependsOn);
    }

    public SbomComponent withLicense(String license) {
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, properties, dependsOn);
    }

    public SbomComponent withIdentity(String purl, String cpe) {
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, properties, dependsOn);
    }

    public SbomComponent withFile(String fileName, String downloadUrl, String sha256) {
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, properties, dependsOn);
    }

    public SbomComponent withProperty(String key, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new TreeMap<>(properties);
        more.put(key, value);
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, more, dependsOn);
    }

    public SbomComponent withDependsOn(List<String> refs) {
        return new SbomComponent(ref, type, name, version, supplier, description, license, purl, cpe, fileName,
                downloadUrl, sha256, properties, refs);
    }
}
