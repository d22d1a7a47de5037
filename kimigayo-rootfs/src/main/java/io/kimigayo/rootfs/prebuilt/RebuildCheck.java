package io.kimigayo.rootfs.prebuilt;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.rootfs.RootfsBuilder;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.rootfs.archive.TarReader;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Checks that a prebuilt Kimigayo OS is what its sources make: compiles the variant from source with an empty
 * build cache, at the prebuilt's own timestamp and OS version, and compares the bytes of the rootfs (tar.gz and
 * rootfs.json) with the published artifact and with the digests recorded in the plugin.
 */
public final class RebuildCheck {

    /**
     * What one variant's check found.
     *
     * @param classifier      {@code standard-x86_64}
     * @param coordinates     the artifact compared with
     * @param recorded        the SHA-256 of the tar.gz recorded in the plugin
     * @param published       the SHA-256 of the resolved artifact
     * @param rebuilt         the SHA-256 of the tar.gz compiled here
     * @param jsonSame        whether the rebuilt rootfs.json has the bytes of the published one
     * @param jsonRecorded    whether the published rootfs.json has the recorded SHA-256
     * @param differences     the paths whose entries differ (empty when the tars are the same), at most 50
     * @param rebuiltTarGz    where the rebuilt rootfs.tar.gz is
     */
    public record Outcome(String classifier, String coordinates, String recorded, String published, String rebuilt,
                          boolean jsonSame, boolean jsonRecorded, List<String> differences, Path rebuiltTarGz) {

        /** Whether the published artifact, the record and the rebuild agree. */
        public boolean same() {
            return recorded.equals(published) && published.equals(rebuilt) && jsonSame && jsonRecorded;
        }
    }

    /**
     * Rebuilds {@code variant} for {@code arch} in {@code workDirectory/<variant>-<arch>} (deleted first) and
     * compares.
     *
     * @param nativeBuild the source mirrors, offline switch, jobs and progress; its cache directory is replaced by
     *                    {@code cacheDirectory} and its log directory by one in the variant's work directory
     * @param cacheDirectory the build cache, which the caller empties before the check: the variants of one check
     *                    share it, so musl is compiled once for all of them
     */
    public Outcome check(PrebuiltResolver resolver, RecordedDigests recorded, String variant, String arch,
                         NativeBuildSettings nativeBuild, Path workDirectory, Path cacheDirectory)
            throws IOException {
        String classifier = RecordedDigests.classifier(Variant.parse(variant).id(),
                io.kimigayo.rootfs.nativebuild.TargetArch.parse(arch).id());
        String recordedTarGz = recorded.of(classifier, RecordedDigests.TAR_GZ).orElseThrow(() ->
                new IllegalArgumentException("this plugin records no prebuilt " + classifier + " (it has "
                        + String.join(", ", recorded.classifiers()) + "); check one of those"));
        String recordedJson = recorded.of(classifier, RecordedDigests.JSON).orElseThrow();
        Path tarGz = resolver.resolve(classifier, RecordedDigests.TAR_GZ);
        Path json = resolver.resolve(classifier, RecordedDigests.JSON);
        RootfsManifest published = RootfsManifest.read(json);
        Consumer<String> progress = nativeBuild.progress();
        Path work = workDirectory.resolve(classifier);
        AtomicFiles.deleteRecursively(work);
        Files.createDirectories(work);
        NativeBuildSettings empty = NativeBuildSettings.builder()
                .sourceMirrors(nativeBuild.sourceMirrors())
                .offline(nativeBuild.offline())
                .jobs(nativeBuild.jobs())
                .progress(nativeBuild.progress())
                .cacheDirectory(cacheDirectory)
                .logDirectory(work.resolve("logs"))
                .build();
        progress.accept("rebuild-check " + classifier + ": compiling from source in the check's own cache ("
                + cacheDirectory + ", empty when the check began), at " + published.created() + ", OS version " + published.version());
        RootfsRequest request = RootfsRequest.builder(Variant.parse(variant), arch,
                        Instant.parse(published.created()), work.resolve("rootfs"))
                .nativeBuild(empty)
                .version(published.version())
                .build();
        RootfsResult result = new RootfsBuilder().build(request);
        Path rebuilt = PrebuiltArtifacts.writeTarGz(result.tar(), work.resolve("rootfs").resolve(
                PrebuiltArtifacts.TAR_GZ));
        String publishedSha = Sha256.hex(tarGz);
        String rebuiltSha = Sha256.hex(rebuilt);
        boolean jsonSame = Arrays.equals(Files.readAllBytes(json), Files.readAllBytes(result.json()));
        List<String> differences = publishedSha.equals(rebuiltSha) ? List.of() : differences(tarGz, rebuilt);
        return new Outcome(classifier, resolver.coordinates(classifier, RecordedDigests.TAR_GZ), recordedTarGz,
                publishedSha, rebuiltSha, jsonSame, recordedJson.equals(Sha256.hex(json)), differences, rebuilt);
    }

    /** The paths whose entries differ between two rootfs tar.gz files (at most 50). */
    static List<String> differences(Path a, Path b) throws IOException {
        Map<TreePath, TreeEntry> left = read(a).entries();
        Map<TreePath, TreeEntry> right = read(b).entries();
        List<String> out = new ArrayList<>();
        TreeSet<TreePath> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        for (TreePath path : paths) {
            TreeEntry l = left.get(path);
            TreeEntry r = right.get(path);
            String why = l == null ? "only in the rebuild" : r == null ? "only in the published artifact"
                    : describe(l).equals(describe(r)) ? null : describe(l) + " published, " + describe(r) + " rebuilt";
            if (why != null) {
                out.add(path + ": " + why);
                if (out.size() == 50) {
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            out.add("the same entries: the archives differ only in their timestamps or their encoding (tar or gzip writer)");
        }
        return out;
    }

    private static String describe(TreeEntry e) throws IOException {
        String owner = " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid();
        if (e instanceof TreeEntry.RegularFile f) {
            try (InputStream in = f.content().open()) {
                return "file sha256:" + Sha256.hex(in.readAllBytes()).substring(0, 12)
                        + owner;
            }
        }
        if (e instanceof TreeEntry.Symlink s) {
            return "symlink -> " + s.target() + owner;
        }
        if (e instanceof TreeEntry.Hardlink h) {
            return "hardlink -> " + h.target() + owner;
        }
        return e.kind() + owner;
    }

    private static FileTree read(Path tarGz) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarGz), 1 << 16))) {
            return new TarReader().read(in, tarGz.toString());
        }
    }
}
