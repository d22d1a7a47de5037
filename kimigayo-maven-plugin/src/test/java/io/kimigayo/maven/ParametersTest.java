package io.kimigayo.maven;

import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.assemble.Variant;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the goals make of their parameters: the requests handed to the libraries, and the errors for bad ones. */
class ParametersTest {

    @TempDir
    Path temp;

    private MavenProject project() {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("Hello-App");
        model.setVersion("1.0");
        MavenProject project = new MavenProject(model);
        project.setFile(temp.resolve("pom.xml").toFile());
        return project;
    }

    private static PackParameters pack(List<LayerParameter> layers, List<String> formats, List<String> platforms) {
        return new PackParameters("scratch", layers, List.of("/bin/sh"), List.of("-c", "true"), Map.of("A", "1"),
                "/work", "65532:65532", List.of("8080"), Map.of(), Map.of(), null, List.of("latest"), formats,
                platforms, null, new File("target/kimigayo"));
    }

    private static LayerParameter layer(File directory, String fileMode) {
        LayerParameter layer = new LayerParameter();
        layer.directory = directory;
        layer.fileMode = fileMode;
        return layer;
    }

    @Test
    void packParametersBecomeTheRequestWithTheProjectsImageName() {
        LayerParameter app = layer(temp.toFile(), "0640");
        app.target = "/app";
        PackRequest request = pack(List.of(app), List.of("oci-archive"), List.of("linux/amd64"))
                .toRequest(project(), BuildTimestamp.resolve("2024-01-01T00:00:00Z", Map.of()), null);

        assertEquals("scratch", request.from());
        assertEquals(temp, request.baseDirectory());
        assertEquals("hello-app:1.0", request.image().toString(), "artifactId in lower case, and the version");
        assertEquals(List.of("latest"), request.extraTags());
        assertEquals(Set.of(OutputFormat.OCI_ARCHIVE), request.formats());
        assertEquals("linux/amd64", request.platform().toString());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), request.timestamp().instant());
        assertEquals(List.of("/bin/sh"), request.settings().entrypoint());
        assertEquals("65532:65532", request.settings().user());
        assertEquals(1, request.layers().size());
        assertEquals(temp, request.layers().get(0).source());
        assertEquals(0640, request.layers().get(0).fileMode());
    }

    @Test
    void aLayerWithoutADirectoryIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pack(
                List.of(layer(null, null)), null, null).toRequest(project(), BuildTimestamp.resolve(null, Map.of()),
                null));
        assertTrue(e.getMessage().contains("<layer> has no <directory>"), e.getMessage());
    }

    @Test
    void aModeThatIsNotOctalIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pack(
                List.of(layer(temp.toFile(), "0988")), null, null).toRequest(project(),
                BuildTimestamp.resolve(null, Map.of()), null));
        assertEquals("fileMode '0988' is not an octal mode such as 0644 or 4755", e.getMessage());
    }

    @Test
    void severalPlatformsBecomeOneRequestForAnIndexInTheOrderGiven() {
        PackRequest request = pack(List.of(), null, List.of("linux/arm64", "linux/amd64")).toRequest(project(),
                BuildTimestamp.resolve(null, Map.of()), null);
        assertEquals(List.of("linux/arm64/v8", "linux/amd64"),
                request.platforms().stream().map(Object::toString).toList());
        assertTrue(request.isMultiPlatform());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> pack(List.of(), null,
                List.of("linux/amd64", "linux/x86_64")).toRequest(project(), BuildTimestamp.resolve(null, Map.of()),
                null));
        assertTrue(twice.getMessage().contains("are the same platform"), twice.getMessage());
    }

    @Test
    void noPlatformIsTheHosts() {
        PackRequest request = pack(List.of(), null, null).toRequest(project(), BuildTimestamp.resolve(null,
                Map.of()), null);
        assertEquals(io.kimigayo.oci.model.Platform.host(), request.platform());
    }

    private RootfsParameters rootfs(String arch, List<FileParameter> files, List<UserParameter> users) {
        return rootfs(arch, null, files, users);
    }

    private RootfsParameters rootfs(String arch, List<String> platforms, List<FileParameter> files,
                                    List<UserParameter> users) {
        return new RootfsParameters("minimal", arch, platforms, null, List.of("/srv/mirror"), true,
                temp.resolve("cache").toFile(), files, users, true, false, "1.2.3", 3, temp.resolve("out").toFile(),
                null, null);
    }

    private static ComponentParameter component(String name, Boolean include) {
        ComponentParameter c = new ComponentParameter();
        c.name = name;
        c.include = include;
        return c;
    }

    @Test
    void componentsTakeOptionalOnesInOrOutAndRefuseToLeaveOutMuslOrBusybox() {
        RootfsRequest request = new RootfsParameters("minimal", "x86_64", null,
                List.of(component("tzdata", true), component("ca-certificates", null)), List.of(), true,
                temp.resolve("cache").toFile(), null, null, true, false, "1", 1, temp.resolve("out").toFile(), null, null)
                .toRequest(Instant.EPOCH, line -> { });
        assertEquals(Map.of("tzdata", true), request.included());
        assertTrue(request.includes("tzdata"));
        assertEquals(false, request.includes("ca-certificates"), "no <include>: minimal's default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RootfsParameters(
                "standard", "x86_64", null, List.of(component("busybox", false)), List.of(), true,
                temp.resolve("cache").toFile(), null, null, true, false, "1", 1, temp.resolve("out").toFile(), null, null)
                .toRequest(Instant.EPOCH, line -> { }));
        assertTrue(e.getMessage().startsWith("the component busybox cannot be left out"), e.getMessage());
    }

    @Test
    void aComponentMayPinItsSourceByTheUncompressedTar() {
        String tar = "1ba33bb21b1bf9d04ab3515743396498fa52be28d8af07424772daaa792118fe";
        ComponentParameter openrc = component("openrc", null);
        openrc.version = "0.64";
        openrc.tarSha256 = tar;
        RootfsRequest request = new RootfsParameters("standard", "x86_64", null, List.of(openrc), List.of(), true,
                temp.resolve("cache").toFile(), null, null, true, false, "1", 1, temp.resolve("out").toFile(), null, null)
                .toRequest(Instant.EPOCH, line -> { });
        assertEquals("tar:" + tar, request.sources().get("openrc").pin());
        assertEquals(null, request.sources().get("openrc").sha256());

        openrc.tarSha256 = null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RootfsParameters(
                "standard", "x86_64", null, List.of(openrc), List.of(), true, temp.resolve("cache").toFile(), null,
                null, true, false, "1", 1, temp.resolve("out").toFile(), null, null).toRequest(Instant.EPOCH, line -> { }));
        assertTrue(e.getMessage().startsWith("openrc 0.64: "), e.getMessage());
        assertTrue(e.getMessage().contains("<sha256>") && e.getMessage().contains("<tarSha256>"), e.getMessage());
    }

    @Test
    void onePlatformIsOneRootfsWhereItAlwaysWas() {
        List<RootfsRequest> requests = rootfs(null, List.of("linux/arm64"), null, null)
                .toRequests(Instant.EPOCH, line -> { });
        assertEquals(1, requests.size());
        assertEquals("aarch64", requests.get(0).arch());
        assertEquals(temp.resolve("out/rootfs"), requests.get(0).outputDirectory());
        assertEquals(temp.resolve("out/logs"), requests.get(0).nativeBuild().logDirectory());
        assertEquals("aarch64", rootfs("arm64", List.of("linux/arm64"), null, null)
                .toRequest(Instant.EPOCH, line -> { }).arch(), "arch may name the one platform's machine");
    }

    @Test
    void severalPlatformsAreOneRootfsPerMachineInADirectoryOfItsOwn() {
        List<RootfsRequest> requests = rootfs(null, List.of("linux/amd64", "linux/arm64"), null, null)
                .toRequests(Instant.EPOCH, line -> { });
        assertEquals(List.of("x86_64", "aarch64"), requests.stream().map(RootfsRequest::arch).toList());
        assertEquals(List.of(temp.resolve("out/rootfs/x86_64"), temp.resolve("out/rootfs/aarch64")),
                requests.stream().map(RootfsRequest::outputDirectory).toList());
        assertEquals(List.of(temp.resolve("out/logs/x86_64"), temp.resolve("out/logs/aarch64")),
                requests.stream().map(r -> r.nativeBuild().logDirectory()).toList());
    }

    @Test
    void archAndPlatformsThatDisagreeAreRefused() {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> rootfs("x86_64",
                List.of("linux/arm64"), null, null).toRequests(Instant.EPOCH, line -> { }));
        assertTrue(other.getMessage().startsWith("arch x86_64 and platforms [linux/arm64] disagree"),
                other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rootfs("x86_64", List.of("linux/amd64", "linux/arm64"),
                null, null).toRequests(Instant.EPOCH, line -> { }));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> rootfs(null,
                List.of("linux/arm64", "linux/aarch64"), null, null).toRequests(Instant.EPOCH, line -> { }));
        assertTrue(twice.getMessage().contains("aarch64 is named twice"), twice.getMessage());
    }

    @Test
    void rootfsParametersBecomeTheRequest() {
        UserParameter user = new UserParameter();
        user.name = "app";
        user.uid = 1000;
        FileParameter file = new FileParameter();
        file.source = temp.toFile();
        file.target = "/srv/";
        file.mode = "0750";
        RootfsRequest request = rootfs(" ", List.of(file), List.of(user)).toRequest(Instant.EPOCH, line -> { });

        assertEquals(Variant.MINIMAL, request.variant());
        assertEquals(HostArch.id(), request.arch(), "a blank arch is the host's");
        assertEquals(List.of("/srv/mirror"), request.nativeBuild().sourceMirrors());
        assertEquals(temp.resolve("out/rootfs"), request.outputDirectory());
        assertEquals(temp.resolve("out/logs"), request.nativeBuild().logDirectory());
        assertEquals(3, request.nativeBuild().jobs());
        assertEquals("1.2.3", request.version());
        assertEquals(1000, request.users().get(0).gid(), "the gid defaults to the uid");
        assertEquals(0750, request.files().get(0).mode());
        assertEquals("/srv/", request.files().get(0).target());
    }

    @Test
    void debianAndOciArchNamesBecomeKimigayos() {
        assertEquals("aarch64", rootfs("arm64", null, null).toRequest(Instant.EPOCH, line -> { }).arch());
        assertEquals("aarch64", rootfs("aarch64", null, null).toRequest(Instant.EPOCH, line -> { }).arch());
        assertEquals("x86_64", rootfs("amd64", null, null).toRequest(Instant.EPOCH, line -> { }).arch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rootfs("sparc", null, null).toRequest(Instant.EPOCH, line -> { }));
        assertTrue(e.getMessage().contains("'sparc'"), e.getMessage());
    }

    @Test
    void aFileWithoutATargetIsRefusedNamingWhatItNeeds() {
        FileParameter file = new FileParameter();
        file.source = temp.toFile();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rootfs(null, List.of(file), null).toRequest(Instant.EPOCH, null));
        assertEquals("a <file> needs <source> and <target>", e.getMessage());
    }
}
