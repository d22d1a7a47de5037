package io.kimigayo.oci.sbom;

import java.util.List;

/**
 * What a front end knows about the layers it adds, beyond their files: the components in them (a Java runtime, its
 * libraries, Maven dependencies, the application) and which of them the image runs.
 *
 * @param components the components, in order
 * @param roots      the refs of the components the image itself depends on (the application)
 */
public record SbomContent(List<SbomComponent> components, List<String> roots) {

    public static final SbomContent NONE = new SbomContent(List.of(), List.of());

    public SbomContent {
        components = components == null ? List.of() : List.copyOf(components);
        roots = roots == null ? List.of() : List.copyOf(roots);
    }
}
