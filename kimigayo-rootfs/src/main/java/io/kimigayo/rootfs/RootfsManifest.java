package io.kimigayo.rootfs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What {@code rootfs.json} says about a rootfs: the OS, its components with their pinned sources, its size and
 * the audit of every ELF file in it.
 */
@JsonPropertyOrder({"name", "version", "variant", "arch", "created", "components", "files", "sizes", "sha256",
        "audit", "packageManagers"})
public record RootfsManifest(String name, String version, String variant, String arch, String created,
                             List<Component> components, int files, Sizes sizes, Digests sha256,
                             List<FileAudit> audit, List<String> packageManagers) {

    /** A compiled component and where its source came from. */
    @JsonPropertyOrder({"name", "version", "file", "url", "sha256", "buildKey"})
    public record Component(String name, String version, String file, String url, String sha256, String buildKey) {
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
}
