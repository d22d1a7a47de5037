package io.kimigayo.oci.sbom;

import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The SBOMs of one image, made from what the build made: the components of its Kimigayo OS rootfs
 * ({@code rootfs.json}), what the front end knows about the layers it added ({@link SbomContent}: a Java runtime, its
 * libraries, Maven dependencies), and the executable and ELF files of every layer with their digests. They go into the
 * image as its last layer, at {@value #IMAGE_DIRECTORY}, where scanners look for SBOMs (Trivy's SBOM analyser reads
 * every file whose name ends in {@code .cdx.json} or {@code .spdx.json}), so that they describe every layer below.
 *
 * <p>Nothing depends on the clock: the timestamp is the build timestamp, and the serial number (CycloneDX) and
 * document namespace (SPDX) are a name-based UUID of the image's name, platform, build timestamp and the diff IDs of
 * the layers described, so the same image gets the same SBOM bytes, and another image another serial.
 */
public final class ImageSbom {

    /** Where the SBOMs are inside the image. */
    public static final String IMAGE_DIRECTORY = "/usr/share/kimigayo/sbom";
    /** Where the SBOMs are in the output directory. */
    public static final String OUTPUT_DIRECTORY = "sbom";
    /** The base name of the SBOM files inside an image. */
    public static final String IMAGE_NAME = "image";

    /** One layer described: its diff ID and the files it holds that the SBOM lists. */
    public record DescribedLayer(String diffId, List<SbomFile> files) {
        public DescribedLayer {
            files = List.copyOf(files);
        }
    }

    /** The two documents, checked against their schemas. */
    public record Documents(byte[] cycloneDx, byte[] spdx) {
    }

    /**
     * The SBOM of one platform's image.
     *
     * @param imageName the image's name ({@code registry/repo})
     * @param tag       its tag
     * @param rootfs    the rootfs the image is built on
     * @param layers    every layer below the SBOM's own, in order
     * @param content   what the front end adds
     */
    public Sbom compose(String imageName, String tag, Platform platform, Instant created, RootfsManifest rootfs,
                        List<DescribedLayer> layers, SbomContent content) {
        List<SbomComponent> components = new ArrayList<>(OsComponents.of(rootfs));
        components.addAll(content.components());
        List<String> refs = components.stream().map(SbomComponent::ref).toList();
        for (int i = 0; i < refs.size(); i++) {
            if (refs.indexOf(refs.get(i)) != i) {
                throw new IllegalArgumentException("SBOM: two components are named " + refs.get(i));
            }
        }
        List<String> top = new ArrayList<>(List.of(OsComponents.OS_REF));
        top.addAll(content.roots());
        SbomComponent subject = SbomComponent.of("image", SbomComponent.Type.CONTAINER, imageName, tag)
                .withDescription("an OCI image of " + components.get(0).name() + " " + rootfs.version() + " for "
                        + platform)
                .withProperty("kimigayo:platform", platform.toString())
                .withDependsOn(top);
        StringBuilder identity = new StringBuilder("kimigayo-sbom\n").append(imageName).append(':').append(tag)
                .append('\n').append(platform).append('\n').append(created).append('\n');
        for (int i = 0; i < layers.size(); i++) {
            subject = subject.withProperty("kimigayo:layer:" + i, layers.get(i).diffId());
            identity.append(layers.get(i).diffId()).append('\n');
        }
        List<SbomFile> files = layers.stream().flatMap(l -> l.files().stream())
                .sorted(Comparator.comparing(SbomFile::path).thenComparing(SbomFile::layer)).toList();
        UUID serial = UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8));
        return new Sbom(subject, created, serial, components, files);
    }

    /** Both documents, each checked against its schema. */
    public Documents write(Sbom sbom) throws IOException {
        byte[] cdx = new CycloneDxWriter().write(sbom);
        byte[] spdx = new SpdxWriter().write(sbom);
        SbomValidator validator = new SbomValidator();
        validator.checkCycloneDx(IMAGE_NAME + CycloneDxWriter.SUFFIX, cdx);
        validator.checkSpdx(IMAGE_NAME + SpdxWriter.SUFFIX, spdx);
        return new Documents(cdx, spdx);
    }

    /** The SBOM layer: both documents in {@value #IMAGE_DIRECTORY}, readable by everyone, owned by root. */
    public FileTree layer(Documents documents) {
        return new FileTree()
                .addFile(IMAGE_DIRECTORY + "/" + IMAGE_NAME + CycloneDxWriter.SUFFIX,
                        Content.of(documents.cycloneDx()), 0644, 0, 0)
                .addFile(IMAGE_DIRECTORY + "/" + IMAGE_NAME + SpdxWriter.SUFFIX,
                        Content.of(documents.spdx()), 0644, 0, 0);
    }

    /**
     * The base name of a platform's SBOM files in the output directory: {@code image} for a single-platform image,
     * {@code image-<os>-<arch>} for each platform of an image index ({@code image-linux-arm64}; the variant, such as
     * arm64's {@code v8}, is left out of the name).
     */
    public static String outputName(Platform platform, boolean severalPlatforms) {
        if (!severalPlatforms) {
            return IMAGE_NAME;
        }
        return IMAGE_NAME + "-" + platform.os() + "-" + platform.architecture();
    }
}
