package io.kimigayo.signing.attestation;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the attestations of an image are made from.
 *
 * @param sbomDirectory   where the image's SBOMs are ({@code target/kimigayo/sbom}): {@code image.cdx.json}, and with
 *                        several platforms {@code image-<os>-<arch>.cdx.json}; a missing file means no SBOM
 *                        attestation for that image
 * @param rootfsDirectory where the rootfs descriptions are ({@code target/kimigayo/rootfs}): {@code rootfs.json}, and
 *                        with several platforms {@code <arch>/rootfs.json}; missing means the image was not built on
 *                        a Kimigayo rootfs (no components to name)
 * @param builder         the builder: the coordinates and version of the tool that built and signed the image
 * @param project         the coordinates of the project the image was built from
 * @param parameters      the build's parameters that shaped the image (name, identity, ...), recorded as given
 * @param timestamp       the build timestamp (never the clock): the provenance's start and finish times
 */
public record AttestationRequest(Path sbomDirectory, Path rootfsDirectory, Coordinates builder, Coordinates project,
                                 Map<String, String> parameters, Instant timestamp) {

    public AttestationRequest {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(
                parameters.entrySet().stream().filter(e -> e.getKey() != null && e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        if (builder == null || project == null || timestamp == null) {
            throw new IllegalArgumentException("attestations need the builder, the project and the build timestamp");
        }
    }

    /**
     * Maven-style coordinates.
     *
     * @param groupId    the group
     * @param artifactId the artifact
     * @param version    the version
     */
    public record Coordinates(String groupId, String artifactId, String version) {

        /** As a package URL: {@code pkg:maven/<group>/<artifact>@<version>}. */
        public String purl() {
            return "pkg:maven/" + groupId + "/" + artifactId + "@" + version;
        }
    }
}
