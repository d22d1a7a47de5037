package io.kimigayo.maven;

import io.kimigayo.rootfs.RootfsBuilder;
import io.kimigayo.rootfs.RootfsManifest;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.oci.sbom.RootfsSbom;
import io.kimigayo.rootfs.prebuilt.PrebuiltArtifacts;
import io.kimigayo.rootfs.prebuilt.RecordedDigests;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Compiles the Kimigayo OS userland (musl and BusyBox) from pinned sources, cached, assembles the rootfs of a
 * variant and runs the policy gates (no package manager; every executable PIE with an NX stack and full RELRO).
 * Writes {@code target/kimigayo/rootfs/rootfs.tar}, {@code initramfs.cpio.gz} and {@code rootfs.json}; for several
 * platforms, the same files in {@code rootfs/<arch>/} for each machine.
 */
@Mojo(name = "build-rootfs", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class BuildRootfsMojo extends AbstractRootfsMojo {

    /**
     * Also writes {@code rootfs.tar.gz} and the rootfs's SBOMs ({@code rootfs.cdx.json}, {@code rootfs.spdx.json})
     * and attaches them and {@code rootfs.json} to the project as {@code tar.gz}, {@code json}, {@code cdx.json} and
     * {@code spdx.json} with the classifier {@code <variant>-<arch>}: how the kimigayo-os module publishes the
     * prebuilt Kimigayo OS.
     */
    @Parameter(property = "kimigayo.attach", defaultValue = "false")
    protected boolean attach;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    protected String goal() {
        return "build-rootfs";
    }

    @Override
    protected void run() throws IOException {
        List<RootfsResult> results = new RootfsBuilder().build(
                rootfsParameters().toRequests(timestamp().instant(), line -> getLog().info(line),
                        remoteCache()));
        for (RootfsResult result : results) {
            RootfsManifest m = result.manifest();
            getLog().info("Kimigayo OS " + m.version() + " (" + m.variant() + ", " + m.arch() + "): " + m.files()
                    + " entries, " + kib(m.sizes().tar()) + " uncompressed, " + kib(m.sizes().gzip()) + " gzip");
            long hardened = m.audit().stream().filter(a -> a.problems().isEmpty()).count();
            getLog().info("ELF audit: " + m.audit().size() + " ELF files, " + hardened
                    + " pass (PIE, NX, full RELRO)");
            getLog().info("Wrote " + result.tar());
            getLog().info("Wrote " + result.initramfs());
            getLog().info("Wrote " + result.json());
            if (attach) {
                String classifier = RecordedDigests.classifier(m.variant(), m.arch());
                Path tarGz = PrebuiltArtifacts.writeTarGz(result.tar(),
                        result.tar().resolveSibling(PrebuiltArtifacts.TAR_GZ));
                projectHelper.attachArtifact(project, RecordedDigests.TAR_GZ, classifier, tarGz.toFile());
                projectHelper.attachArtifact(project, RecordedDigests.JSON, classifier, result.json().toFile());
                List<Path> sboms = RootfsSbom.write(result, project.getGroupId() + "/" + project.getArtifactId(),
                        project.getVersion() + "-" + classifier);
                projectHelper.attachArtifact(project, "cdx.json", classifier, sboms.get(0).toFile());
                projectHelper.attachArtifact(project, "spdx.json", classifier, sboms.get(1).toFile());
                getLog().info("Attached " + tarGz + " (sha256 " + Sha256.hex(tarGz) + "), " + result.json()
                        + " and the SBOMs " + sboms.get(0).getFileName() + ", " + sboms.get(1).getFileName() + " as "
                        + classifier);
            }
        }
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
