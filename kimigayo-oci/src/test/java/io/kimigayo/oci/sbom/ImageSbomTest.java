package io.kimigayo.oci.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ImagePacker;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.pack.TreeLayer;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.tree.Content;
import io.kimigayo.rootfs.tree.FileTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SBOMs an image on this build's rootfs carries: what they say, where they are, that they are reproducible. */
class ImageSbomTest {

    private static final BuildTimestamp TIME = new BuildTimestamp(Instant.parse("2026-01-01T00:00:00Z"),
            BuildTimestamp.Source.OUTPUT_TIMESTAMP);
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0};

    @TempDir
    Path work;

    /** What build-rootfs leaves: a tar with an ELF program, a script and data, and a rootfs.json with components. */
    private static void rootfs(Path out) throws IOException {
        Path dir = Files.createDirectories(out.resolve("rootfs"));
        FileTree tree = new FileTree()
                .addFile("/bin/busybox", Content.of(ELF), 0755, 0, 0)
                .addFile("/lib/ld-musl-x86_64.so.1", Content.of(concat(ELF, new byte[]{1})), 0755, 0, 0)
                .addFile("/etc/init.d/hello", Content.of("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)), 0755, 0, 0)
                .addFile("/usr/share/zoneinfo/UTC", Content.of("TZif".getBytes(StandardCharsets.UTF_8)), 0644, 0, 0)
                .addSymlink("/usr/share/zoneinfo/Zulu", "UTC", 0, 0)
                .addSymlink("/usr/bin/awk", "/bin/busybox", 0, 0)
                .addHardlink("/bin/sh", "/bin/busybox", 0, 0);
        try (OutputStream o = Files.newOutputStream(dir.resolve("rootfs.tar"))) {
            new TarWriter().write(tree, TIME.instant(), o);
        }
        RootfsManifest manifest = new RootfsManifest("Kimigayo OS", "1.0.0", "standard", "x86_64",
                TIME.toString(), List.of(
                new RootfsManifest.Component("musl", "1.2.5", "MIT", "musl-1.2.5.tar.gz",
                        "https://musl.libc.org/releases/musl-1.2.5.tar.gz",
                        "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4", "k1"),
                new RootfsManifest.Component("busybox", "1.37.0", "GPL-2.0-only", "busybox-1.37.0.tar.bz2",
                        "https://busybox.net/downloads/busybox-1.37.0.tar.bz2",
                        "3311dff32e746499f4df0d5df04d7eb396382d7e108bb9250e7b519b837043a4", "k2"),
                new RootfsManifest.Component("libcap", "2.75", "BSD-3-Clause OR GPL-2.0-only", "libcap-2.75.tar.xz",
                        "https://mirrors.edge.kernel.org/pub/linux/libs/security/linux-privs/libcap2/"
                                + "libcap-2.75.tar.xz",
                        "de4e7e064c9ba451d5234dd46e897d7c71c96a9ebf9a0c445bc04f4742d83632", "k3"),
                new RootfsManifest.Component("openrc", "0.63.3", "BSD-2-Clause", "openrc-0.63.3.tar.gz",
                        "https://github.com/OpenRC/openrc/archive/0.63.3/openrc-0.63.3.tar.gz",
                        "tar:1ba33bb21b1bf9d04ab3515743396498fa52be28d8af07424772daaa792118fe", "k4"),
                new RootfsManifest.Component("tzdata", "2026b", "LicenseRef-Public-Domain", "tzdata2026b.tar.gz",
                        "https://data.iana.org/time-zones/releases/tzdata2026b.tar.gz",
                        "114543d9f19a6bfeb5bca43686aea173d38755a3db1f2eec112647ae92c6f544", "k5")),
                4, new RootfsManifest.Sizes(1, 1), new RootfsManifest.Digests("1", "t", "i"), List.of(), List.of());
        Files.write(dir.resolve("rootfs.json"), manifest.toJson());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static PackRequest request(Path out, byte[] jar) {
        FileTree app = new FileTree().addFile("/app/libs/gson-2.13.2.jar", Content.of(jar), 0644, 0, 0);
        SbomComponent gson = SbomComponent.of("maven/com.google.code.gson/gson@2.13.2", SbomComponent.Type.LIBRARY,
                        "gson", "2.13.2")
                .withIdentity("pkg:maven/com.google.code.gson/gson@2.13.2", null)
                .withFile("gson-2.13.2.jar", null, Sha256.hex(jar));
        SbomComponent application = SbomComponent.of("app", SbomComponent.Type.APPLICATION, "hello", "1.0")
                .withDependsOn(List.of(gson.ref(), OsComponents.ref("musl")));
        return PackRequest.builder(ImageReference.parse("kimigayo-it/hello:1.0"), AMD64, TIME, out)
                .from("rootfs")
                .treeLayers(List.of(new TreeLayer(app, "kimigayo build: dependencies", null)))
                .formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .sbomContent(Map.of(AMD64, new SbomContent(List.of(application, gson), List.of("app"))))
                .build();
    }

    private static JsonNode component(JsonNode cdx, String name) {
        return StreamSupport.stream(cdx.get("components").spliterator(), false)
                .filter(c -> c.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + name + " in " + cdx));
    }

    @Test
    void osComponentsFilesAndDependenciesAreDescribed() throws IOException {
        Path out = work.resolve("target/kimigayo");
        rootfs(out);
        byte[] jar = "PK jar bytes".getBytes(StandardCharsets.UTF_8);
        new ImagePacker().pack(request(out, jar));

        JsonNode cdx = JSON.readTree(out.resolve("sbom/image.cdx.json").toFile());
        assertEquals("1.6", cdx.get("specVersion").asText());
        assertEquals("2026-01-01T00:00:00Z", cdx.at("/metadata/timestamp").asText());
        assertEquals("kimigayo-it/hello", cdx.at("/metadata/component/name").asText());
        JsonNode musl = component(cdx, "musl");
        assertEquals("pkg:generic/musl@1.2.5?download_url=https%3A%2F%2Fmusl.libc.org%2Freleases%2Fmusl-1.2.5.tar.gz",
                musl.get("purl").asText());
        assertEquals("cpe:2.3:a:musl-libc:musl:1.2.5:*:*:*:*:*:*:*", musl.get("cpe").asText());
        assertEquals("MIT", musl.at("/licenses/0/expression").asText());
        assertEquals("a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4",
                musl.at("/externalReferences/0/hashes/0/content").asText());
        assertEquals("cpe:2.3:a:busybox:busybox:1.37.0:*:*:*:*:*:*:*", component(cdx, "busybox").get("cpe").asText());
        JsonNode openrc = component(cdx, "openrc");
        assertEquals("cpe:2.3:a:openrc_project:openrc:0.63.3:*:*:*:*:*:*:*", openrc.get("cpe").asText());
        assertFalse(openrc.at("/externalReferences/0").has("hashes"), "a tar pin is not the archive's digest");
        assertTrue(openrc.toString().contains("\"kimigayo:source:tar-sha256\",\"value\":\"1ba33bb2"),
                openrc.toString());
        assertFalse(component(cdx, "tzdata").has("cpe"), "no guessed CPE");
        assertEquals(Sha256.hex(jar), component(cdx, "gson").at("/hashes/0/content").asText());

        // files: the ELF files and the executable script, not the data file; each with the layer it is in
        JsonNode busybox = component(cdx, "/bin/busybox");
        assertEquals("file", busybox.get("type").asText());
        assertEquals(Sha256.hex(ELF), busybox.at("/hashes/1/content").asText());
        component(cdx, "/lib/ld-musl-x86_64.so.1");
        component(cdx, "/etc/init.d/hello");
        assertFalse(cdx.toString().contains("/usr/share/zoneinfo/UTC"), "data files are left out");
        assertFalse(cdx.toString().contains("/usr/bin/awk"), "a symbolic link is no file of its own");
        assertFalse(cdx.toString().contains("/usr/share/zoneinfo/Zulu"), "a symbolic link is no file of its own");
        assertFalse(cdx.toString().contains("\"/bin/sh\""), "a hard link is listed once, by its first name");

        String deps = cdx.get("dependencies").toString();
        assertTrue(deps.contains("{\"ref\":\"image\",\"dependsOn\":[\"os\",\"app\"]}"), deps);
        assertTrue(deps.contains("{\"ref\":\"os/openrc\",\"dependsOn\":[\"os/musl\",\"os/libcap\"]}"), deps);
        assertTrue(deps.contains("{\"ref\":\"os/busybox\",\"dependsOn\":[\"os/musl\"]}"), deps);

        JsonNode spdx = JSON.readTree(out.resolve("sbom/image.spdx.json").toFile());
        assertEquals("SPDX-2.3", spdx.get("spdxVersion").asText());
        assertTrue(spdx.get("documentNamespace").asText().endsWith(
                cdx.get("serialNumber").asText().substring("urn:uuid:".length())), "one identity for both");
        assertTrue(spdx.toString().contains("\"referenceLocator\":\"cpe:2.3:a:musl-libc:musl:1.2.5:*:*:*:*:*:*:*\""));
        assertEquals("LicenseRef-Public-Domain", spdx.at("/hasExtractedLicensingInfos/0/licenseId").asText());
    }

    @Test
    void theSbomsAreTheImagesLastLayerAtTheScannersPath() throws IOException {
        Path out = work.resolve("target/kimigayo");
        rootfs(out);
        new ImagePacker().pack(request(out, new byte[]{1, 2, 3}));
        Path layout = out.resolve("image");
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(layout, index.at("/manifests/0/digest").asText()));
        JsonNode layers = manifest.get("layers");
        assertEquals(3, layers.size(), "rootfs, the dependency, the SBOMs");
        byte[] last = new java.util.zip.GZIPInputStream(Files.newInputStream(
                blob(layout, layers.get(2).get("digest").asText()).toPath())).readAllBytes();
        java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(last))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        assertArrayEquals(Files.readAllBytes(out.resolve("sbom/image.cdx.json")),
                entries.get("usr/share/kimigayo/sbom/image.cdx.json"), "the image holds the same CycloneDX");
        assertArrayEquals(Files.readAllBytes(out.resolve("sbom/image.spdx.json")),
                entries.get("usr/share/kimigayo/sbom/image.spdx.json"), "the image holds the same SPDX");
    }

    private static java.io.File blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())).toFile();
    }

    @Test
    void theSameImageGetsTheSameSbomAndAnotherImageAnotherSerial() throws IOException {
        Path a = work.resolve("a/target/kimigayo");
        Path b = work.resolve("elsewhere/b/target/kimigayo");
        Path c = work.resolve("c/target/kimigayo");
        rootfs(a);
        rootfs(b);
        rootfs(c);
        byte[] jar = {1, 2, 3};
        new ImagePacker().pack(request(a, jar));
        new ImagePacker().pack(request(b, jar));
        new ImagePacker().pack(request(c, new byte[]{4, 5, 6}));
        assertArrayEquals(Files.readAllBytes(a.resolve("sbom/image.cdx.json")),
                Files.readAllBytes(b.resolve("sbom/image.cdx.json")));
        assertArrayEquals(Files.readAllBytes(a.resolve("sbom/image.spdx.json")),
                Files.readAllBytes(b.resolve("sbom/image.spdx.json")));
        assertNotEquals(JSON.readTree(a.resolve("sbom/image.cdx.json").toFile()).get("serialNumber"),
                JSON.readTree(c.resolve("sbom/image.cdx.json").toFile()).get("serialNumber"),
                "another layer, another serial number");
    }

    @Test
    void anInvalidDocumentFailsNamingTheProblem() throws IOException {
        Path out = work.resolve("target/kimigayo");
        rootfs(out);
        new ImagePacker().pack(request(out, new byte[]{1}));
        ObjectNode cdx = (ObjectNode) JSON.readTree(out.resolve("sbom/image.cdx.json").toFile());
        ((ObjectNode) cdx.get("components").get(0)).put("type", "gadget");
        SbomValidator.InvalidSbomException e = assertThrows(SbomValidator.InvalidSbomException.class,
                () -> new SbomValidator().checkCycloneDx("image.cdx.json", JSON.writeValueAsBytes(cdx)));
        assertTrue(e.getMessage().startsWith("image.cdx.json is not valid CycloneDX 1.6"), e.getMessage());
        assertTrue(e.getMessage().contains("gadget") || e.getMessage().contains("type"), e.getMessage());

        ObjectNode spdx = (ObjectNode) JSON.readTree(out.resolve("sbom/image.spdx.json").toFile());
        spdx.remove("creationInfo");
        SbomValidator.InvalidSbomException s = assertThrows(SbomValidator.InvalidSbomException.class,
                () -> new SbomValidator().checkSpdx("image.spdx.json", JSON.writeValueAsBytes(spdx)));
        assertTrue(s.getMessage().contains("creationInfo"), s.getMessage());
    }

    @Test
    void anImageOnAnotherBaseGetsNoSbom() throws IOException {
        Path out = work.resolve("target/kimigayo");
        FileTree tree = new FileTree().addFile("/hello", Content.of(ELF), 0755, 0, 0);
        new ImagePacker().pack(PackRequest.builder(ImageReference.parse("x/y:1"), AMD64, TIME, out)
                .treeLayers(List.of(new TreeLayer(tree, "t", null))).formats(EnumSet.of(OutputFormat.OCI_LAYOUT))
                .build());
        assertFalse(Files.exists(out.resolve("sbom")), "scratch: nothing known to describe");
    }
}
