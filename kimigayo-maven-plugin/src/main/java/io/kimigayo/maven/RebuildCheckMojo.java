package io.kimigayo.maven;

import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.prebuilt.PrebuiltOs;
import io.kimigayo.rootfs.prebuilt.RebuildCheck;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the prebuilt Kimigayo OS released with this plugin is what its sources make: for each variant,
 * resolves {@code io.kimigayo:kimigayo-os:<version>:tar.gz:<variant>-<arch>} and its rootfs.json, compiles the same
 * variant from source with a build cache that is empty when the check begins (in
 * {@code target/kimigayo/rebuild-check/cache}, shared by the variants checked) at the prebuilt's
 * timestamp and OS version, and fails unless the rebuilt bytes, the published artifact and the digest recorded in
 * the plugin all agree. Needs no project: {@code mvn io.kimigayo:kimigayo-maven-plugin:rebuild-check}.
 */
@Mojo(name = "rebuild-check", requiresProject = false, threadSafe = true)
public class RebuildCheckMojo extends AbstractKimigayoMojo {

    /** The variants to check. */
    @Parameter(property = "kimigayo.variants", defaultValue = "minimal,standard")
    protected List<String> variants;

    /** The machine, {@code x86_64} or {@code aarch64}; default the host's. */
    @Parameter(property = "kimigayo.arch")
    protected String arch;

    /** Directories or base URLs searched for source archives (by file name) before upstream. */
    @Parameter(property = "kimigayo.sourceMirrors")
    protected List<String> sourceMirrors;

    /** Forbids the network: sources must be in a directory mirror. */
    @Parameter(property = "kimigayo.offline", defaultValue = "${settings.offline}")
    protected boolean offline;

    /** Parallel make jobs; default the number of cores. */
    @Parameter(property = "kimigayo.jobs", defaultValue = "0")
    protected int jobs;

    @Override
    protected String goal() {
        return "rebuild-check";
    }

    @Override
    protected void run() throws IOException, MojoFailureException {
        PrebuiltOs prebuilt = prebuiltOs(false);
        String machine = arch != null && !arch.isBlank() ? arch.trim() : HostArch.id();
        NativeBuildSettings settings = NativeBuildSettings.builder()
                .sourceMirrors(sourceMirrors)
                .offline(offline)
                .jobs(jobs)
                .progress(line -> getLog().info(line))
                .build();
        List<String> failed = new ArrayList<>();
        Path work = outputDirectory.toPath().resolve("rebuild-check");
        Path cache = work.resolve("cache");
        AtomicFiles.deleteRecursively(cache);
        for (String variant : variants) {
            RebuildCheck.Outcome o = new RebuildCheck().check(prebuilt.resolver(), prebuilt.recorded(),
                    variant.trim(), machine, settings, work, cache);
            getLog().info("rebuild-check " + o.classifier() + ": published " + o.published() + ", recorded "
                    + o.recorded() + ", rebuilt " + o.rebuilt() + "; rootfs.json "
                    + (o.jsonSame() ? "the same" : "differs") + (o.jsonRecorded() ? "" : " (not as recorded)"));
            if (o.same()) {
                getLog().info("rebuild-check " + o.classifier() + ": the same bytes (" + o.coordinates() + ")");
            } else {
                o.differences().forEach(d -> getLog().error("  " + d));
                failed.add(o.classifier());
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException("rebuild-check: " + String.join(", ", failed) + " compiled from source "
                    + "differ from the prebuilt artifacts (or from the digests recorded in the plugin); see the "
                    + "differences above and the rebuilt files under "
                    + outputDirectory.toPath().resolve("rebuild-check"));
        }
    }
}
