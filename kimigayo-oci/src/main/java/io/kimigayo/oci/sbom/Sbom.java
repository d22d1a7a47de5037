package io.kimigayo.oci.sbom;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The bill of materials of one image, neutral of format: what {@link CycloneDxWriter} and {@link SpdxWriter} write.
 *
 * @param subject    the image itself (its name and tag; its layers' diff IDs as properties); its {@code dependsOn}
 *                   name the components the image holds at the top
 * @param created    the build timestamp
 * @param serial     the document's identity: a name-based UUID of what it describes, the same for the same image
 * @param components every component but the subject, in order
 * @param files      the files described, sorted by path
 */
public record Sbom(SbomComponent subject, Instant created, UUID serial, List<SbomComponent> components,
                   List<SbomFile> files) {

    /** The name of the tool written into both documents. */
    public static final String TOOL = "Kimigayo";

    public Sbom {
        components = List.copyOf(components);
        files = List.copyOf(files);
    }
}
