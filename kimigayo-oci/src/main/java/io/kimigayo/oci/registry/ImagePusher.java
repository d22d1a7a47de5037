package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Pushes an image from an OCI layout to a registry: the library entry point of the {@code push} goal.
 *
 * <p>Every blob of the image is checked against its descriptor first. Then each blob the registry lacks is sent
 * (or mounted from the base image's repository when the base came from the same registry), the manifest is stored
 * under every tag, and the image's cosign signatures ({@code sha256-<hex>.sig} in the layout) follow once the image
 * is there. Pushing again sends no blob and stores no manifest that is already there.
 */
public final class ImagePusher {

    /** The OCI annotation pack-oci writes in index.json when the base came from a registry. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    public PushResult push(PushRequest request) throws IOException {
        String origin = request.layout().toString();
        OciLayout layout = OciLayout.open(request.layout(), origin);
        Descriptor image = layout.resolve(request.sourceTag(), origin);
        RegistryReference target = request.target();
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(request.tags()));

        RegistryClient client = RegistryClient.connect(target.registry(), request.access());
        Counts counts = new Counts();
        String mountFrom = mountSource(image, target);
        pushManifest(layout, image, target, client, mountFrom, counts, request.access(), origin);
        for (String tag : tags) {
            putUnlessThere(client, target.repository(), tag, layout, image, counts, origin);
        }

        String signatureTag = "sha256-" + image.digest().hex() + ".sig";
        Optional<Descriptor> signature = layout.index().manifests().stream()
                .filter(d -> signatureTag.equals(d.annotations().get(Index.REF_NAME)))
                .findFirst();
        if (signature.isPresent()) {
            pushManifest(layout, signature.get(), target, client, null, counts, request.access(), origin);
            putUnlessThere(client, target.repository(), signatureTag, layout, signature.get(), counts, origin);
        }
        return new PushResult(target.withDigest(image.digest()), image.digest(), tags, counts.uploaded,
                counts.mounted, counts.present, counts.bytes, counts.manifests,
                signature.isPresent() ? signatureTag : null, client.requestCount());
    }

    private static final class Counts {
        int uploaded;
        int mounted;
        int present;
        long bytes;
        int manifests;
    }

    /** The repository to mount base layers from: the base's, when pack-oci took it from the same registry. */
    private static String mountSource(Descriptor image, RegistryReference target) {
        String base = image.annotations().get(BASE_NAME);
        if (base == null) {
            return null;
        }
        try {
            RegistryReference from = RegistryReference.parse(base);
            return from.registry().equals(target.registry()) && !from.repository().equals(target.repository())
                    ? from.repository() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Sends the blobs of a manifest (or, for an index, of each manifest it lists, stored by digest). */
    private static void pushManifest(OciLayout layout, Descriptor descriptor, RegistryReference target,
                                     RegistryClient client, String mountFrom, Counts counts, RegistryAccess access,
                                     String origin) throws IOException {
        BlobStore blobs = layout.blobs();
        if (MediaTypes.isIndex(descriptor.mediaType())) {
            byte[] bytes = BlobStore.readVerified(blobs.path(descriptor.digest()), descriptor, origin);
            for (Descriptor child : Json.read(bytes, Index.class).manifests()) {
                pushManifest(layout, child, target, client, mountFrom, counts, access, origin);
                putUnlessThere(client, target.repository(), child.digest().toString(), layout, child, counts, origin);
            }
            return;
        }
        Manifest manifest = layout.verifyImage(descriptor, origin);
        List<Descriptor> all = new ArrayList<>(manifest.layers());
        all.add(manifest.config());
        for (Descriptor blob : all) {
            String name = blob.digest().toString().substring(0, 19) + "… (" + blob.size() + " bytes)";
            if (client.blobExists(target.repository(), blob.digest())) {
                counts.present++;
                access.progress().accept("blob " + name + " already in " + target.name());
                continue;
            }
            if (mountFrom != null && client.mountBlob(target.repository(), blob.digest(), mountFrom)) {
                counts.mounted++;
                access.progress().accept("blob " + name + " mounted from " + target.registry() + "/" + mountFrom);
                continue;
            }
            Path file = blobs.path(blob.digest());
            client.uploadBlob(target.repository(), blob, file);
            counts.uploaded++;
            counts.bytes += blob.size();
            access.progress().accept("blob " + name + " uploaded to " + target.name());
        }
    }

    private static void putUnlessThere(RegistryClient client, String repository, String tag, OciLayout layout,
                                       Descriptor descriptor, Counts counts, String origin) throws IOException {
        Optional<Digest> there = client.manifestDigest(repository, tag);
        if (there.isPresent() && there.get().equals(descriptor.digest())) {
            return;
        }
        byte[] bytes = BlobStore.readVerified(layout.blobs().path(descriptor.digest()), descriptor, origin);
        client.putManifest(repository, tag, descriptor.mediaType(), bytes);
        counts.manifests++;
    }
}
