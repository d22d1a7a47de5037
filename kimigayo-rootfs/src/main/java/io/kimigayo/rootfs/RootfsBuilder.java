package io.kimigayo.rootfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kimigayo.rootfs.archive.CpioWriter;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.assemble.RootfsAssembler;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.BuildCache;
import io.kimigayo.rootfs.nativebuild.BuildEnvironment;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.output.AtomicFiles;
import io.kimigayo.rootfs.policy.ElfAuditGate;
import io.kimigayo.rootfs.policy.PackageManagerGate;
import io.kimigayo.rootfs.policy.PolicyViolationException;
import io.kimigayo.rootfs.recipe.BuildContext;
import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.BusyboxConfig;
import io.kimigayo.rootfs.recipe.BusyboxRecipe;
import io.kimigayo.rootfs.recipe.MuslBuild;
import io.kimigayo.rootfs.recipe.MuslRecipe;
import io.kimigayo.rootfs.source.SourceResolver;
import io.kimigayo.rootfs.source.SourceSpec;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Builds a Kimigayo OS root filesystem: the library entry point behind the {@code build-rootfs} goal.
 *
 * <p>Compiles musl and BusyBox from their pinned sources (or takes them from the build cache), assembles the
 * variant, runs the policy gates (no package manager; every executable PIE with an NX stack and full RELRO), and
 * writes {@code rootfs.tar}, {@code initramfs.cpio.gz} and {@code rootfs.json} through a staging directory, so a
 * failed build leaves the previous outputs as they were.
 */
public final class RootfsBuilder {

    public static final String TAR = "rootfs.tar";
    public static final String INITRAMFS = "initramfs.cpio.gz";
    public static final String JSON = "rootfs.json";

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public RootfsResult build(RootfsRequest request) throws IOException {
        Toolchain toolchain = Toolchain.detect();
        if (!toolchain.arch().equals(request.arch())) {
            throw new IllegalArgumentException("arch " + request.arch() + ": this machine builds " + toolchain.arch()
                    + " only; cross builds come with the multi-arch support");
        }
        BuildContext ctx = new BuildContext(
                new SourceResolver(request.cacheDirectory(), request.sourceMirrors(), request.offline(),
                        request.progress()),
                new BuildCache(request.cacheDirectory()), toolchain,
                BuildEnvironment.reproducible(request.timestamp()), request.logDirectory(), request.jobs(),
                request.progress());

        SourceSpec muslSource = request.sources().get("musl");
        SourceSpec busyboxSource = request.sources().get("busybox");
        MuslBuild musl = new MuslRecipe().build(ctx, muslSource);
        BusyboxConfig config = request.variant() == Variant.MINIMAL
                ? BusyboxConfig.minimal(BusyboxRecipe.HARDENING) : BusyboxConfig.standard(BusyboxRecipe.HARDENING);
        BusyboxBuild busybox = new BusyboxRecipe().build(ctx, busyboxSource, musl, config);

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, request.variant(), request.version(),
                request.users(), request.files());

        List<String> packageManagers = new PackageManagerGate().offences(tree);
        if (!packageManagers.isEmpty() && !request.allowPackageManagers()) {
            throw new PolicyViolationException("the rootfs holds package managers (Kimigayo OS images install "
                    + "nothing at run time)", packageManagers,
                    "Remove them from <files>, or set allowPackageManagers=true to accept them");
        }
        List<RootfsManifest.FileAudit> audit = new ElfAuditGate().audit(tree);
        List<String> weak = ElfAuditGate.offences(audit);
        if (!weak.isEmpty() && request.failOnAudit()) {
            throw new PolicyViolationException("executables without the hardening Kimigayo requires (PIE, NX stack, "
                    + "full RELRO)", weak, "Rebuild them with -fPIE -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack, or "
                    + "set failOnAudit=false to accept them");
        }
        return write(request, tree, List.of(
                component(muslSource, musl.cacheKey()),
                component(busyboxSource, busybox.entry().getFileName().toString())), audit, packageManagers);
    }

    private RootfsResult write(RootfsRequest request, FileTree tree, List<RootfsManifest.Component> components,
                               List<RootfsManifest.FileAudit> audit, List<String> packageManagers)
            throws IOException {
        Path out = Files.createDirectories(request.outputDirectory());
        Path staging = Files.createDirectory(out.resolve(".staging-" + UUID.randomUUID()));
        try {
            Path tar = staging.resolve(TAR);
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
                new TarWriter().write(tree, request.timestamp(), o);
            }
            Path initramfs = staging.resolve(INITRAMFS);
            try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(initramfs),
                    1 << 16), 1 << 16)) {
                new CpioWriter().write(tree, request.timestamp(), o);
            }
            RootfsManifest manifest = new RootfsManifest("Kimigayo OS", request.version(), request.variant().id(),
                    request.arch(), request.timestamp().toString(), components, tree.size(),
                    new RootfsManifest.Sizes(Files.size(tar), gzipSize(tar)), audit, packageManagers);
            Path json = staging.resolve(JSON);
            Files.write(json, JSON_MAPPER.writeValueAsBytes(manifest));
            for (Path staged : List.of(tar, initramfs, json)) {
                Files.setPosixFilePermissions(staged, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-r--r--"));
                Files.move(staged, out.resolve(staged.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return new RootfsResult(out.resolve(TAR), out.resolve(INITRAMFS), out.resolve(JSON), manifest);
        } finally {
            AtomicFiles.deleteRecursively(staging);
        }
    }

    private static RootfsManifest.Component component(SourceSpec spec, String buildKey) {
        return new RootfsManifest.Component(spec.component(), spec.version(), spec.fileName(), spec.url(),
                spec.sha256(), buildKey);
    }

    private static long gzipSize(Path file) throws IOException {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try (InputStream in = Files.newInputStream(file); GZIPOutputStream gz = new GZIPOutputStream(counter)) {
            in.transferTo(gz);
        }
        return count[0];
    }
}
