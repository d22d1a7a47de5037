package io.kimigayo.rootfs.prebuilt;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.archive.TarReader;
import io.kimigayo.rootfs.source.SourceCatalog;
import io.kimigayo.rootfs.source.SourceSpec;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The prebuilt path of a rootfs build: whether a prebuilt Kimigayo OS can stand in for compiling, and loading it.
 *
 * <p>A prebuilt variant serves a request when everything compiled or converted is as released: the variant and
 * machine are recorded in the plugin, the sources of every component are the pinned ones (no override), the optional
 * components are the variant's own, and no accounts are added (they shape /etc/passwd and OpenRC's files). What is
 * assembled around the OS (the OS version, the user's files, services, the timestamp) is applied on the prebuilt tree
 * as a build from source applies it, so both give the same bytes. The artifact is used only with the SHA-256
 * recorded in the plugin; any other is refused loudly, never compiled around.
 */
public final class PrebuiltRootfs {

    /**
     * A loaded prebuilt rootfs.
     *
     * @param tree        its tree
     * @param manifest    its rootfs.json (version, components with their build keys)
     * @param coordinates the artifact, for messages
     */
    public record Loaded(FileTree tree, RootfsManifest manifest, String coordinates) {
    }

    private PrebuiltRootfs() {
    }

    /** Why no prebuilt OS can serve {@code request}, or empty when one can. */
    public static Optional<String> mismatch(RootfsRequest request) {
        PrebuiltOs prebuilt = request.prebuilt();
        if (prebuilt.resolver() == null || prebuilt.recorded() == null) {
            return Optional.of("no prebuilt Kimigayo OS is configured");
        }
        if (prebuilt.fromSource()) {
            return Optional.of("fromSource is set");
        }
        String classifier = RecordedDigests.classifier(request.variant().id(), request.arch());
        if (!prebuilt.recorded().has(classifier)) {
            return Optional.of("this plugin has no prebuilt " + request.variant().id() + " for " + request.arch()
                    + " (it has " + String.join(", ", prebuilt.recorded().classifiers()) + ")");
        }
        if (!request.users().isEmpty()) {
            return Optional.of("accounts are added (users); the prebuilt OS has root and nonroot only");
        }
        List<String> differences = new ArrayList<>();
        SourceCatalog pinned = SourceCatalog.defaults();
        for (String component : new java.util.TreeSet<>(pinned.all().keySet())) {
            SourceSpec mine = request.sources().get(component);
            if (!mine.equals(pinned.get(component))) {
                differences.add(component + " " + mine.version() + " from " + mine.url() + " instead of the pinned "
                        + pinned.get(component).version());
            }
        }
        for (String optional : RootfsRequest.OPTIONAL_COMPONENTS) {
            boolean byDefault = request.variant() != io.kimigayo.rootfs.assemble.Variant.MINIMAL;
            if (request.includes(optional) != byDefault) {
                differences.add(optional + (byDefault ? " left out" : " added"));
            }
        }
        if (!differences.isEmpty()) {
            return Optional.of("the configuration differs from the prebuilt " + request.variant().id() + ": "
                    + String.join("; ", differences));
        }
        return Optional.empty();
    }

    /**
     * The prebuilt rootfs for {@code request} when one serves it and can be had; empty otherwise, after saying on
     * {@code progress} why the OS is compiled instead.
     *
     * @throws IllegalStateException when the artifact does not have the SHA-256 recorded in the plugin, or is not
     *                               the rootfs its rootfs.json describes
     */
    public static Optional<Loaded> load(RootfsRequest request, Consumer<String> progress) throws IOException {
        String label = "Kimigayo OS " + request.variant().id() + " (" + request.arch() + ")";
        Optional<String> mismatch = mismatch(request);
        if (mismatch.isPresent()) {
            progress.accept(label + ": compiling from source: " + mismatch.get());
            return Optional.empty();
        }
        PrebuiltOs prebuilt = request.prebuilt();
        String classifier = RecordedDigests.classifier(request.variant().id(), request.arch());
        PrebuiltResolver resolver = prebuilt.resolver();
        String coordinates = resolver.coordinates(classifier, RecordedDigests.TAR_GZ);
        Path tarGz;
        Path json;
        try {
            tarGz = resolver.resolve(classifier, RecordedDigests.TAR_GZ);
            json = resolver.resolve(classifier, RecordedDigests.JSON);
        } catch (IOException unavailable) {
            progress.accept(label + ": compiling from source: the prebuilt " + coordinates + " cannot be resolved ("
                    + unavailable.getMessage() + ")");
            return Optional.empty();
        }
        for (Path file : List.of(tarGz, json)) {
            String extension = file == tarGz ? RecordedDigests.TAR_GZ : RecordedDigests.JSON;
            String recorded = prebuilt.recorded().of(classifier, extension).orElseThrow();
            String actual = Sha256.hex(file);
            if (actual.equals(recorded)) {
                continue;
            }
            String what = "the prebuilt " + resolver.coordinates(classifier, extension) + " at " + file
                    + " has SHA-256 " + actual + ", but this plugin records " + recorded + " for it";
            if (prebuilt.recorded().version().endsWith("-SNAPSHOT")) {
                // a SNAPSHOT is rebuilt all the time: the local repository may hold an older one
                progress.accept(label + ": compiling from source: " + what + " (a SNAPSHOT of another build; a "
                        + "release refuses such an artifact)");
                return Optional.empty();
            }
            throw new IllegalStateException(what + ": it is not the artifact released with the plugin. Delete it "
                    + "from the local repository to download it again, check the repository it came from, or set "
                    + "fromSource=true to compile the OS");
        }
        RootfsManifest manifest = RootfsManifest.read(json);
        if (!request.variant().id().equals(manifest.variant()) || !request.arch().equals(manifest.arch())
                || manifest.sha256() == null) {
            throw new IllegalStateException(json + " describes " + manifest.variant() + " for " + manifest.arch()
                    + ", not " + request.variant().id() + " for " + request.arch() + "; the prebuilt artifacts were "
                    + "recorded wrongly. Set fromSource=true to compile");
        }
        FileTree tree;
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(new BufferedInputStream(
                Files.newInputStream(tarGz), 1 << 16), 1 << 16), digest)) {
            tree = new TarReader().read(in, tarGz.toString());
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String tarSha256 = HexFormat.of().formatHex(digest.digest());
        if (!tarSha256.equals(manifest.sha256().tar())) {
            throw new IllegalStateException(tarGz + ": its tar has SHA-256 " + tarSha256 + ", its rootfs.json "
                    + "records " + manifest.sha256().tar() + "; set fromSource=true to compile");
        }
        progress.accept(label + ": prebuilt " + coordinates + " (SHA-256 as recorded in the plugin), "
                + tree.size() + " entries; nothing to compile");
        return Optional.of(new Loaded(tree, manifest, coordinates));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
