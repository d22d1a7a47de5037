package io.kimigayo.oci.pack;

import io.kimigayo.oci.layout.BaseImage;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayoutReader;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.registry.ImagePusher;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.oci.registry.RegistryPuller;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code from=<registry reference>}: the base pulled from a registry (through the blob cache) into a scratch
 * layout, then read like any layout base, so every blob and diff ID is checked the same way. The new image's
 * index.json entries name the base ({@code org.opencontainers.image.base.name}/{@code .digest}), which lets a push
 * to the same registry mount the base's layers instead of sending them.
 */
final class RegistryBase {

    private static final String SCRATCH_TAG = "base";

    BaseImage read(ImageReference reference, Platform platform, BlobStore into, Path scratch,
                   RegistryAccess access) throws IOException {
        Files.createDirectories(scratch);
        Descriptor pulled = new RegistryPuller(access).pull(reference, platform, scratch, SCRATCH_TAG);
        BaseImage base = new OciLayoutReader().read(scratch, SCRATCH_TAG, platform, into, reference.toString());
        return base.withAnnotations(Map.of(
                ImagePusher.BASE_NAME, reference.toString(),
                ImagePusher.BASE_DIGEST, pulled.digest().toString()));
    }
}
