package io.kimigayo.rootfs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code rootfs.json} says about a rootfs: the OS, its components with their pinned sources, its size and
 * the audit of every ELF file in it; and, for an application image, the Java runtime added on top of it.
 *
 * <p>The one place that reads and writes {@code rootfs.json}: {@link #read} and {@link #toJson}. Every field the
 * file has is in this model, so an unknown field is an error, not something to skip.
 *
 * @param javaRuntime the Java runtime of an application image ({@code build}); {@code null} for a bare rootfs
 *                    ({@code build-rootfs}), and then left out of the file
 */
@JsonPropertyOrder({"name", "version", "variant", "arch", "created", "components", "files", "sizes", "sha256",
        "audit", "packageManagers", "javaRuntime"})
public record RootfsManifest(String name, String version, String variant, String arch, String created,
                             List<Component> components, int files, Sizes sizes, Digests sha256,
                             List<FileAudit> audit, List<String> packageManagers,
                             @JsonInclude(JsonInclude.Include.NON_NULL) JavaRuntime javaRuntime) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** A bare rootfs, as {@code build-rootfs} describes it: no Java runtime. */
    public RootfsManifest(String name, String version, String variant, String arch, String created,
                          List<Component> components, int files, Sizes sizes, Digests sha256,
                          List<FileAudit> audit, List<String> packageManagers) {
        this(name, version, variant, arch, created, components, files, sizes, sha256, audit, packageManagers, null);
    }

    /** This rootfs with the Java runtime an application image adds to it. */
    public RootfsManifest withJavaRuntime(JavaRuntime runtime) {
        return new RootfsManifest(name, version, variant, arch, created, components, files, sizes, sha256, audit,
                packageManagers, runtime);
    }

    /**
     * Reads a {@code rootfs.json}. A file this model does not describe (not JSON, an unknown field: written by
     * another version of Kimigayo, or edited) fails, naming the file.
     */
    public static RootfsManifest read(Path json) throws IOException {
        try {
            return JSON.readValue(json.toFile(), RootfsManifest.class);
        } catch (JsonProcessingException e) {
            throw new IOException(json + " is not a rootfs.json this version of Kimigayo reads ("
                    + e.getOriginalMessage() + "); run build-rootfs again", e);
        }
    }

    /** The bytes of {@code rootfs.json}: indented, fields in the order declared here, no final newline. */
    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    /**
     * A component and where its source came from: its licence (SPDX) and, for a compiled one, its build cache key
     * (none for the CA certificates, which are converted, not compiled).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "version", "license", "file", "url", "sha256", "buildKey"})
    public record Component(String name, String version, String license, String file, String url, String sha256,
                            String buildKey) {
    }

    /** Sizes in bytes: the uncompressed tar and its gzip. */
    @JsonPropertyOrder({"tar", "gzip"})
    public record Sizes(long tar, long gzip) {
    }

    /**
     * The SHA-256 of {@code rootfs.tar} and {@code initramfs.cpio.gz}, and the version of the writers that made
     * them ({@code format}): a rebuild whose tar is the same keeps an intact initramfs instead of writing it again.
     */
    @JsonPropertyOrder({"format", "tar", "initramfs"})
    public record Digests(String format, String tar, String initramfs) {
    }

    /** The hardening audit of one ELF file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"path", "kind", "machine", "pie", "nxStack", "relro", "stackProtector", "interpreter",
            "needed", "problems"})
    public record FileAudit(String path, String kind, String machine, boolean pie, boolean nxStack, String relro,
                            boolean stackProtector, String interpreter, List<String> needed, List<String> problems) {
    }

    /**
     * The Java runtime layer of an application image.
     *
     * @param path             its {@code JAVA_HOME} in the image
     * @param version          the JDK's runtime version
     * @param modules          the modules jlink put in it
     * @param classDataSharing whether it has a class data sharing archive
     * @param mainClass        the class the entrypoint starts
     * @param nativeLibraries  the shared libraries taken from the build machine for it
     * @param audit            the hardening audit of its ELF files
     */
    @JsonPropertyOrder({"path", "version", "modules", "classDataSharing", "mainClass", "nativeLibraries", "audit"})
    public record JavaRuntime(String path, String version, List<String> modules, boolean classDataSharing,
                              String mainClass, List<NativeLibrary> nativeLibraries, List<FileAudit> audit) {
    }

    /**
     * A shared library (or the dynamic loader) of the Java runtime layer.
     *
     * @param path     where it is in the image
     * @param origin   the file on the build machine it was taken from
     * @param sha256   its SHA-256
     * @param neededBy the image file that first needed it
     */
    @JsonPropertyOrder({"path", "origin", "sha256", "neededBy"})
    public record NativeLibrary(String path, String origin, String sha256, String neededBy) {
    }
}
