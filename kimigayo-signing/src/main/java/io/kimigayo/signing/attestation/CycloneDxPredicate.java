package io.kimigayo.signing.attestation;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CycloneDX SBOM predicate ({@code https://cyclonedx.org/bom}): the CycloneDX JSON document itself. */
public final class CycloneDxPredicate {

    /** The predicate type ({@code cosign attest --type cyclonedx}). */
    public static final String PREDICATE_TYPE = "https://cyclonedx.org/bom";

    private CycloneDxPredicate() {
    }

    /**
     * Reads a CycloneDX JSON document as the predicate, keeping its fields and values as the file has them.
     *
     * @throws IOException naming the file when it is not a CycloneDX JSON document
     */
    public static JsonNode read(Path file) throws IOException {
        JsonNode document;
        try {
            document = AttestationJson.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + " is not a readable JSON document (" + e.getMessage() + "); build the "
                    + "image again to write its SBOM", e);
        }
        if (!document.isObject() || !"CycloneDX".equals(document.path("bomFormat").asText(null))) {
            throw new IOException(file + " is not a CycloneDX JSON document (bomFormat is not \"CycloneDX\"); "
                    + "build the image again to write its SBOM");
        }
        return document;
    }
}
