package io.kimigayo.oci.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Checks Kimigayo's own SBOMs against the official schemas before they go into an image: CycloneDX 1.6 with the
 * CycloneDX project's validator ({@code org.cyclonedx:cyclonedx-core-java}, which holds the 1.6 schema and the SPDX
 * licence list it refers to), SPDX 2.3 with the SPDX project's JSON schema ({@code spdx-schema-2.3.json} beside this
 * class: {@code resources/spdx-schema-v2.3.json} of the SPDX project's {@code org.spdx:tools-java} 2.0.1). An invalid
 * document is a bug of Kimigayo, and fails the build naming the document and every violation.
 */
public final class SbomValidator {

    static final String SPDX_SCHEMA = "spdx-schema-2.3.json";

    private static final JsonSchema SPDX = loadSpdxSchema();

    /** Thrown when an SBOM breaks its schema. */
    public static final class InvalidSbomException extends IllegalStateException {
        public InvalidSbomException(String message) {
            super(message);
        }
    }

    /**
     * @param name what the document is, for the message ({@code image.cdx.json})
     * @throws InvalidSbomException naming each violation
     */
    public void checkCycloneDx(String name, byte[] json) throws IOException {
        List<ParseException> problems = new JsonParser().validate(json, Version.VERSION_16);
        if (!problems.isEmpty()) {
            throw new InvalidSbomException(name + " is not valid CycloneDX " + CycloneDxWriter.SPEC_VERSION + ": "
                    + String.join("; ", problems.stream().map(ParseException::getMessage).toList())
                    + "; this is a bug of Kimigayo's SBOM writer, please report it with the image's build");
        }
    }

    /**
     * @param name what the document is, for the message ({@code image.spdx.json})
     * @throws InvalidSbomException naming each violation
     */
    public void checkSpdx(String name, byte[] json) throws IOException {
        JsonNode node = CycloneDxWriter.JSON.readTree(json);
        Set<ValidationMessage> problems = SPDX.validate(node);
        if (!problems.isEmpty()) {
            throw new InvalidSbomException(name + " is not valid " + SpdxWriter.SPEC_VERSION + ": "
                    + String.join("; ", problems.stream().map(ValidationMessage::getMessage).sorted().toList())
                    + "; this is a bug of Kimigayo's SBOM writer, please report it with the image's build");
        }
        if (!"SPDX-2.3".equals(node.path("spdxVersion").asText())) {
            throw new InvalidSbomException(name + ": spdxVersion is " + node.path("spdxVersion")
                    + ", not SPDX-2.3");
        }
    }

    private static JsonSchema loadSpdxSchema() {
        try (InputStream in = SbomValidator.class.getResourceAsStream(SPDX_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SPDX_SCHEMA + " is missing from the kimigayo-oci jar");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
