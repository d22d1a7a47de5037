package io.kimigayo.app.uptodate;

import io.kimigayo.app.ApplicationRequest;
import io.kimigayo.app.Dependency;
import io.kimigayo.app.JavaApplication;
import io.kimigayo.app.RuntimeSettings;
import io.kimigayo.app.java.ClassDataSharing;
import io.kimigayo.app.startup.StartupCheck;
import io.kimigayo.core.time.BuildTimestamp;
import io.kimigayo.oci.model.Platform;
import io.kimigayo.oci.pack.ContainerSettings;
import io.kimigayo.oci.pack.OutputFormat;
import io.kimigayo.oci.pack.PackRequest;
import io.kimigayo.oci.reference.ImageReference;
import io.kimigayo.rootfs.RootfsRequest;
import io.kimigayo.rootfs.assemble.ServiceLinks;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.source.SourceCatalog;
import io.kimigayo.rootfs.assemble.FileAddition;
import io.kimigayo.rootfs.assemble.UserAccount;
import io.kimigayo.signing.SignRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The up-to-date key covers every field of the request (from the types alone), and each kind of input, changed on
 * its own, moves it; touching a file without changing it does not.
 */
class BuildInputsTest {

    @TempDir
    Path dir;

    private Path classes;
    private Path dependency;
    private Path addedFile;
    private Path jdk;
    private Path appJar;

    @BeforeEach
    void project() throws IOException {
        for (String d : List.of("project", "repo", "jdk")) {
            io.kimigayo.core.output.AtomicFiles.deleteRecursively(dir.resolve(d));
        }
        classes = Files.createDirectories(dir.resolve("project/target/classes/it/app"));
        Files.writeString(classes.resolve("Main.class"), "class bytes one");
        Files.writeString(classes.getParent().getParent().resolve("greeting.txt"), "hello");
        classes = dir.resolve("project/target/classes");
        dependency = dir.resolve("repo/gson-2.13.2.jar");
        Files.createDirectories(dependency.getParent());
        Files.writeString(dependency, "jar bytes one");
        addedFile = dir.resolve("project/src/image/app.conf");
        Files.createDirectories(addedFile.getParent());
        Files.writeString(addedFile, "setting=1\n");
        jdk = Files.createDirectories(dir.resolve("jdk"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Files.createDirectories(jdk.resolve("jmods"));
        Files.writeString(jdk.resolve("jmods/java.base.jmod"), "jmod bytes");
        appJar = dir.resolve("project/target/app.jar");
        jar(appJar, "Main-Class: it.app.Main", "it/app/Main.class", "x");
    }

    private static void jar(Path file, String mainClass, String entry, String content) throws IOException {
        Manifest manifest = new Manifest(new java.io.ByteArrayInputStream(("Manifest-Version: 1.0\n" + mainClass
                + "\n").getBytes()));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes());
            out.closeEntry();
        }
    }

    /** The request's parts, each replaceable by a test. */
    private final class Parts {
        Variant variant = Variant.STANDARD;
        String arch = "x86_64";
        Instant timestamp = Instant.parse("2026-01-01T00:00:00Z");
        List<FileAddition> files;
        List<UserAccount> users = List.of();
        List<ServiceLinks.Service> services = List.of();
        SourceCatalog sources = SourceCatalog.defaults();
        String osVersion = "1.0";
        String image = "example/app:1.0";
        List<String> tags = List.of();
        Set<OutputFormat> formats = Set.of(OutputFormat.OCI_LAYOUT);
        Map<String, String> environment = new LinkedHashMap<>(Map.of("GREETING", "hello"));
        List<String> jvmFlags = List.of("-Xss512k");
        List<String> args = List.of("one");
        String mainClass = null;
        String user = null;
        Path jdk = BuildInputsTest.this.jdk;
        List<String> modules = List.of();
        List<String> extraModules = List.of();
        ClassDataSharing cds = ClassDataSharing.AUTO;
        StartupCheck startup = null;
        SignRequest sign = null;
        Path output = dir.resolve("project/target/kimigayo");
        List<Dependency> dependencies = List.of(new Dependency(dependency, "com.google.code.gson", "gson", "2.13.2",
                "", Dependency.Kind.RELEASE));

        Parts() {
            files = List.of(new FileAddition(addedFile, "/etc/app.conf", null, 0, 0));
        }

        ApplicationRequest request() {
            NativeBuildSettings nativeBuild = NativeBuildSettings.builder().cacheDirectory(dir.resolve("cache"))
                    .logDirectory(output.resolve("logs")).build();
            RootfsRequest rootfs = RootfsRequest.builder(variant, arch, timestamp, output.resolve("rootfs"))
                    .nativeBuild(nativeBuild).files(files).users(users).services(services).sources(sources)
                    .version(osVersion).build();
            PackRequest pack = PackRequest.builder(ImageReference.parse(image), Platform.parse("linux/amd64"),
                    new BuildTimestamp(timestamp, BuildTimestamp.Source.OUTPUT_TIMESTAMP), output)
                    .extraTags(tags).formats(formats).settings(new ContainerSettings(null, null, environment, null,
                            null, null, null, null)).build();
            JavaApplication app = new JavaApplication(classes, appJar, dependencies, mainClass, null, jvmFlags, args,
                    user, null);
            RuntimeSettings runtime = new RuntimeSettings(jdk, modules, extraModules, cds);
            return new ApplicationRequest(rootfs, pack, app, runtime, startup, sign, null);
        }
    }

    private String key(Parts parts) throws Exception {
        return BuildInputs.of(parts.request(), Map.of("toolchain", "gcc 12"), new FileDigests(Map.of()), false)
                .sha256();
    }

    @Test
    void everyFieldOfEveryRecordOfTheRequestIsCoveredByTheKey() {
        assertEquals(List.of(), BuildInputs.uncovered(ApplicationRequest.class));
    }

    /** A record a request could grow: a field of a type the key does not know is found from the types alone. */
    record Grown(String name, Thread notKnown, List<java.io.File> files) {
    }

    @Test
    void aFieldOfATypeTheKeyDoesNotKnowIsFound() {
        List<String> problems = BuildInputs.uncovered(Grown.class);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Grown.notKnown"), problems.toString());
        assertTrue(problems.get(1).contains("Grown.files[]"), problems.toString());
    }

    @Test
    void aValueOfATypeTheKeyDoesNotKnowMakesTheRequestIneligible() {
        BuildInputs.Ineligible e = assertThrows(BuildInputs.Ineligible.class, () -> BuildInputs.of(
                new Parts().request(), Map.of("odd", new Object()), new FileDigests(Map.of()), false));
        assertTrue(e.getMessage().contains("identity.odd is a java.lang.Object"), e.getMessage());
    }

    @Test
    void theSameInputsGiveTheSameKeyAndTouchingAFileChangesNothing() throws Exception {
        String before = key(new Parts());
        assertEquals(before, key(new Parts()));
        FileTime later = FileTime.from(Instant.now().plusSeconds(60));
        for (Path p : List.of(classes.resolve("it/app/Main.class"), dependency, addedFile, jdk.resolve("release"))) {
            Files.setLastModifiedTime(p, later);
        }
        // rewritten with the same bytes: another inode, other times, the same content
        Files.writeString(classes.resolve("it/app/Main.class"), "class bytes one");
        assertEquals(before, key(new Parts()));
    }

    @Test
    void eachInputChangedOnItsOwnMovesTheKey() throws Exception {
        String base = key(new Parts());
        Map<String, Check> changes = new LinkedHashMap<>();
        changes.put("a class file", files(() -> Files.writeString(classes.resolve("it/app/Main.class"), "two")));
        changes.put("a resource", files(() -> Files.writeString(classes.resolve("greeting.txt"), "hallo")));
        changes.put("a new class", files(() -> Files.writeString(classes.resolve("it/app/New.class"), "n")));
        changes.put("a class file's mode", files(() -> Files.setPosixFilePermissions(
                classes.resolve("it/app/Main.class"), PosixFilePermissions.fromString("rwxr-xr-x"))));
        changes.put("a dependency jar's bytes", files(() -> Files.writeString(dependency, "jar bytes two")));
        changes.put("a file added through files", files(() -> Files.writeString(addedFile, "setting=2\n")));
        changes.put("the JDK's release file", files(() -> Files.writeString(jdk.resolve("release"),
                "JAVA_VERSION=\"17.0.16\"\n")));
        changes.put("a jmod of the JDK", files(() -> Files.writeString(jdk.resolve("jmods/java.base.jmod"), "j2")));
        changes.put("the application jar's manifest", files(() -> jar(appJar, "Main-Class: it.app.Other",
                "it/app/Main.class", "x")));
        changes.put("variant", parts(p -> p.variant = Variant.MINIMAL));
        changes.put("arch", parts(p -> p.arch = "aarch64"));
        changes.put("timestamp", parts(p -> p.timestamp = Instant.parse("2026-01-02T00:00:00Z")));
        changes.put("files' target", parts(p -> p.files = List.of(new FileAddition(addedFile, "/etc/other.conf",
                null, 0, 0))));
        changes.put("files' mode", parts(p -> p.files = List.of(new FileAddition(addedFile, "/etc/app.conf",
                0600, 0, 0))));
        changes.put("users", parts(p -> p.users = List.of(new UserAccount("app", 1000, 1000, "/home/app",
                "/bin/sh"))));
        changes.put("services", parts(p -> p.services = List.of(new ServiceLinks.Service("app", "default"))));
        changes.put("a component's source", parts(p -> p.sources = SourceCatalog.defaults().override("busybox",
                "1.36.1", "https://example.invalid/busybox-1.36.1.tar.bz2", "ab".repeat(32))));
        changes.put("OS version", parts(p -> p.osVersion = "1.1"));
        changes.put("image name", parts(p -> p.image = "example/app:1.1"));
        changes.put("tags", parts(p -> p.tags = List.of("latest")));
        changes.put("formats", parts(p -> p.formats = Set.of(OutputFormat.OCI_LAYOUT, OutputFormat.DOCKER_ARCHIVE)));
        changes.put("environment", parts(p -> p.environment.put("MORE", "x")));
        changes.put("environment order", parts(p -> {
            p.environment.put("A", "1");
            p.environment.put("B", "2");
        }));
        changes.put("jvmFlags", parts(p -> p.jvmFlags = List.of("-Xss1m")));
        changes.put("args", parts(p -> p.args = List.of("two")));
        changes.put("main class", parts(p -> p.mainClass = "it.app.Other"));
        changes.put("user", parts(p -> p.user = "1000:1000"));
        changes.put("jdk", parts(p -> p.jdk = dir.resolve("other-jdk")));
        changes.put("modules", parts(p -> p.modules = List.of("java.base")));
        changes.put("extraModules", parts(p -> p.extraModules = List.of("jdk.localedata")));
        changes.put("classDataSharing", parts(p -> p.cds = ClassDataSharing.ON));
        changes.put("startup check", parts(p -> p.startup = new StartupCheck(null, 8080, null,
                Duration.ofSeconds(10))));
        changes.put("output directory", parts(p -> p.output = dir.resolve("elsewhere")));
        changes.put("a dependency's version", parts(p -> p.dependencies = List.of(new Dependency(dependency,
                "com.google.code.gson", "gson", "2.13.3", "", Dependency.Kind.RELEASE))));
        changes.put("a dependency more", parts(p -> p.dependencies = List.of(p.dependencies.get(0),
                new Dependency(addedFile, "x", "y", "1", "", Dependency.Kind.RELEASE))));
        List<String> unmoved = new ArrayList<>();
        for (Map.Entry<String, Check> change : changes.entrySet()) {
            project();   // every change starts from the same project
            String changed = change.getValue().key();
            if (changed.equals(base)) {
                unmoved.add(change.getKey());
            }
        }
        assertEquals(List.of(), unmoved, "inputs whose change left the key as it was");
        project();
        assertEquals(base, key(new Parts()), "the project restored gives the first key again");
    }

    @Test
    void theApplicationJarCountsByWhatTheBuildReadsOfIt() throws Exception {
        String base = key(new Parts());
        // another class inside the jar (a jar rebuilt with new entry times, say): the build reads only the manifest
        // and Spring Boot's class path index, and takes the classes from target/classes
        jar(appJar, "Main-Class: it.app.Main", "it/app/Main.class", "y");
        assertEquals(base, key(new Parts()));
    }

    @Test
    void signingAlwaysBuilds() throws Exception {
        Parts parts = new Parts();
        parts.sign = SignRequest.cosign(dir.resolve("layout"), "1.0", "example/app", dir.resolve("k.key"),
                new char[0], Map.of());
        BuildInputs.Ineligible e = assertThrows(BuildInputs.Ineligible.class, () -> key(parts));
        assertTrue(e.getMessage().contains("ApplicationRequest.sign"), e.getMessage());
    }

    @Test
    void theKeyTextNamesEveryFileItWasMadeOf() throws Exception {
        BuildInputs.Key key = BuildInputs.of(new Parts().request(), Map.of(), new FileDigests(Map.of()), true);
        assertTrue(key.files().contains(classes.resolve("it/app/Main.class")), key.files().toString());
        assertTrue(key.files().contains(dependency), key.files().toString());
        assertTrue(key.files().contains(addedFile), key.files().toString());
        assertTrue(key.files().contains(jdk.resolve("release")), key.files().toString());
        assertTrue(key.text().contains("request.application.jvmFlags[0] = String \"-Xss512k\""), key.text());
        assertFalse(key.text().contains("cache/"), "the cache directory is a place: only its name is in the key");
    }

    interface Action {
        void run() throws Exception;
    }

    interface Check {
        String key() throws Exception;
    }

    private Check files(Action change) {
        return () -> {
            change.run();
            return key(new Parts());
        };
    }

    private Check parts(java.util.function.Consumer<Parts> change) {
        return () -> {
            Parts p = new Parts();
            change.accept(p);
            return key(p);
        };
    }
}
