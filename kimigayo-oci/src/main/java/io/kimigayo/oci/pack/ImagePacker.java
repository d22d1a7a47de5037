package io.kimigayo.oci.pack;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.output.OutputSet;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.oci.layout.BaseImage;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.DockerArchiveWriter;
import io.kimigayo.oci.layout.OciArchiveReader;
import io.kimigayo.oci.layout.OciArchiveWriter;
import io.kimigayo.oci.layout.OciLayoutReader;
import io.kimigayo.oci.layout.OciLayoutWriter;
import io.kimigayo.oci.model.Descriptor;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Index;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.Manifest;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packs layers onto a base into an OCI image and writes it in the requested formats: the library entry point
 * behind the {@code pack-oci} goal.
 *
 * <p>Everything is first written into a staging directory beside the outputs; only when the whole image is
 * complete are the outputs renamed into place. A failed pack leaves the previous outputs as they were and no
 * partial new ones.
 */
public final class ImagePacker {

    /** The file that holds the manifest digest. */
    public static final String DIGEST_FILE = "image.digest";

    private final LayerWriter layerWriter = new LayerWriter();
    private final DirectoryImporter importer = new DirectoryImporter();

    public PackResult pack(PackRequest request) throws IOException {
        List<String> tags = request.allTags();
        Path out = request.outputDirectory();
        try (OutputSet outputs = OutputSet.begin(out)) {
            Path staging = outputs.staging();
            Path layout = staging.resolve(OutputFormat.OCI_LAYOUT.fileName());
            BlobStore blobs = BlobStore.ofLayout(layout);
            LayerCache cache = new LayerCache(request.layerCache());
            Optional<BaseImage> base = readBase(request, blobs, staging.resolve("base"), cache);

            List<ConfigComposer.AddedLayer> added = new ArrayList<>();
            List<FileTree> addedTrees = new ArrayList<>();
            for (TreeLayer treeLayer : request.treeLayers()) {
                addedTrees.add(treeLayer.tree());
                Optional<Layer> layer = cache.layer(treeLayer, request.timestamp().instant(), blobs.directory(),
                        layerWriter);
                layer.ifPresent(l -> added.add(new ConfigComposer.AddedLayer(l, treeLayer.createdBy())));
            }
            for (DirectoryImport spec : request.layers()) {
                FileTree tree = importer.importInto(new FileTree(), spec);
                addedTrees.add(tree);
                Optional<Layer> layer = layerWriter.write(tree, request.timestamp().instant(), blobs.directory());
                layer.ifPresent(l -> added.add(new ConfigComposer.AddedLayer(l, "kimigayo pack-oci: layer at "
                        + (spec.target() == null ? "/" : spec.target()))));
            }
            List<Layer> layers = new ArrayList<>(base.map(BaseImage::layers).orElse(List.of()));
            ImageUser.check(request.settings().user(), addedTrees, layers);
            added.forEach(a -> layers.add(a.layer()));

            ImageConfig config = new ConfigComposer().compose(base.map(BaseImage::config).orElse(null),
                    request.settings(), added, request.platform(), request.timestamp().instant());
            byte[] configBytes = Json.write(config);
            Descriptor configDescriptor = blobs.put(MediaTypes.OCI_CONFIG, configBytes);
            Manifest manifest = Manifest.of(configDescriptor, layers.stream().map(Layer::descriptor).toList(),
                    request.settings().annotations());
            Descriptor manifestDescriptor = blobs.put(MediaTypes.OCI_MANIFEST, Json.write(manifest))
                    .withPlatform(request.platform());

            Map<String, String> baseAnnotations = base.map(BaseImage::annotations).orElse(Map.of());
            List<Descriptor> named = tags.stream()
                    .map(tag -> manifestDescriptor.withAnnotations(baseAnnotations).withAnnotations(Map.of(
                            Index.REF_NAME, tag,
                            "io.containerd.image.name", request.image().withTag(tag).toString())))
                    .toList();
            new OciLayoutWriter().write(layout, named);
            AtomicFiles.deleteRecursively(staging.resolve("base"));

            List<Path> staged = new ArrayList<>();
            if (request.formats().contains(OutputFormat.OCI_LAYOUT)) {
                staged.add(layout);
            }
            if (request.formats().contains(OutputFormat.OCI_ARCHIVE)) {
                Path archive = staging.resolve(OutputFormat.OCI_ARCHIVE.fileName());
                new OciArchiveWriter().write(layout, request.timestamp().instant(), archive);
                staged.add(archive);
            }
            if (request.formats().contains(OutputFormat.DOCKER_ARCHIVE)) {
                Path archive = staging.resolve(OutputFormat.DOCKER_ARCHIVE.fileName());
                new DockerArchiveWriter().write(configBytes, layers, request.image().name(), tags,
                        request.timestamp().instant(), archive);
                staged.add(archive);
            }
            Path digestFile = staging.resolve(DIGEST_FILE);
            Files.writeString(digestFile, manifestDescriptor.digest() + "\n", StandardCharsets.US_ASCII);
            staged.add(digestFile);

            List<String> names = new ArrayList<>();
            for (OutputFormat f : OutputFormat.values()) {
                names.add(f.fileName());
            }
            names.add(DIGEST_FILE);
            List<Path> written = outputs.commit(staged.stream().map(p -> p.getFileName().toString()).toList(), names);
            long compressed = layers.stream().mapToLong(l -> l.descriptor().size()).sum();
            long uncompressed = layers.stream().mapToLong(Layer::uncompressedSize).sum();
            return new PackResult(manifestDescriptor.digest(), layers.size(), added.size(), compressed, uncompressed,
                    tags, written);
        }
    }

    private static Optional<BaseImage> readBase(PackRequest request, BlobStore blobs, Path scratch, LayerCache cache)
            throws IOException {
        BaseReference from = BaseReference.parse(request.from(), request.baseDirectory());
        return switch (from.kind()) {
            case SCRATCH -> Optional.empty();
            case ROOTFS -> Optional.of(new RootfsBase().read(request.outputDirectory().resolve("rootfs"),
                    request.platform(), request.timestamp().instant(), blobs, cache));
            case OCI_LAYOUT -> Optional.of(new OciLayoutReader()
                    .read(from.path(), from.tag(), request.platform(), blobs, request.from()));
            case OCI_ARCHIVE -> {
                Files.createDirectories(scratch);
                yield Optional.of(new OciArchiveReader()
                        .read(from.path(), from.tag(), request.platform(), blobs, scratch, request.from()));
            }
            case REGISTRY -> Optional.of(new RegistryBase().read(from.registry(), request.platform(), blobs,
                    scratch, request.registry()));
        };
    }

}
