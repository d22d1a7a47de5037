package io.kimigayo.signing.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The SLSA provenance v1 predicate of a Kimigayo image ({@code https://slsa.dev/provenance/v1}): who built it
 * ({@code runDetails.builder}: the plugin's coordinates), how ({@link #BUILD_TYPE}), from what
 * ({@code externalParameters}: the project and the parameters; {@code resolvedDependencies}: every component's
 * pinned source from {@code rootfs.json}, the Java runtime and its host libraries, the base image), when
 * ({@code metadata}: the build timestamp, never the clock) and that the result is reproducible
 * ({@code internalParameters}).
 */
public final class SlsaProvenance {

    /** The predicate type. */
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

    /**
     * The build type: an OCI image built by Kimigayo from pinned sources, reproducibly, as described by
     * docs/security/attestations.md.
     */
    public static final String BUILD_TYPE = "https://kimigayo.io/provenance/oci-image/v1";

    private static final String ROOTFS_JSON = "rootfs.json";

    private SlsaProvenance() {
    }

    /**
     * The predicate.
     *
     * @param request   the builder, project, parameters, timestamp and where the rootfs descriptions are
     * @param platform  the platform of the image the predicate is about, or null for the whole image (an image
     *                  manifest, or an index and all its platforms)
     * @param platforms the platforms of the image (one, or the index's)
     * @param baseName  the base image's reference when it came from a registry (pack-oci's
     *                  {@code org.opencontainers.image.base.name}), or null
     * @param baseDigest the base image's digest, or null
     * @param sboms     the SBOM files attested with the image, recorded as byproducts
     */
    public static ObjectNode predicate(AttestationRequest request, Platform platform, List<Platform> platforms,
                                       String baseName, String baseDigest, List<Path> sboms) throws IOException {
        ObjectNode predicate = AttestationJson.MAPPER.createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters");
        ObjectNode project = external.putObject("project");
        project.put("groupId", request.project().groupId());
        project.put("artifactId", request.project().artifactId());
        project.put("version", request.project().version());
        project.put("purl", request.project().purl());
        ObjectNode parameters = external.putObject("parameters");
        request.parameters().forEach(parameters::put);
        ArrayNode platformNames = external.putArray("platforms");
        platforms.forEach(p -> platformNames.add(p.toString()));

        ObjectNode internal = definition.putObject("internalParameters");
        internal.put("sourceDateEpoch", request.timestamp().getEpochSecond());
        internal.put("reproducible", true);
        internal.put("reproducibility", "bit-identical: the same project, parameters, resolved dependencies and "
                + "build timestamp give the same image digest; no clock, random value, user, host or path of the "
                + "build machine enters the image");

        ArrayNode dependencies = definition.putArray("resolvedDependencies");
        resolvedDependencies(request.rootfsDirectory(), platform, dependencies);
        if (baseName != null && baseDigest != null) {
            ObjectNode base = dependencies.addObject();
            base.put("name", "base-image");
            base.put("uri", "oci://" + baseName);
            base.putObject("digest").put("sha256", Digest.parse(baseDigest).hex());
        }

        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", request.builder().purl());
        builder.putObject("version").put(request.builder().artifactId(), request.builder().version());
        ObjectNode metadata = run.putObject("metadata");
        metadata.put("startedOn", request.timestamp().toString());
        metadata.put("finishedOn", request.timestamp().toString());
        if (!sboms.isEmpty()) {
            ArrayNode byproducts = run.putArray("byproducts");
            for (Path sbom : sboms) {
                ObjectNode node = byproducts.addObject();
                node.put("name", sbom.getFileName().toString());
                node.putObject("digest").put("sha256", Digest.of(Files.readAllBytes(sbom)).hex());
                node.put("mediaType", "application/vnd.cyclonedx+json");
            }
        }
        return predicate;
    }

    /**
     * The components of the rootfs descriptions that apply to the platform (all of them when it is null, or when
     * none names its machine), each once, then the Java runtime and its host libraries.
     */
    private static void resolvedDependencies(Path rootfsDirectory, Platform platform, ArrayNode out)
            throws IOException {
        List<JsonNode> descriptions = new ArrayList<>();
        for (Path json : rootfsDescriptions(rootfsDirectory)) {
            try {
                descriptions.add(AttestationJson.read(Files.readAllBytes(json)));
            } catch (IOException e) {
                throw new IOException(json + " is not readable JSON (" + e.getMessage() + "); build the rootfs "
                        + "again", e);
            }
        }
        if (platform != null) {
            List<JsonNode> matching = descriptions.stream()
                    .filter(d -> architecture(d.path("arch").asText("")).equals(platform.architecture()))
                    .toList();
            if (!matching.isEmpty()) {
                descriptions = matching;
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode description : descriptions) {
            for (JsonNode component : description.path("components")) {
                String url = component.path("url").asText(null);
                String sha256 = component.path("sha256").asText(null);
                String name = component.path("name").asText("");
                if ((url == null && sha256 == null) || !seen.add(name + " " + url + " " + sha256)) {
                    continue;
                }
                ObjectNode node = out.addObject();
                node.put("name", name);
                if (url != null) {
                    node.put("uri", url);
                }
                if (sha256 != null) {
                    node.putObject("digest").put("sha256", sha256);
                }
                ObjectNode annotations = node.putObject("annotations");
                putIfText(annotations, "version", component.path("version"));
                putIfText(annotations, "license", component.path("license"));
                putIfText(annotations, "file", component.path("file"));
            }
        }
        for (JsonNode description : descriptions) {
            JsonNode runtime = description.path("javaRuntime");
            if (!runtime.isObject()) {
                continue;
            }
            String version = runtime.path("version").asText("unknown");
            if (seen.add("java-runtime " + version)) {
                ObjectNode node = out.addObject();
                node.put("name", "java-runtime");
                node.put("uri", "pkg:generic/java-runtime@" + version);
                ObjectNode annotations = node.putObject("annotations");
                annotations.put("version", version);
                List<String> modules = new ArrayList<>();
                runtime.path("modules").forEach(m -> modules.add(m.asText()));
                annotations.put("modules", String.join(",", modules));
                putIfText(annotations, "path", runtime.path("path"));
            }
            for (JsonNode library : runtime.path("nativeLibraries")) {
                String origin = library.path("origin").asText(null);
                String sha256 = library.path("sha256").asText(null);
                if (origin == null || sha256 == null || !seen.add("lib " + origin + " " + sha256)) {
                    continue;
                }
                ObjectNode node = out.addObject();
                node.put("name", library.path("path").asText(origin));
                node.put("uri", "file://" + origin);
                node.putObject("digest").put("sha256", sha256);
                ObjectNode annotations = node.putObject("annotations");
                annotations.put("kind", "java-runtime native library from the build machine");
            }
        }
    }

    private static void putIfText(ObjectNode node, String name, JsonNode value) {
        if (value.isTextual()) {
            node.put(name, value.asText());
        }
    }

    /** {@code rootfs.json}, then {@code <arch>/rootfs.json} of each machine, in name order. */
    static List<Path> rootfsDescriptions(Path rootfsDirectory) throws IOException {
        List<Path> found = new ArrayList<>();
        if (rootfsDirectory == null || !Files.isDirectory(rootfsDirectory)) {
            return found;
        }
        if (Files.isRegularFile(rootfsDirectory.resolve(ROOTFS_JSON))) {
            found.add(rootfsDirectory.resolve(ROOTFS_JSON));
        }
        try (Stream<Path> children = Files.list(rootfsDirectory)) {
            children.map(d -> d.resolve(ROOTFS_JSON)).filter(Files::isRegularFile).sorted().forEach(found::add);
        }
        return found;
    }

    /** The OCI architecture of a Kimigayo machine name. */
    private static String architecture(String machine) {
        return switch (machine) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> machine;
        };
    }
}
