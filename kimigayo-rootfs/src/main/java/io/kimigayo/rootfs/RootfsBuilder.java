package io.kimigayo.rootfs;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.output.OutputSet;
import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.core.process.BuildEnvironment;
import io.kimigayo.rootfs.archive.CpioWriter;
import io.kimigayo.rootfs.archive.TarWriter;
import io.kimigayo.rootfs.assemble.RootfsAssembler;
import io.kimigayo.rootfs.cacerts.CaBundle;
import io.kimigayo.rootfs.cacerts.LocalCertificates;
import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.policy.ElfAuditGate;
import io.kimigayo.rootfs.policy.PackageManagerGate;
import io.kimigayo.rootfs.prebuilt.PrebuiltRootfs;
import io.kimigayo.rootfs.recipe.BuildContext;
import io.kimigayo.rootfs.recipe.BusyboxBuild;
import io.kimigayo.rootfs.recipe.BusyboxConfig;
import io.kimigayo.rootfs.recipe.BusyboxRecipe;
import io.kimigayo.rootfs.recipe.CaCertificatesRecipe;
import io.kimigayo.rootfs.recipe.MuslBuild;
import io.kimigayo.rootfs.recipe.MuslRecipe;
import io.kimigayo.rootfs.recipe.AutotoolsRecipe;
import io.kimigayo.rootfs.recipe.MuslStaticRecipe;
import io.kimigayo.rootfs.recipe.TccRecipe;
import io.kimigayo.rootfs.recipe.ToolBuild;
import io.kimigayo.rootfs.recipe.TzdataBuild;
import io.kimigayo.rootfs.recipe.TzdataRecipe;
import io.kimigayo.rootfs.recipe.OpenrcBuild;
import io.kimigayo.rootfs.recipe.OpenrcRecipe;
import io.kimigayo.rootfs.source.SourceCatalog;
import io.kimigayo.rootfs.source.SourceResolver;
import io.kimigayo.rootfs.source.SourceSpec;
import io.kimigayo.rootfs.tree.FileTree;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Builds a Kimigayo OS root filesystem: the library entry point behind the {@code build-rootfs} goal.
 *
 * <p>Compiles musl and BusyBox from their pinned sources (and, for every variant but minimal, compiles OpenRC with
 * its libcap; with the optional components that every variant but minimal has unless left out, converts the CA
 * certificates of the pinned {@code certdata.txt} and compiles the time zones with zic; for extended, also compiles
 * GNU make, strace, TinyCC and musl's {@code libc.a}) (or takes them from the build cache) for the requested
 * machine (with the host's gcc, or Debian's cross toolchain for another machine), assembles the variant, appends
 * the user's CA certificates ({@link LocalCertificates}) to the bundle, runs the policy gates (no package manager;
 * every executable PIE with an NX stack and full RELRO), and
 * writes {@code rootfs.tar}, {@code initramfs.cpio.gz} and {@code rootfs.json} through a staging directory, so a
 * failed build leaves the previous outputs as they were. When the tar comes out the same as the previous build's,
 * the previous initramfs is kept (after checking its recorded SHA-256) rather than written again.
 */
public final class RootfsBuilder {

    public static final String TAR = "rootfs.tar";
    public static final String INITRAMFS = "initramfs.cpio.gz";
    public static final String JSON = "rootfs.json";

    /** The version of the tar, cpio and gzip output; bump it when any of them writes other bytes for a tree. */
    static final String OUTPUT_FORMAT = "tar+cpio.gz/1";

    /**
     * Builds the rootfs of each request in turn (one per machine, each with an output directory of its own; see
     * {@link RootfsDirectory}). Each rootfs is committed as a whole when it is complete; a failure leaves the
     * rootfs of that machine, and of those after it, as they were.
     *
     * @throws IllegalArgumentException when two requests are for the same machine or the same directory
     */
    public List<RootfsResult> build(List<RootfsRequest> requests) throws IOException {
        java.util.Set<String> machines = new java.util.HashSet<>();
        java.util.Set<Path> directories = new java.util.HashSet<>();
        for (RootfsRequest request : requests) {
            if (!machines.add(request.arch())) {
                throw new IllegalArgumentException("the machine " + request.arch() + " is asked for twice; "
                        + "name each machine once");
            }
            if (!directories.add(request.outputDirectory().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two machines would write their rootfs to "
                        + request.outputDirectory() + "; give each its own directory (RootfsDirectory)");
            }
        }
        List<RootfsResult> results = new ArrayList<>();
        for (RootfsRequest request : requests) {
            results.add(build(request));
        }
        return List.copyOf(results);
    }

    public RootfsResult build(RootfsRequest request) throws IOException {
        TargetArch target = TargetArch.parse(request.arch());
        if (request.variant() == Variant.EXTENDED && target != TargetArch.X86_64) {
            throw new IllegalArgumentException("variant extended is built for x86_64 only, not " + target.id()
                    + " (its TinyCC is configured and tested for x86_64, and its libtcc1.a is compiled by running "
                    + "the new tcc); build extended with arch x86_64, or choose variant standard for " + target.id());
        }
        Optional<PrebuiltRootfs.Loaded> prebuilt = PrebuiltRootfs.load(request, request.nativeBuild().progress());
        FileTree tree;
        List<RootfsManifest.Component> components;
        if (prebuilt.isPresent()) {
            tree = new RootfsAssembler().finishPrebuilt(prebuilt.get().tree(), request.variant(),
                    prebuilt.get().manifest().version(), request.version(), request.files(), request.services());
            components = prebuilt.get().manifest().components();
        } else {
            components = new ArrayList<>();
            tree = fromSource(request, target, components);
        }
        return gateAndWrite(request, target, tree, List.copyOf(components));
    }

    /** Compiles (or takes from the build cache) every part and assembles them; adds the components it used. */
    private FileTree fromSource(RootfsRequest request, TargetArch target, List<RootfsManifest.Component> components)
            throws IOException {
        Toolchain toolchain = Toolchain.forTarget(target);
        NativeBuildSettings nativeBuild = request.nativeBuild();
        BuildContext ctx = new BuildContext(
                new SourceResolver(nativeBuild.cacheDirectory(), nativeBuild.sourceMirrors(), nativeBuild.offline(),
                        nativeBuild.progress()),
                nativeBuild.buildCache(), toolchain,
                BuildEnvironment.reproducible(request.timestamp()), nativeBuild.logDirectory(), nativeBuild.jobs(),
                nativeBuild.progress());

        SourceSpec muslSource = request.sources().get("musl");
        SourceSpec busyboxSource = request.sources().get("busybox");
        MuslBuild musl = new MuslRecipe().build(ctx, muslSource);
        BusyboxConfig config = (switch (request.variant()) {
            case MINIMAL -> BusyboxConfig.minimal(BusyboxRecipe.HARDENING);
            case STANDARD -> BusyboxConfig.standard(BusyboxRecipe.HARDENING);
            case EXTENDED -> BusyboxConfig.extended(BusyboxRecipe.HARDENING);
        }).forMachine(target.id());
        BusyboxBuild busybox = new BusyboxRecipe().build(ctx, busyboxSource, musl, config);
        List<ToolBuild> tools = new ArrayList<>();
        List<RootfsManifest.Component> toolComponents = new ArrayList<>();
        if (request.variant() == Variant.EXTENDED) {
            tools.add(new MuslStaticRecipe().build(ctx, muslSource));
            for (String component : List.of("make", "strace", "tcc")) {
                SourceSpec source = request.sources().get(component);
                ToolBuild tool = switch (component) {
                    case "make" -> AutotoolsRecipe.gnuMake().build(ctx, source, musl);
                    case "strace" -> AutotoolsRecipe.strace().build(ctx, source, musl);
                    default -> new TccRecipe().build(ctx, source, musl);
                };
                tools.add(tool);
                toolComponents.add(component(source, tool.entry().getFileName().toString()));
            }
        }

        SourceSpec caSource = request.sources().get("ca-certificates");
        Optional<CaBundle> caBundle = !request.includes("ca-certificates") ? Optional.empty()
                : Optional.of(new CaCertificatesRecipe().build(ctx, caSource));
        SourceSpec tzdataSource = request.sources().get("tzdata");
        Optional<TzdataBuild> tzdata = !request.includes("tzdata") ? Optional.empty()
                : Optional.of(new TzdataRecipe().build(ctx, tzdataSource));

        // OpenRC is the init system of every variant but minimal.
        SourceSpec openrcSource = request.sources().get("openrc");
        SourceSpec libcapSource = request.sources().get("libcap");
        Optional<OpenrcBuild> openrc = request.variant() == Variant.MINIMAL ? Optional.empty()
                : Optional.of(new OpenrcRecipe().build(ctx, openrcSource, libcapSource, musl));

        FileTree tree = new RootfsAssembler().assemble(musl, busybox, caBundle, tzdata, openrc.map(OpenrcBuild::root),
                request.variant(), request.version(), request.users(), request.files(), tools, request.services());
        components.add(component(muslSource, musl.cacheKey()));
        components.add(component(busyboxSource, busybox.entry().getFileName().toString()));
        if (caBundle.isPresent()) {
            components.add(component(caSource, null));
        }
        if (tzdata.isPresent()) {
            components.add(component(tzdataSource, tzdata.get().entry().getFileName().toString()));
        }
        if (openrc.isPresent()) {
            components.add(component(openrcSource, openrc.get().entry().getFileName().toString()));
            components.add(component(libcapSource, openrc.get().entry().getFileName().toString()));
        }
        components.addAll(toolComponents);
        return tree;
    }

    /** The user's CA certificates, the policy gates, and the outputs. */
    private RootfsResult gateAndWrite(RootfsRequest request, TargetArch target, FileTree tree,
                                      List<RootfsManifest.Component> components) throws IOException {
        int local = LocalCertificates.appendTo(tree);
        if (local > 0) {
            request.nativeBuild().progress().accept("ca-certificates: " + local + " certificate(s) of " + LocalCertificates.DIRECTORY
                    + " appended to " + CaBundle.BUNDLE_PATH);
        }

        List<String> packageManagers = new PackageManagerGate().offences(tree);
        if (!packageManagers.isEmpty() && !request.allowPackageManagers()) {
            throw new PolicyViolationException("the rootfs holds package managers (Kimigayo OS images install "
                    + "nothing at run time)", packageManagers,
                    "Remove them from the added files, or allow package managers (allowPackageManagers) to accept them");
        }
        List<RootfsManifest.FileAudit> audit = new ElfAuditGate().audit(tree);
        List<String> foreign = ElfAuditGate.foreign(audit, target);
        if (!foreign.isEmpty()) {
            throw new PolicyViolationException("ELF files for another machine than " + target.id()
                    + " (they cannot run in this rootfs)", foreign,
                    "Add files built for " + target.id() + ", or build the rootfs for their machine (arch)");
        }
        ElfAuditGate.enforce(audit, request.failOnAudit(), "executables", "Rebuild them with -fPIE -pie "
                + "-Wl,-z,relro,-z,now -Wl,-z,noexecstack, or set failOnAudit=false to accept them");
        return write(request, tree, components, audit, packageManagers);
    }

    private RootfsResult write(RootfsRequest request, FileTree tree, List<RootfsManifest.Component> components,
                               List<RootfsManifest.FileAudit> audit, List<String> packageManagers)
            throws IOException {
        Path out = Files.createDirectories(request.outputDirectory());
        try (OutputSet outputs = OutputSet.begin(out)) {
            Path staging = outputs.staging();
            Path tar = staging.resolve(TAR);
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
                new TarWriter().write(tree, request.timestamp(), o);
            }
            String tarSha256 = Sha256.hex(tar);
            // The initramfs and the gzip size follow from the tree, as the tar does: an unchanged tar keeps them.
            Optional<RootfsManifest> previous = unchanged(out, tarSha256);
            List<Path> staged = new ArrayList<>(List.of(tar));
            long gzip;
            String initramfsSha256;
            if (previous.isPresent()) {
                request.nativeBuild().progress().accept("rootfs: " + INITRAMFS + " up to date (the same " + TAR + ")");
                gzip = previous.get().sizes().gzip();
                initramfsSha256 = previous.get().sha256().initramfs();
            } else {
                Path initramfs = staging.resolve(INITRAMFS);
                try (OutputStream o = new GZIPOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(initramfs), 1 << 16), 1 << 16)) {
                    new CpioWriter().write(tree, request.timestamp(), o);
                }
                staged.add(initramfs);
                gzip = gzipSize(tar);
                initramfsSha256 = Sha256.hex(initramfs);
            }
            RootfsManifest manifest = new RootfsManifest("Kimigayo OS", request.version(), request.variant().id(),
                    request.arch(), request.timestamp().toString(), components, tree.size(),
                    new RootfsManifest.Sizes(Files.size(tar), gzip),
                    new RootfsManifest.Digests(OUTPUT_FORMAT, tarSha256, initramfsSha256), audit, packageManagers);
            Path json = staging.resolve(JSON);
            Files.write(json, manifest.toJson());
            staged.add(json);
            for (Path file : staged) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-r--r--"));
            }
            // an unchanged initramfs is not staged: it stays as it is
            outputs.commit(staged.stream().map(f -> f.getFileName().toString()).toList(), List.of());
            return new RootfsResult(out.resolve(TAR), out.resolve(INITRAMFS), out.resolve(JSON), manifest);
        }
    }

    /**
     * The manifest of the previous build in {@code out} when it made the same tar with the same writers and its
     * initramfs is still the one it recorded; empty otherwise (no earlier build, another tar, a damaged or missing
     * file, an older format, a rootfs.json that {@link RootfsManifest#read} does not read).
     */
    static Optional<RootfsManifest> unchanged(Path out, String tarSha256) {
        Path json = out.resolve(JSON);
        Path initramfs = out.resolve(INITRAMFS);
        if (!Files.isRegularFile(json) || !Files.isRegularFile(initramfs)) {
            return Optional.empty();
        }
        try {
            RootfsManifest previous = RootfsManifest.read(json);
            RootfsManifest.Digests digests = previous.sha256();
            if (digests == null || previous.sizes() == null || !OUTPUT_FORMAT.equals(digests.format())
                    || !tarSha256.equals(digests.tar()) || digests.initramfs() == null
                    || !digests.initramfs().equals(Sha256.hex(initramfs))) {
                return Optional.empty();
            }
            return Optional.of(previous);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static RootfsManifest.Component component(SourceSpec spec, String buildKey) {
        return new RootfsManifest.Component(spec.component(), spec.version(), SourceCatalog.license(spec.component()),
                spec.fileName(), spec.url(), spec.pin(), buildKey);
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
