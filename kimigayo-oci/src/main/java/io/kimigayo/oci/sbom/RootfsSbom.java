package io.kimigayo.oci.sbom;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.rootfs.nativebuild.TargetArch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The SBOMs of a rootfs on its own, as the prebuilt Kimigayo OS is published ({@code io.kimigayo:kimigayo-os}):
 * the documents an image on it carries, with the rootfs as the image's one layer (its components from
 * {@code rootfs.json}, its files from {@code rootfs.tar}) and the published artifact as the subject.
 */
public final class RootfsSbom {

    private RootfsSbom() {
    }

    /**
     * Writes {@code rootfs.cdx.json} and {@code rootfs.spdx.json} next to the rootfs of {@code result}, each checked
     * against its schema, and returns their paths (CycloneDX first).
     *
     * @param name    the subject's name, {@code io.kimigayo/kimigayo-os}
     * @param version the subject's version, {@code <version>-<variant>-<arch>}
     */
    public static List<Path> write(RootfsResult result, String name, String version) throws IOException {
        RootfsManifest rootfs = result.manifest();
        Platform platform = Platform.parse("linux/" + TargetArch.parse(rootfs.arch()).debianName());
        String diffId = "sha256:" + Sha256.hex(result.tar());
        ImageSbom sboms = new ImageSbom();
        Sbom sbom = sboms.compose(name, version, platform, Instant.parse(rootfs.created()), rootfs,
                List.of(new ImageSbom.DescribedLayer(diffId, LayerFiles.ofTar(result.tar(), diffId))),
                SbomContent.NONE);
        ImageSbom.Documents documents = sboms.write(sbom);
        Path cdx = result.tar().resolveSibling("rootfs" + CycloneDxWriter.SUFFIX);
        Path spdx = result.tar().resolveSibling("rootfs" + SpdxWriter.SUFFIX);
        writeAtomically(cdx, documents.cycloneDx());
        writeAtomically(spdx, documents.spdx());
        return List.of(cdx, spdx);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = io.kimigayo.core.output.AtomicFiles.createTemp(target.toAbsolutePath().getParent(),
                target.getFileName().toString());
        try {
            Files.write(temp, bytes);
            io.kimigayo.core.output.AtomicFiles.moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
