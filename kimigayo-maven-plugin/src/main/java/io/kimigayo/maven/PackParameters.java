package io.kimigayo.maven;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.TagScheme;
import io.kimigayo.oci.registry.RegistryAccess;
import io.kimigayo.rootfs.tree.DirectoryImport;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The pack-oci parameters as the goals that pack an image (pack-oci, build) read them. */
record PackParameters(String from, List<LayerParameter> layers, List<String> entrypoint, List<String> cmd,
                      Map<String, String> environment, String workingDirectory, String user, List<String> ports,
                      Map<String, String> labels, Map<String, String> annotations, String image, List<String> tags,
                      List<String> formats, List<String> platforms, String tagScheme,
                      File outputDirectory) {

    /**
     * @param registry how to reach the registry of a base named by a registry reference, or null for the docker
     *                 config of the environment
     */
    PackRequest toRequest(MavenProject project, BuildTimestamp timestamp, RegistryAccess registry) {
        List<DirectoryImport> imports = layers == null ? List.of()
                : layers.stream().map(PackParameters::toImport).toList();
        Set<OutputFormat> outputFormats = formats == null || formats.isEmpty() ? null
                : formats.stream().map(OutputFormat::parse)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(OutputFormat.class)));
        List<Platform> targets = platforms == null ? List.of()
                : platforms.stream().filter(p -> p != null && !p.isBlank()).map(Platform::parse).toList();
        if (targets.isEmpty()) {
            targets = List.of(Platform.host());
        }
        return PackRequest.builder(ProjectImage.of(image, project), targets.get(0), timestamp, outputDirectory.toPath())
                .platforms(targets)
                .from(from)
                .baseDirectory(project.getBasedir().toPath())
                .layers(imports)
                .settings(new ContainerSettings(entrypoint, cmd, environment, workingDirectory, user, ports, labels,
                        annotations))
                .extraTags(tags)
                .formats(outputFormats)
                .registry(registry)
                .tagScheme(TagScheme.parse(tagScheme))
                .build();
    }

    private static DirectoryImport toImport(LayerParameter layer) {
        if (layer.directory == null) {
            throw new IllegalArgumentException("a <layer> has no <directory>; name the directory to pack");
        }
        return new DirectoryImport(layer.directory.toPath(), layer.target, layer.includes, layer.excludes,
                OctalMode.parse(layer.fileMode, "fileMode"), OctalMode.parse(layer.directoryMode, "directoryMode"),
                layer.uid, layer.gid);
    }
}
