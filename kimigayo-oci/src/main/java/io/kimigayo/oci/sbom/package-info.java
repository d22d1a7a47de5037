/**
 * Software bills of materials of an image: a format-neutral model ({@link io.kimigayo.oci.sbom.Sbom}: components,
 * files, dependencies) made from what the build made ({@link io.kimigayo.oci.sbom.ImageSbom}), two writers
 * ({@link io.kimigayo.oci.sbom.CycloneDxWriter}, CycloneDX 1.6 JSON; {@link io.kimigayo.oci.sbom.SpdxWriter}, SPDX 2.3
 * JSON) and the check of both against their official schemas ({@link io.kimigayo.oci.sbom.SbomValidator}).
 */
package io.kimigayo.oci.sbom;
