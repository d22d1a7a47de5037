package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.Json;
import io.kimigayo.oci.model.MediaTypes;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Writes a docker-archive, the format of {@code docker save}, that {@code docker load}, {@code podman load} and
 * {@code skopeo docker-archive:} read: {@code manifest.json}, {@code repositories}, the config as
 * {@code <hex>.json} and each layer blob as it is in the layout, {@code <digest hex>.tar.gz} (or {@code .tar} for an
 * uncompressed one). The loaders decompress layers themselves (as they do for Jib's tars), so the archive is about
 * the compressed size of the image and writing it copies the blobs instead of inflating them.
 */
public final class DockerArchiveWriter {

    /**
     * @param config     the config blob's bytes
     * @param layers     the layers, bottom first
     * @param repository the repository name, for example {@code example/hello}
     * @param tags       the tags to load the image under
     */
    public void write(byte[] config, List<Layer> layers, String repository, List<String> tags, Instant mtime,
                      Path archive) throws IOException {
        FileTree tree = new FileTree();
        String configName = Digest.of(config).hex() + ".json";
        tree.addFile("/" + configName, Content.of(config), 0644, 0, 0);
        List<String> layerNames = new ArrayList<>();
        for (Layer layer : layers) {
            String name = layer.descriptor().digest().hex()
                    + (MediaTypes.OCI_LAYER_TAR.equals(layer.descriptor().mediaType()) ? ".tar" : ".tar.gz");
            if (!layerNames.contains(name)) {
                tree.addFile("/" + name, Content.of(layer.blob()), 0644, 0, 0);
            }
            layerNames.add(name);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Config", configName);
        entry.put("RepoTags", tags.stream().map(t -> repository + ":" + t).toList());
        entry.put("Layers", layerNames);
        tree.addFile("/manifest.json", Content.of(Json.write(List.of(entry))), 0644, 0, 0);
        if (!layers.isEmpty()) {
            Map<String, String> byTag = new TreeMap<>();
            tags.forEach(t -> byTag.put(t, layers.get(layers.size() - 1).diffId().hex()));
            tree.addFile("/repositories", Content.of(Json.write(Map.of(repository, byTag))), 0644, 0, 0);
        }
        new TarFileWriter().write(tree, mtime, archive);
    }
}
