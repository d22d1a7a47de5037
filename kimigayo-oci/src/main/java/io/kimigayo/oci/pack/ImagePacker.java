package io.kimigayo.oci.pack;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.core.output.OutputSet;
import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.layer.LayerWriter;
import io.kimigayo.oci.layout.BaseImage;
import io.kimigayo.oci.layout.BlobStore;
import io.kimigayo.oci.layout.DockerArchiveWriter;
import io.kimigayo.oci.layout.ImageIndexWriter;
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
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.sbom.CycloneDxWriter;
import io.kimigayo.oci.sbom.ImageSbom;
import io.kimigayo.oci.sbom.LayerFiles;
import io.kimigayo.oci.sbom.Sbom;
import io.kimigayo.oci.sbom.SpdxWriter;
import io.kimigayo.rootfs.RootfsDirectory;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.tree.DirectoryImport;
import io.kimigayo.rootfs.tree.DirectoryImporter;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Packs layers onto a base into an OCI image and writes it in the requested formats: the library entry point
 * behind the {@code pack-oci} goal.
 *
 * <p>For several platforms, each platform gets its own image (its own base, picked from a multi-platform base or
 * read from that platform's rootfs; its own {@linkplain PackRequest#platformLayers() layers}, then the same added
 * layers), and the layout's tags name one image index of them
 * ({@link ImageIndexWriter}), whose digest goes in {@code image.digest}. The docker-archive, a format without
 * indexes, holds one of them: the host's platform when it is one of them, else the first.
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
            // each platform's base first (a base that is wrong fails the build before any layer is written)
            List<Optional<BaseImage>> bases = new ArrayList<>();
            for (int i = 0; i < request.platforms().size(); i++) {
                bases.add(readBase(request, request.platforms().get(i), blobs,
                        staging.resolve("base").resolve(Integer.toString(i)), cache));
            }
            TagScheme.SchemeTags scheme = schemeTags(request);
            List<String> schemeImageTags = scheme.image();
            LinkedHashSet<String> withScheme = new LinkedHashSet<>(tags);
            withScheme.addAll(schemeImageTags);
            tags = List.copyOf(withScheme);

            // an image on this build's rootfs gets SBOMs, as its last layer, describing the layers below
            boolean sbom = BaseReference.parse(request.from(), request.baseDirectory()).kind()
                    == BaseReference.Kind.ROOTFS;
            // each platform's own layers (a Java runtime of its machine), written for that platform
            List<List<ConfigComposer.AddedLayer>> ownAdded = new ArrayList<>();
            List<List<FileTree>> ownTrees = new ArrayList<>();
            List<List<ImageSbom.DescribedLayer>> ownDescribed = new ArrayList<>();
            for (Platform platform : request.platforms()) {
                List<ConfigComposer.AddedLayer> own = new ArrayList<>();
                List<FileTree> trees = new ArrayList<>();
                List<ImageSbom.DescribedLayer> described = new ArrayList<>();
                for (TreeLayer treeLayer : request.layersOf(platform)) {
                    trees.add(treeLayer.tree());
                    addTreeLayer(treeLayer, request, cache, blobs, own, sbom ? described : null);
                }
                ownAdded.add(own);
                ownTrees.add(trees);
                ownDescribed.add(described);
            }
            // the other added layers are the same for every platform: written once
            List<ConfigComposer.AddedLayer> added = new ArrayList<>();
            List<FileTree> addedTrees = new ArrayList<>();
            List<ImageSbom.DescribedLayer> addedDescribed = new ArrayList<>();
            for (TreeLayer treeLayer : request.treeLayers()) {
                addedTrees.add(treeLayer.tree());
                addTreeLayer(treeLayer, request, cache, blobs, added, sbom ? addedDescribed : null);
            }
            for (DirectoryImport spec : request.layers()) {
                FileTree tree = importer.importInto(new FileTree(), spec);
                addedTrees.add(tree);
                Optional<Layer> layer = layerWriter.write(tree, request.timestamp().instant(), blobs.directory());
                layer.ifPresent(l -> added.add(new ConfigComposer.AddedLayer(l, "kimigayo pack-oci: layer at "
                        + (spec.target() == null ? "/" : spec.target()))));
                if (sbom && layer.isPresent()) {
                    addedDescribed.add(new ImageSbom.DescribedLayer(layer.get().diffId().toString(),
                            LayerFiles.ofTree(tree, layer.get().diffId().toString())));
                }
            }

            List<Packed> images = new ArrayList<>();
            Path sbomOutputs = staging.resolve(ImageSbom.OUTPUT_DIRECTORY);
            for (int i = 0; i < request.platforms().size(); i++) {
                Platform platform = request.platforms().get(i);
                List<ConfigComposer.AddedLayer> platformAdded = new ArrayList<>(ownAdded.get(i));
                platformAdded.addAll(added);
                List<FileTree> platformTrees = new ArrayList<>(ownTrees.get(i));
                platformTrees.addAll(addedTrees);
                if (sbom) {
                    List<ImageSbom.DescribedLayer> described = new ArrayList<>(ownDescribed.get(i));
                    described.addAll(addedDescribed);
                    FileTree sbomTree = sbomLayer(request, platform, bases.get(i).orElseThrow(), described,
                            sbomOutputs);
                    layerWriter.write(sbomTree, request.timestamp().instant(), blobs.directory())
                            .ifPresent(l -> platformAdded.add(new ConfigComposer.AddedLayer(l,
                                    "kimigayo: SBOMs (CycloneDX, SPDX) in " + ImageSbom.IMAGE_DIRECTORY)));
                    platformTrees.add(sbomTree);
                }
                images.add(compose(request, platform, bases.get(i), platformAdded, platformTrees, blobs));
            }
            Descriptor top;
            Map<String, String> baseAnnotations;
            if (images.size() == 1) {
                top = images.get(0).manifest();
                baseAnnotations = images.get(0).baseAnnotations();
            } else {
                top = new ImageIndexWriter().write(images.stream().map(Packed::manifest).toList(), blobs);
                baseAnnotations = common(images.stream().map(Packed::baseAnnotations).toList());
            }

            List<Descriptor> named = new ArrayList<>(tags.stream()
                    .map(tag -> named(top.withAnnotations(baseAnnotations), tag, request,
                            schemeImageTags.contains(tag)))
                    .toList());
            // a scheme's arch tags name the platforms' manifests
            Map<String, Digest> platformTags = new LinkedHashMap<>();
            scheme.platforms().forEach((tag, platform) -> {
                Packed image = images.stream().filter(p -> p.platform().equals(platform)).findFirst().orElseThrow();
                named.add(named(image.manifest(), tag, request, true));
                platformTags.put(tag, image.manifest().digest());
            });
            new OciLayoutWriter().write(layout, named);
            AtomicFiles.deleteRecursively(staging.resolve("base"));

            List<Path> staged = new ArrayList<>();
            if (request.formats().contains(OutputFormat.OCI_LAYOUT)) {
                staged.add(layout);
            }
            if (sbom) {
                staged.add(sbomOutputs);
            }
            if (request.formats().contains(OutputFormat.OCI_ARCHIVE)) {
                Path archive = staging.resolve(OutputFormat.OCI_ARCHIVE.fileName());
                new OciArchiveWriter().write(layout, request.timestamp().instant(), archive);
                staged.add(archive);
            }
            Packed archived = null;
            if (request.formats().contains(OutputFormat.DOCKER_ARCHIVE)) {
                // the format holds one image: the host's platform when it is one of them, else the first
                Platform host = hostPlatform();
                archived = images.stream().filter(p -> host != null && host.matches(p.platform())).findFirst()
                        .orElse(images.get(0));
                Path archive = staging.resolve(OutputFormat.DOCKER_ARCHIVE.fileName());
                new DockerArchiveWriter().write(archived.configBytes(), archived.layers(), request.image().name(),
                        tags, request.timestamp().instant(), archive);
                staged.add(archive);
            }
            Path digestFile = staging.resolve(DIGEST_FILE);
            Files.writeString(digestFile, top.digest() + "\n", StandardCharsets.US_ASCII);
            staged.add(digestFile);

            List<String> names = new ArrayList<>();
            for (OutputFormat f : OutputFormat.values()) {
                names.add(f.fileName());
            }
            names.add(DIGEST_FILE);
            names.add(ImageSbom.OUTPUT_DIRECTORY);
            List<Path> written = outputs.commit(staged.stream().map(p -> p.getFileName().toString()).toList(), names);
            List<PlatformImage> described = images.stream().map(Packed::describe).toList();
            PlatformImage first = described.get(0);
            int addedLayers = ownAdded.get(0).size() + added.size() + (sbom ? 1 : 0);
            return new PackResult(top.digest(), first.layerCount(), addedLayers, first.compressedSize(),
                    first.uncompressedSize(), tags, platformTags, written, described,
                    archived == null ? null : archived.platform());
        }
    }

    /** An index.json entry naming {@code descriptor} {@code tag}, marked when a tag scheme gave the tag. */
    private static Descriptor named(Descriptor descriptor, String tag, PackRequest request, boolean byScheme) {
        Map<String, String> annotations = new TreeMap<>(Map.of(
                Index.REF_NAME, tag,
                "io.containerd.image.name", request.image().withTag(tag).toString()));
        if (byScheme) {
            annotations.put(Index.TAG_SCHEME, request.tagScheme().id());
        }
        return descriptor.withAnnotations(annotations);
    }

    /**
     * The tags of the request's tag scheme: the version and variant are those of the rootfs the image is built on,
     * the same for every platform.
     */
    private static TagScheme.SchemeTags schemeTags(PackRequest request) throws IOException {
        if (request.tagScheme() == TagScheme.NONE) {
            return request.tagScheme().tags(null, null, request.platforms());
        }
        if (BaseReference.parse(request.from(), request.baseDirectory()).kind() != BaseReference.Kind.ROOTFS) {
            throw new IllegalArgumentException("tag scheme " + request.tagScheme().id() + " tags a Kimigayo OS image "
                    + "by the version and variant of its rootfs, so it needs the base rootfs (this build's "
                    + "build-rootfs output), not '" + request.from() + "'; use the base rootfs or no tag scheme");
        }
        RootfsManifest first = null;
        for (Platform platform : request.platforms()) {
            Path json = RootfsDirectory.of(request.outputDirectory(), platform.architecture(),
                    request.isMultiPlatform()).resolve("rootfs.json");
            RootfsManifest manifest = RootfsManifest.read(json);
            if (first == null) {
                first = manifest;
            } else if (!first.version().equals(manifest.version()) || !first.variant().equals(manifest.variant())) {
                throw new IllegalArgumentException("tag scheme " + request.tagScheme().id() + ": the rootfs of "
                        + platform + " is " + manifest.variant() + " " + manifest.version() + " but the rootfs of "
                        + request.platforms().get(0) + " is " + first.variant() + " " + first.version()
                        + "; build every platform's rootfs with the same variant and version");
            }
        }
        return request.tagScheme().tags(first.version(), first.variant(), request.platforms());
    }

    /** Writes a tree layer; when {@code described} is given, adds the layer's files an SBOM lists to it. */
    private void addTreeLayer(TreeLayer treeLayer, PackRequest request, LayerCache cache, BlobStore blobs,
                              List<ConfigComposer.AddedLayer> added, List<ImageSbom.DescribedLayer> described)
            throws IOException {
        Optional<Layer> layer = cache.layer(treeLayer, request.timestamp().instant(), blobs.directory(), layerWriter);
        layer.ifPresent(l -> added.add(new ConfigComposer.AddedLayer(l, treeLayer.createdBy())));
        if (described != null && layer.isPresent()) {
            String diffId = layer.get().diffId().toString();
            described.add(new ImageSbom.DescribedLayer(diffId, LayerFiles.ofTree(treeLayer.tree(), diffId)));
        }
    }

    /**
     * The SBOM layer of one platform's image on this build's rootfs: the SBOMs describe the rootfs layer (its
     * components from {@code rootfs.json}, its files from {@code rootfs.tar}) and every added layer; the same two
     * documents go to {@code sbom/} in the outputs, named for the platform when there are several.
     */
    private static FileTree sbomLayer(PackRequest request, Platform platform, BaseImage base,
                                      List<ImageSbom.DescribedLayer> added, Path outputs) throws IOException {
        Path rootfsDirectory = RootfsDirectory.of(request.outputDirectory(), platform.architecture(),
                request.isMultiPlatform());
        RootfsManifest rootfs = RootfsManifest.read(rootfsDirectory.resolve("rootfs.json"));
        String baseDiffId = base.layers().get(0).diffId().toString();
        List<ImageSbom.DescribedLayer> described = new ArrayList<>();
        described.add(new ImageSbom.DescribedLayer(baseDiffId,
                LayerFiles.ofTar(rootfsDirectory.resolve("rootfs.tar"), baseDiffId)));
        described.addAll(added);
        ImageSbom sboms = new ImageSbom();
        Sbom sbom = sboms.compose(request.image().name(), request.image().tag(), platform,
                request.timestamp().instant(), rootfs, described, request.sbomContentOf(platform));
        ImageSbom.Documents documents = sboms.write(sbom);
        Files.createDirectories(outputs);
        String name = ImageSbom.outputName(platform, request.isMultiPlatform());
        Files.write(outputs.resolve(name + CycloneDxWriter.SUFFIX), documents.cycloneDx());
        Files.write(outputs.resolve(name + SpdxWriter.SUFFIX), documents.spdx());
        return sboms.layer(documents);
    }

    /** One platform's image: its config and manifest stored in the blobs. */
    private record Packed(Platform platform, Descriptor manifest, byte[] configBytes, List<Layer> layers,
                          Map<String, String> baseAnnotations) {
        PlatformImage describe() {
            return new PlatformImage(platform, manifest.digest(), layers.size(),
                    layers.stream().mapToLong(l -> l.descriptor().size()).sum(),
                    layers.stream().mapToLong(Layer::uncompressedSize).sum());
        }
    }

    private static Packed compose(PackRequest request, Platform platform, Optional<BaseImage> base,
                                  List<ConfigComposer.AddedLayer> added, List<FileTree> addedTrees, BlobStore blobs)
            throws IOException {
        List<Layer> layers = new ArrayList<>(base.map(BaseImage::layers).orElse(List.of()));
        ImageUser.check(request.settings().user(), addedTrees, layers);
        added.forEach(a -> layers.add(a.layer()));
        ImageConfig config = new ConfigComposer().compose(base.map(BaseImage::config).orElse(null),
                request.settings(), added, platform, request.timestamp().instant());
        byte[] configBytes = Json.write(config);
        Descriptor configDescriptor = blobs.put(MediaTypes.OCI_CONFIG, configBytes);
        Manifest manifest = Manifest.of(configDescriptor, layers.stream().map(Layer::descriptor).toList(),
                request.settings().annotations());
        Descriptor manifestDescriptor = blobs.put(MediaTypes.OCI_MANIFEST, Json.write(manifest))
                .withPlatform(platform);
        return new Packed(platform, manifestDescriptor, configBytes, layers,
                base.map(BaseImage::annotations).orElse(Map.of()));
    }

    /** The annotations every platform's base agrees on (a base name, say; not each manifest's base digest). */
    private static Map<String, String> common(List<Map<String, String>> each) {
        Map<String, String> agreed = new TreeMap<>(each.get(0));
        for (Map<String, String> other : each) {
            agreed.entrySet().removeIf(e -> !e.getValue().equals(other.get(e.getKey())));
        }
        return agreed;
    }

    private static Platform hostPlatform() {
        try {
            return Platform.host();
        } catch (IllegalArgumentException notSupported) {
            return null;
        }
    }

    private static Optional<BaseImage> readBase(PackRequest request, Platform platform, BlobStore blobs, Path scratch,
                                                LayerCache cache) throws IOException {
        BaseReference from = BaseReference.parse(request.from(), request.baseDirectory());
        return switch (from.kind()) {
            case SCRATCH -> Optional.empty();
            case ROOTFS -> Optional.of(new RootfsBase().read(RootfsDirectory.of(request.outputDirectory(),
                    platform.architecture(), request.isMultiPlatform()), platform, request.isMultiPlatform(),
                    request.timestamp().instant(), blobs, cache));
            case OCI_LAYOUT -> Optional.of(new OciLayoutReader()
                    .read(from.path(), from.tag(), platform, blobs, request.from()));
            case OCI_ARCHIVE -> {
                Files.createDirectories(scratch);
                yield Optional.of(new OciArchiveReader()
                        .read(from.path(), from.tag(), platform, blobs, scratch, request.from()));
            }
            case REGISTRY -> Optional.of(new RegistryBase().read(from.registry(), platform, blobs,
                    scratch, request.registry()));
        };
    }

}
