package io.kimigayo.oci.pack;

import io.kimigayo.core.output.OutputSet;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.oci.layout.BaseImage;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.rootfs.RootfsManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code from=rootfs}: this build's Kimigayo OS root filesystem ({@code rootfs/rootfs.tar} written by
 * build-rootfs, or {@code rootfs/<arch>/rootfs.tar} for each platform of a multi-platform build) as the base layer, with the defaults a shell image has (PATH, {@code /bin/sh}).
 */
final class RootfsBase {

    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * @param rootfsDirectory where build-rootfs wrote this platform's rootfs ({@code RootfsDirectory})
     * @param severalPlatforms whether the image is packed for several platforms, for the advice when it is missing
     */
    BaseImage read(Path rootfsDirectory, Platform platform, boolean severalPlatforms, Instant created,
                   BlobStore into, LayerCache cache) throws IOException {
        OutputSet.recover(rootfsDirectory); // a build-rootfs killed while it switched its outputs
        Path tar = rootfsDirectory.resolve("rootfs.tar");
        Path json = rootfsDirectory.resolve("rootfs.json");
        if (!Files.isRegularFile(tar) || !Files.isRegularFile(json)) {
            Path missing = Files.isRegularFile(tar) ? json : tar;
            throw new IOException("from=rootfs: " + missing + " is missing; run build-rootfs before pack-oci in the "
                    + "same build" + (severalPlatforms ? ", for the same platforms (each platform's rootfs is in "
                    + "rootfs/<arch>/ when a build is for several)" : ""));
        }
        RootfsManifest manifest = RootfsManifest.read(json);
        Platform built = Platform.parse("linux/" + manifest.arch());
        if (!platform.matches(built)) {
            throw new IOException("from=rootfs: the rootfs was built for " + built + " but this image is for "
                    + platform + "; build the rootfs with the same arch");
        }
        Layer layer = cache.tar(tar, into.directory(), new LayerWriter());
        String description = "kimigayo build-rootfs: Kimigayo OS " + manifest.version() + " ("
                + manifest.variant() + ")";
        ImageConfig config = new ImageConfig(created.toString(), null, platform.architecture(), platform.os(),
                platform.variant(),
                ImageConfig.RuntimeConfig.EMPTY.withEnv(List.of(DEFAULT_PATH)).withCmd(List.of("/bin/sh")),
                new ImageConfig.RootFs("layers", List.of(layer.diffId())),
                List.of(ImageConfig.History.of(created.toString(), description)));
        return new BaseImage(config, List.of(layer), "rootfs");
    }
}
