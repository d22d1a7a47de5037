package io.kimigayo.oci.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes an {@link Sbom} as CycloneDX 1.6 JSON: the image as {@code metadata.component}, each component with its
 * licence, purl, CPE, hashes, source archive ({@code externalReferences} of type {@code source-distribution}, with the
 * pinned digest) and properties; each file as a component of type {@code file}; the dependency graph as
 * {@code dependencies}. Keys in a fixed order, indented, no clock: the same SBOM gives the same bytes.
 */
public final class CycloneDxWriter {

    /** The file name suffix scanners look for (Trivy's SBOM analyser: {@code .cdx.json}). */
    public static final String SUFFIX = ".cdx.json";
    public static final String SPEC_VERSION = "1.6";

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public byte[] write(Sbom sbom) throws IOException {
        ObjectNode bom = JSON.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", SPEC_VERSION);
        bom.put("serialNumber", "urn:uuid:" + sbom.serial());
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", sbom.created().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.putArray("lifecycles").addObject().put("phase", "build");
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", Sbom.TOOL);
        metadata.set("component", component(sbom.subject()));

        ArrayNode components = bom.putArray("components");
        sbom.components().forEach(c -> components.add(component(c)));
        for (SbomFile file : sbom.files()) {
            ObjectNode node = components.addObject();
            node.put("type", "file");
            node.put("bom-ref", fileRef(file));
            node.put("name", file.path());
            ArrayNode hashes = node.putArray("hashes");
            hashes.addObject().put("alg", "SHA-1").put("content", file.sha1());
            hashes.addObject().put("alg", "SHA-256").put("content", file.sha256());
            node.putArray("properties").addObject().put("name", "kimigayo:layer").put("value", file.layer());
        }

        ArrayNode dependencies = bom.putArray("dependencies");
        dependency(dependencies, sbom.subject());
        sbom.components().forEach(c -> dependency(dependencies, c));
        return JSON.writeValueAsBytes(bom);
    }

    static String fileRef(SbomFile file) {
        return "file:" + file.path();
    }

    private static void dependency(ArrayNode dependencies, SbomComponent component) {
        ObjectNode node = dependencies.addObject();
        node.put("ref", component.ref());
        ArrayNode on = node.putArray("dependsOn");
        component.dependsOn().forEach(on::add);
    }

    private static ObjectNode component(SbomComponent c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", c.type().cycloneDx());
        node.put("bom-ref", c.ref());
        if (c.supplier() != null) {
            node.putObject("supplier").put("name", c.supplier());
        }
        node.put("name", c.name());
        if (c.version() != null) {
            node.put("version", c.version());
        }
        if (c.description() != null) {
            node.put("description", c.description());
        }
        boolean archive = c.downloadUrl() != null;
        if (c.sha256() != null && !archive) {
            node.putArray("hashes").addObject().put("alg", "SHA-256").put("content", c.sha256());
        }
        if (c.license() != null) {
            node.putArray("licenses").addObject().put("expression", c.license());
        }
        if (c.cpe() != null) {
            node.put("cpe", c.cpe());
        }
        if (c.purl() != null) {
            node.put("purl", c.purl());
        }
        if (archive) {
            ObjectNode ref = node.putArray("externalReferences").addObject();
            ref.put("url", c.downloadUrl());
            ref.put("type", "source-distribution");
            if (c.sha256() != null) {
                ref.putArray("hashes").addObject().put("alg", "SHA-256").put("content", c.sha256());
            }
        }
        if (!c.properties().isEmpty()) {
            ArrayNode properties = node.putArray("properties");
            for (Map.Entry<String, String> p : c.properties().entrySet()) {
                properties.addObject().put("name", p.getKey()).put("value", p.getValue());
            }
        }
        return node;
    }
}
