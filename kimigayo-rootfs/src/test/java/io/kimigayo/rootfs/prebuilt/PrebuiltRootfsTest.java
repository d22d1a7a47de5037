package io.kimigayo.rootfs.prebuilt;

import io.kimigayo.core.hash.Sha256;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.source.SourceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the prebuilt Kimigayo OS stands in for compiling, and what happens when its artifact is not as recorded. */
class PrebuiltRootfsTest {

    @TempDir
    Path work;

    /** Artifacts in a directory, named by classifier and extension. */
    private PrebuiltResolver directory(Path dir) {
        return new PrebuiltResolver() {
            @Override
            public Path resolve(String classifier, String extension) throws IOException {
                Path file = dir.resolve(classifier + "." + extension);
                if (!Files.exists(file)) {
                    throw new IOException("not in " + dir);
                }
                return file;
            }

            @Override
            public String coordinates(String classifier, String extension) {
                return "io.kimigayo:kimigayo-os:1.0.0:" + extension + ":" + classifier;
            }
        };
    }

    private RootfsRequest.Builder request(Variant variant, PrebuiltOs prebuilt) {
        return RootfsRequest.builder(variant, "x86_64", Instant.EPOCH, work.resolve("out"))
                .nativeBuild(NativeBuildSettings.builder().cacheDirectory(work.resolve("cache"))
                        .logDirectory(work.resolve("logs")).build())
                .prebuilt(prebuilt);
    }

    private static RecordedDigests recorded(String version, String tarGz, String json) throws IOException {
        String text = "version=" + version + "\nstandard-x86_64.tar.gz=" + tarGz + "\nstandard-x86_64.json=" + json
                + "\n";
        return RecordedDigests.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private PrebuiltOs published(String version, boolean tamper) throws IOException {
        Path dir = Files.createDirectories(work.resolve("repo"));
        Files.writeString(dir.resolve("standard-x86_64.tar.gz"), "the rootfs");
        Files.writeString(dir.resolve("standard-x86_64.json"), "{}");
        RecordedDigests digests = recorded(version, Sha256.hex(dir.resolve("standard-x86_64.tar.gz")),
                Sha256.hex(dir.resolve("standard-x86_64.json")));
        if (tamper) {
            Files.writeString(dir.resolve("standard-x86_64.tar.gz"), "the rootfs, changed");
        }
        return new PrebuiltOs(directory(dir), digests, false);
    }

    @Test
    void eachDifferenceFromThePrebuiltVariantIsNamed() throws IOException {
        PrebuiltOs prebuilt = published("1.0.0", false);
        assertEquals(Optional.empty(), PrebuiltRootfs.mismatch(request(Variant.STANDARD, prebuilt).build()));
        assertEquals(Optional.of("fromSource is set"), PrebuiltRootfs.mismatch(request(Variant.STANDARD,
                new PrebuiltOs(prebuilt.resolver(), prebuilt.recorded(), true)).build()));
        assertEquals(Optional.of("this plugin has no prebuilt minimal for x86_64 (it has standard-x86_64)"),
                PrebuiltRootfs.mismatch(request(Variant.MINIMAL, prebuilt).build()));
        assertEquals(Optional.of("accounts are added (users); the prebuilt OS has root and nonroot only"),
                PrebuiltRootfs.mismatch(request(Variant.STANDARD, prebuilt).users(List.of(
                        new UserAccount("app", 1000, 1000, "/home/app", "/bin/sh"))).build()));
        SourceCatalog newer = SourceCatalog.defaults().override("busybox", "1.36.1", null,
                "b8cc24c9574d809e7279c3be349795c5d5ceb6fdf19ca709f80cde50e47de314");
        String components = PrebuiltRootfs.mismatch(request(Variant.STANDARD, prebuilt).sources(newer)
                .included(Map.of("tzdata", false)).build()).orElseThrow();
        assertEquals("the configuration differs from the prebuilt standard: busybox 1.36.1 from "
                + "https://busybox.net/downloads/busybox-1.36.1.tar.bz2 instead of the pinned 1.37.0; tzdata left out",
                components);
        assertEquals(Optional.of("no prebuilt Kimigayo OS is configured"),
                PrebuiltRootfs.mismatch(request(Variant.STANDARD, null).build()));
    }

    @Test
    void aReleasedArtifactWithAnotherDigestFailsTheBuild() throws IOException {
        PrebuiltOs tampered = published("1.0.0", true);
        List<String> progress = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PrebuiltRootfs.load(request(Variant.STANDARD, tampered).build(), progress::add));
        assertTrue(e.getMessage().startsWith("the prebuilt io.kimigayo:kimigayo-os:1.0.0:tar.gz:standard-x86_64 at "
                + work.resolve("repo/standard-x86_64.tar.gz") + " has SHA-256 "
                + Sha256.hex(work.resolve("repo/standard-x86_64.tar.gz")) + ", but this plugin records "
                + tampered.recorded().of("standard-x86_64", "tar.gz").orElseThrow()), e.getMessage());
        assertTrue(e.getMessage().endsWith("or set fromSource=true to compile the OS"), e.getMessage());
        assertEquals(List.of(), progress, "nothing is said to be used or compiled");
    }

    @Test
    void anOlderSnapshotIsCompiledAroundAndSaidSo() throws IOException {
        PrebuiltOs tampered = published("1.0.0-SNAPSHOT", true);
        List<String> progress = new ArrayList<>();
        assertEquals(Optional.empty(), PrebuiltRootfs.load(request(Variant.STANDARD, tampered).build(),
                progress::add));
        assertEquals(1, progress.size(), progress.toString());
        assertTrue(progress.get(0).startsWith("Kimigayo OS standard (x86_64): compiling from source: the prebuilt "),
                progress.get(0));
        assertTrue(progress.get(0).endsWith("(a SNAPSHOT of another build; a release refuses such an artifact)"),
                progress.get(0));
    }

    @Test
    void anArtifactThatCannotBeResolvedIsCompiledAroundAndSaidSo() throws IOException {
        PrebuiltOs prebuilt = published("1.0.0", false);
        PrebuiltOs empty = new PrebuiltOs(directory(Files.createDirectories(work.resolve("empty"))),
                prebuilt.recorded(), false);
        List<String> progress = new ArrayList<>();
        assertEquals(Optional.empty(), PrebuiltRootfs.load(request(Variant.STANDARD, empty).build(), progress::add));
        assertEquals(List.of("Kimigayo OS standard (x86_64): compiling from source: the prebuilt "
                + "io.kimigayo:kimigayo-os:1.0.0:tar.gz:standard-x86_64 cannot be resolved (not in "
                + work.resolve("empty") + ")"), progress);
    }

    @Test
    void theRecordRefusesWhatIsNotADigestOfAnArtifact() {
        IOException e = assertThrows(IOException.class, () -> RecordedDigests.read(new ByteArrayInputStream(
                "version=1\nstandard-x86_64.tar.gz=ABC\n".getBytes(StandardCharsets.UTF_8)), "prebuilt-os.properties"));
        assertEquals("prebuilt-os.properties: standard-x86_64.tar.gz=ABC is not '<variant>-<arch>.tar.gz' or "
                + "'.json' with a lower-case hex SHA-256", e.getMessage());
    }
}
