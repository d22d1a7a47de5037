package io.kimigayo.oci.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kimigayo.oci.cosign.CosignSignatureManifest;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.OciLayout;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.oci.reference.ImageReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes an image from an OCI layout to a registry: the library entry point of the {@code push} goal.
 *
 * <p>Every blob of the image is checked against its descriptor first. Then each blob the registry lacks is sent
 * (or mounted from the base image's repository when the base came from the same registry), the manifest is stored
 * under every tag, and the image's cosign signatures ({@code sha256-<hex>.sig} in the layout) follow once the image
 * is there, then its cosign attestations ({@code sha256-<hex>.att}, DSSE envelopes). Signatures (and attestations)
 * the registry already holds under that tag are kept: ours are appended to them, as cosign does. Pushing again sends
 * no blob and stores no manifest that is already there.
 *
 * <p>An image index goes up as cosign and skopeo push one: each platform's blobs and manifest (stored by digest),
 * then the index under every tag. The layout's tags that a tag scheme gave ({@link Index#TAG_SCHEME}) are pushed
 * too: those of the index name the index, the arch tags their platform's manifest. The signatures of the index and
 * of each platform's manifest follow, those the layout holds.
 */
public final class ImagePusher {

    /** The OCI annotation pack-oci writes in index.json when the base came from a registry. */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    public PushResult push(PushRequest request) throws IOException {
        String origin = request.layout().toString();
        OciLayout layout = OciLayout.open(request.layout(), origin);
        Descriptor image = layout.resolve(request.sourceTag(), origin);
        ImageReference target = request.target();
        List<Descriptor> platformManifests = platformManifests(layout, image, origin);

        // the tags a tag scheme gave in the layout go along: the image's, and each platform manifest's
        LinkedHashSet<String> imageTags = new LinkedHashSet<>(request.tags());
        Map<String, Descriptor> platformTags = new LinkedHashMap<>();
        for (Descriptor entry : layout.index().manifests()) {
            String tag = entry.annotations().get(Index.REF_NAME);
            if (tag == null || !entry.annotations().containsKey(Index.TAG_SCHEME)) {
                continue;
            }
            if (entry.digest().equals(image.digest())) {
                imageTags.add(tag);
            } else {
                platformManifests.stream().filter(m -> m.digest().equals(entry.digest())).findFirst()
                        .ifPresent(m -> platformTags.put(tag, m));
            }
        }
        List<String> tags = new ArrayList<>(imageTags);

        RegistryClient client = RegistryClient.connect(target.registry(), request.access());
        Counts counts = new Counts();
        // the signatures of the image and, when it is an index, of its platforms' manifests (cosign --recursive),
        // then their attestations (cosign attest)
        List<SignaturePlan> signatures = new ArrayList<>();
        String imageSignatureTag = null;
        List<Descriptor> signed = new ArrayList<>();
        signed.add(image);
        signed.addAll(platformManifests);
        for (Kind kind : Kind.values()) {
            for (Descriptor d : signed) {
                String signatureTag = kind.tag(d.digest());
                Optional<Descriptor> signature = layout.index().manifests().stream()
                        .filter(e -> signatureTag.equals(e.annotations().get(Index.REF_NAME)))
                        .findFirst();
                if (signature.isPresent()) {
                    signatures.add(planSignatures(layout, signature.get(), signatureTag, kind, target, client,
                            origin));
                    if (d == image && kind == Kind.SIGNATURES) {
                        imageSignatureTag = signatureTag;
                    }
                }
            }
        }

        String mountFrom = mountSource(image, target);
        pushManifest(layout, image, target, client, mountFrom, counts, request.access(), origin);
        for (String tag : tags) {
            putUnlessThere(client, target.path(), tag, layout, image, counts, origin);
        }
        Map<String, Digest> pushedPlatformTags = new LinkedHashMap<>();
        for (Map.Entry<String, Descriptor> e : platformTags.entrySet()) {
            putUnlessThere(client, target.path(), e.getKey(), layout, e.getValue(), counts, origin);
            pushedPlatformTags.put(e.getKey(), e.getValue().digest());
        }
        List<String> signatureTags = new ArrayList<>();
        List<String> attestationTags = new ArrayList<>();
        for (SignaturePlan plan : signatures) {
            pushSignatures(layout, plan, target, client, counts, request.access(), origin);
            (plan.kind() == Kind.SIGNATURES ? signatureTags : attestationTags).add(plan.tag());
        }
        return new PushResult(target.withDigest(image.digest()), image.digest(), tags, pushedPlatformTags,
                counts.uploaded, counts.mounted, counts.present, counts.bytes, counts.manifests, imageSignatureTag,
                signatureTags, attestationTags, client.requestCount());
    }

    /** The two kinds of cosign artifacts that follow an image: signatures and attestations. */
    private enum Kind {
        SIGNATURES(CosignSignatureManifest.PAYLOAD_MEDIA_TYPE, "signature"),
        ATTESTATIONS(CosignSignatureManifest.ATTESTATION_MEDIA_TYPE, "attestation");

        final String layerMediaType;
        final String noun;

        Kind(String layerMediaType, String noun) {
            this.layerMediaType = layerMediaType;
            this.noun = noun;
        }

        String tag(Digest digest) {
            return this == SIGNATURES ? CosignSignatureManifest.tag(digest)
                    : CosignSignatureManifest.attestationTag(digest);
        }
    }

    /** The manifests an index lists (checked against its descriptor), or none for an image manifest. */
    private static List<Descriptor> platformManifests(OciLayout layout, Descriptor image, String origin)
            throws IOException {
        if (!MediaTypes.isIndex(image.mediaType())) {
            return List.of();
        }
        byte[] bytes = BlobStore.readVerified(layout.blobs().path(image.digest()), image, origin);
        return Json.read(bytes, Index.class).manifests();
    }

    private static final class Counts {
        int uploaded;
        int mounted;
        int present;
        long bytes;
        int manifests;
    }

    /** The repository to mount base layers from: the base's, when pack-oci took it from the same registry. */
    private static String mountSource(Descriptor image, ImageReference target) {
        String base = image.annotations().get(BASE_NAME);
        if (base == null) {
            return null;
        }
        try {
            ImageReference from = ImageReference.parse(base);
            return from.registry().equals(target.registry()) && !from.path().equals(target.path())
                    ? from.path() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Sends the blobs of a manifest (or, for an index, of each manifest it lists, stored by digest). */
    private static void pushManifest(OciLayout layout, Descriptor descriptor, ImageReference target,
                                     RegistryClient client, String mountFrom, Counts counts, RegistryAccess access,
                                     String origin) throws IOException {
        BlobStore blobs = layout.blobs();
        if (MediaTypes.isIndex(descriptor.mediaType())) {
            byte[] bytes = BlobStore.readVerified(blobs.path(descriptor.digest()), descriptor, origin);
            for (Descriptor child : Json.read(bytes, Index.class).manifests()) {
                pushManifest(layout, child, target, client, mountFrom, counts, access, origin);
                putUnlessThere(client, target.path(), child.digest().toString(), layout, child, counts, origin);
            }
            return;
        }
        Manifest manifest = layout.verifyImage(descriptor, origin);
        List<Descriptor> all = new ArrayList<>(manifest.layers());
        all.add(manifest.config());
        for (Descriptor blob : all) {
            sendBlob(client, target, blob, blobs.path(blob.digest()), mountFrom, counts, access);
        }
    }

    /** Sends a blob of the layout unless the registry has it, mounting it from {@code mountFrom} when it can. */
    private static void sendBlob(RegistryClient client, ImageReference target, Descriptor blob, Path file,
                                 String mountFrom, Counts counts, RegistryAccess access) throws IOException {
        String name = blob.digest().toString().substring(0, 19) + "… (" + blob.size() + " bytes)";
        if (client.blobExists(target.path(), blob.digest())) {
            counts.present++;
            access.progress().accept("blob " + name + " already in " + target.repository());
            return;
        }
        if (mountFrom != null && client.mountBlob(target.path(), blob.digest(), mountFrom)) {
            counts.mounted++;
            access.progress().accept("blob " + name + " mounted from " + target.registry() + "/" + mountFrom);
            return;
        }
        client.uploadBlob(target.path(), blob, file);
        counts.uploaded++;
        counts.bytes += blob.size();
        access.progress().accept("blob " + name + " uploaded to " + target.repository());
    }

    /**
     * What to do with the layout's signature manifest, decided before anything is written, so that a tag that cannot
     * be merged with fails the push before the image is stored.
     *
     * @param ours   the layout's signature manifest
     * @param seen   the digest the registry had under the tag when the plan was made
     * @param merged the merge with the registry's signature manifest, or null to store ours as it is
     * @param stored true when the registry's signature manifest is ours, byte for byte
     * @param keep   true when the registry's signature manifest already holds all of ours (nothing to do)
     */
    private record SignaturePlan(Descriptor ours, String tag, Kind kind, String where, Optional<Digest> seen,
                                 CosignSignatureManifest.Merged merged, int theirs, boolean stored, boolean keep) {
    }

    /**
     * Reads the registry's signature manifest under the tag, if there is another one than ours (signatures made
     * elsewhere: another key, another build, cosign), and merges ours into it: the registry's signatures first, then
     * each of ours it lacks, as cosign appends. A manifest there that is not cosign-shaped is never replaced.
     */
    private static SignaturePlan planSignatures(OciLayout layout, Descriptor ours, String signatureTag, Kind kind,
                                                ImageReference target, RegistryClient client, String origin)
            throws IOException {
        String repository = target.path();
        String where = target.registry() + "/" + repository + ":" + signatureTag;
        Optional<Digest> there = client.manifestDigest(repository, signatureTag);
        Optional<ManifestResponse> existing;
        try {
            existing = there.isEmpty() || there.get().equals(ours.digest())
                    ? Optional.empty() : client.manifest(repository, signatureTag);
        } catch (JsonProcessingException e) {
            throw notASignatureManifest(where, kind, "it is not JSON");
        }
        if (existing.isEmpty()) {
            // none there (or ours exactly, or gone since the HEAD): store ours as it is
            return new SignaturePlan(ours, signatureTag, kind, where, there, null, 0,
                    there.isPresent() && there.get().equals(ours.digest()), false);
        }
        Manifest theirs;
        try {
            theirs = CosignSignatureManifest.read(existing.get().bytes(), existing.get().mediaType(), where,
                    kind.layerMediaType);
        } catch (CosignSignatureManifest.NotASignatureManifestException e) {
            throw notASignatureManifest(where, kind, e.reason());
        }
        layout.verifyImage(ours, origin);
        Manifest mine = CosignSignatureManifest.read(BlobStore.readVerified(layout.blobs().path(ours.digest()), ours,
                origin), ours.mediaType(), origin + ":" + signatureTag, kind.layerMediaType);
        Optional<CosignSignatureManifest.Merged> merged = CosignSignatureManifest.merge(theirs, mine.layers());
        return new SignaturePlan(ours, signatureTag, kind, where, there, merged.orElse(null), theirs.layers().size(),
                false, merged.isEmpty());
    }

    private static RegistryException notASignatureManifest(String where, Kind kind, String reason) {
        return new RegistryException(where + " already holds a manifest that is not a cosign " + kind.noun
                + " manifest (" + reason + "); Kimigayo will not replace it and lose what it holds, nor add its "
                + kind.noun + "s to it, so "
                + "nothing was pushed. If it may go, delete it from the registry (skopeo delete docker://" + where
                + ") and push again; else push the image without signatures (a layout that kimigayo:sign has not "
                + "signed)", 200);
    }

    private static void pushSignatures(OciLayout layout, SignaturePlan planned, ImageReference target,
                                       RegistryClient client, Counts counts, RegistryAccess access, String origin)
            throws IOException {
        String repository = target.path();
        SignaturePlan plan = planned;
        if (!plan.keep() && !plan.stored()
                && !client.manifestDigest(repository, plan.tag()).equals(plan.seen())) {
            // signatures were stored under the tag while the image went up: merge with those instead
            plan = planSignatures(layout, plan.ours(), plan.tag(), plan.kind(), target, client, origin);
        }
        if (plan.keep()) {
            access.progress().accept(plan.kind().noun + "s: " + plan.where() + " already holds ours among its "
                    + plan.theirs());
            return;
        }
        if (plan.merged() == null) {
            pushManifest(layout, plan.ours(), target, client, null, counts, access, origin);
            if (!plan.stored()) {
                client.putManifest(repository, plan.tag(), plan.ours().mediaType(), BlobStore.readVerified(
                        layout.blobs().path(plan.ours().digest()), plan.ours(), origin));
                counts.manifests++;
            }
            return;
        }
        CosignSignatureManifest.Merged m = plan.merged();
        for (Descriptor layer : m.added()) {
            sendBlob(client, target, layer, layout.blobs().path(layer.digest()), null, counts, access);
        }
        Descriptor config = m.configDescriptor();
        if (client.blobExists(repository, config.digest())) {
            counts.present++;
        } else {
            client.uploadBlob(repository, config, m.config());
            counts.uploaded++;
            counts.bytes += config.size();
        }
        client.putManifest(repository, plan.tag(), MediaTypes.OCI_MANIFEST, m.manifest());
        counts.manifests++;
        access.progress().accept(plan.kind().noun + "s: " + plan.where() + " held " + plan.theirs() + "; kept them and added "
                + m.added().size() + " of ours (" + m.signatures() + " now)");
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
