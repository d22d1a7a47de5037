package io.kimigayo.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.cache.CacheKey;
import io.kimigayo.core.hash.Sha256;
import io.kimigayo.core.output.OutputSet;
import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.core.process.BuildEnvironment;
import io.kimigayo.core.process.CommandRunner;
import io.kimigayo.kernel.build.Kbuild;
import io.kimigayo.kernel.build.KernelArch;
import io.kimigayo.kernel.build.KernelBuildTools;
import io.kimigayo.kernel.build.KernelCompiler;
import io.kimigayo.kernel.config.ConfigBase;
import io.kimigayo.kernel.config.ConfigFinding;
import io.kimigayo.kernel.config.ConfigFragment;
import io.kimigayo.kernel.config.ConfigReport;
import io.kimigayo.kernel.config.KernelConfig;
import io.kimigayo.kernel.config.KernelConfigurator;
import io.kimigayo.kernel.config.KimigayoFragments;
import io.kimigayo.kernel.source.KernelSourceResolver;
import io.kimigayo.kernel.source.KernelTree;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.source.SourceResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Configures and builds a hardened Linux kernel: the library entry point behind the {@code compile-kernel} goal.
 *
 * <p>The source (an archive, a URL or a directory) is unpacked once into the build cache. The configuration is the
 * base ({@code tinyconfig}), Kimigayo's baseline fragment, its hardening fragment and the user's fragments, merged
 * and settled by {@code make olddefconfig}; every option that did not stick is reported with Kconfig's reason, and a
 * hardening option that did not stick fails the build. Another machine's kernel (aarch64 on an x86_64 host) is
 * cross-compiled with Debian's cross toolchain for it ({@code CROSS_COMPILE=aarch64-linux-gnu-}), whose identity
 * is part of both cache keys. The kernel is built out of tree in the reproducible
 * environment and cached by source digest, final configuration, toolchain, arch and build timestamp, so an unchanged
 * rebuild compiles nothing. The configuration step is cached too, by everything it reads, so an unchanged rebuild
 * does not even run make. Outputs go to {@code kernel/<arch>/} through a staging directory.
 */
public final class KernelBuilder {

    public static final String CONFIG = "config";
    public static final String JSON = "kernel.json";

    /** Changes when the way a kernel is configured or built changes, so older cache entries are not reused. */
    static final String REVISION = "1";

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public KernelResult build(KernelRequest request) throws IOException {
        KernelArch arch = KernelArch.parse(request.arch());
        ConfigBase base = ConfigBase.parse(request.kernelConfig(), request.baseDirectory());
        List<ConfigFragment> fragments = fragments(request, arch);
        // The host's gcc for the host's machine, Debian's cross toolchain (aarch64-linux-gnu-gcc) for another.
        Toolchain toolchain = Toolchain.forTarget(TargetArch.parse(arch.id()));
        KernelBuildTools.checkForConfiguration();

        NativeBuildSettings nativeBuild = request.nativeBuild();
        BuildCache cache = nativeBuild.buildCache();
        // the unpacked source stays local: every machine unpacks it from the source archive as fast as it would
        // pull it, and it is the biggest entry by far
        KernelTree tree = new KernelSourceResolver(new SourceResolver(nativeBuild.cacheDirectory(),
                nativeBuild.sourceMirrors(), nativeBuild.offline(), nativeBuild.progress()),
                new BuildCache(nativeBuild.cacheDirectory()), nativeBuild.progress())
                .resolve(request.kernelSource(), request.kernelSha256(), request.baseDirectory());
        String label = "linux " + tree.version();
        CommandRunner runner = new CommandRunner(BuildEnvironment.reproducible(request.timestamp()),
                nativeBuild.logDirectory().resolve("kernel.log"), "kernel");

        Path work = null;
        try {
            // 1. The configuration, cached by everything it is made of.
            CacheKey configKey = new CacheKey()
                    .with("component", "linux-config")
                    .with("recipe", REVISION)
                    .with("source.sha256", tree.digest())
                    .with("base", base.isFile() ? "file:" + Files.readString(base.file()) : base.target())
                    .with("fragments", fragments.stream().map(KernelBuilder::describe)
                            .collect(Collectors.joining("\n")))
                    .with("toolchain", toolchain.identity())
                    .with("arch", arch.id());
            String configName = "linux-config-" + tree.version() + "-" + arch.id();
            Optional<Path> configEntry = cache.lookup(configName, configKey);
            KernelConfig config;
            KernelManifest.Options options;
            if (configEntry.isPresent()) {
                config = new KernelConfig(Files.readString(configEntry.get().resolve(CONFIG)));
                options = JSON_MAPPER.readValue(configEntry.get().resolve("options.json").toFile(),
                        KernelManifest.Options.class);
                nativeBuild.progress().accept(label + ": configuration up to date (cache "
                        + configEntry.get().getFileName() + ")");
                options.missing().forEach(m -> request.warnings().accept(describe(m)));
            } else {
                work = cache.newWorkDirectory("linux");
                Kbuild kbuild = new Kbuild(tree.directory(), Files.createDirectories(work.resolve("obj")), arch,
                        toolchain.toolPrefix(), runner, nativeBuild.jobs());
                KernelConfigurator.Result configured = new KernelConfigurator().configure(kbuild, base, fragments,
                        line -> nativeBuild.progress().accept(label + ": " + line));
                config = configured.config();
                options = options(configured.report());
                report(configured.report(), label, request, runner.log());
                Path record = cache.newWorkDirectory("linux-config");
                Files.writeString(record.resolve(CONFIG), config.text());
                JSON_MAPPER.writeValue(record.resolve("options.json").toFile(), options);
                cache.commit(record, configName, configKey);
            }

            // 2. The kernel, cached by source, final configuration, toolchain, arch and timestamp.
            CacheKey buildKey = new CacheKey()
                    .with("component", "linux")
                    .with("recipe", REVISION)
                    .with("source.sha256", tree.digest())
                    .with("config", config.text())
                    .with("toolchain", toolchain.identity())
                    .with("arch", arch.id())
                    .with("timestamp", Long.toString(request.timestamp().getEpochSecond()));
            String buildName = "linux-" + tree.version() + "-" + arch.id();
            Optional<Path> built = cache.lookup(buildName, buildKey);
            Path entry;
            boolean compiled = false;
            if (built.isPresent()) {
                entry = built.get();
                nativeBuild.progress().accept(label + ": up to date (cache " + entry.getFileName() + ")");
            } else {
                if (work == null) {
                    work = cache.newWorkDirectory("linux");
                    Files.createDirectories(work.resolve("obj"));
                    Files.writeString(work.resolve("obj/.config"), config.text());
                }
                KernelBuildTools.checkForBuild(config.text());
                Kbuild kbuild = new Kbuild(tree.directory(), work.resolve("obj"), arch, toolchain.toolPrefix(),
                        runner, nativeBuild.jobs());
                long start = System.nanoTime();
                int objects = new KernelCompiler().compile(kbuild, label, nativeBuild.progress());
                Path out = Files.createDirectories(work.resolve("out"));
                Files.copy(kbuild.objects().resolve(arch.imagePath()), out.resolve(arch.imageName()));
                Files.copy(kbuild.objects().resolve(".config"), out.resolve(CONFIG));
                Files.copy(kbuild.objects().resolve("include/config/kernel.release"), out.resolve("release"));
                String finalConfig = Files.readString(out.resolve(CONFIG));
                if (!new KernelConfig(finalConfig).optionLines().equals(config.optionLines())) {
                    throw new IOException(label + ": the build changed the configuration it was given; see "
                            + runner.log());
                }
                entry = cache.commit(out, buildName, buildKey);
                compiled = true;
                nativeBuild.progress().accept(label + ": built (" + objects + " objects in "
                        + (System.nanoTime() - start) / 1_000_000_000 + " s, "
                        + Files.size(entry.resolve(arch.imageName())) / 1024 + " KiB " + arch.imageName() + ")");
            }
            return write(request, arch, tree, base, fragments, options, toolchain, entry, buildKey, compiled);
        } finally {
            if (work != null) {
                BuildCache.discard(work);
            }
        }
    }

    /** Kimigayo's fragments (the hardening one unless hardening=false, which is said loudly) and the user's. */
    static List<ConfigFragment> fragments(KernelRequest request, KernelArch arch) throws IOException {
        List<ConfigFragment> fragments = new ArrayList<>();
        fragments.add(KimigayoFragments.baseline(arch));
        if (request.hardening()) {
            fragments.add(KimigayoFragments.hardening(arch));
        } else {
            request.warnings().accept("hardening=false: Kimigayo's hardening fragment is NOT applied; this kernel "
                    + "lacks the hardening baseline (KASLR, stack protector, seccomp filters, hardened usercopy, "
                    + "FORTIFY_SOURCE, ...) unless your own fragments set it");
        }
        for (Path file : request.configFragments()) {
            Path path = request.baseDirectory().resolve(file).normalize();
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("configFragments: " + path + " does not exist");
            }
            String name = path.startsWith(request.baseDirectory())
                    ? request.baseDirectory().relativize(path).toString() : path.toString();
            fragments.add(ConfigFragment.parse(name, ConfigFragment.Kind.USER, Files.readString(path)));
        }
        return fragments;
    }

    private static String describe(ConfigFragment f) {
        return f.name() + " (" + f.kind().id() + ")\n" + f.entries().stream()
                .map(e -> e.line() + ": " + e.option().line()).collect(Collectors.joining("\n"));
    }

    /** Logs the overrides and the options that did not stick; fails for hardening options. */
    private static void report(ConfigReport report, String label, KernelRequest request, Path log)
            throws PolicyViolationException {
        report.overrides().forEach(o -> request.nativeBuild().progress().accept(label + ": " + o));
        if (!report.explained()) {
            request.warnings().accept(label + ": Kconfig's reasons are not available: " + report.unexplained()
                    + "; see " + log);
        }
        List<ConfigFinding> failing = report.failing();
        report.findings().stream().filter(f -> !f.fails()).forEach(f -> request.warnings().accept(label + ": "
                + f.describe()));
        if (!failing.isEmpty()) {
            throw new PolicyViolationException(label + ": hardening options did not stick (Kimigayo's hardening "
                    + "baseline is not met)", failing.stream().map(ConfigFinding::describe).toList(),
                    "Give the options what they depend on (or drop the fragment line that turns them off), or set "
                    + "hardening=false to build a kernel without Kimigayo's hardening baseline. Full log: " + log);
        }
    }

    private static KernelManifest.Options options(ConfigReport report) {
        return new KernelManifest.Options(
                report.requests().stream().map(r -> new KernelManifest.Asked("CONFIG_" + r.option().name(),
                        r.option().value(), r.kind().id(), r.where())).toList(),
                report.applied().stream().map(r -> r.option().toString()).toList(),
                report.findings().stream().map(f -> new KernelManifest.Missing("CONFIG_"
                        + f.request().option().name(), f.request().option().value(), f.got(),
                        f.request().kind().id(), f.request().where(), f.reason())).toList(),
                report.overrides().stream().map(Object::toString).toList(),
                report.explained());
    }

    private static String describe(KernelManifest.Missing m) {
        return m.option() + "=" + m.asked() + " (" + m.from() + ") did not stick: "
                + ("n".equals(m.got()) ? "it is not set" : "it is " + m.got()) + "; " + m.reason();
    }

    private static KernelResult write(KernelRequest request, KernelArch arch, KernelTree tree, ConfigBase base,
                                      List<ConfigFragment> fragments, KernelManifest.Options options,
                                      Toolchain toolchain, Path entry, CacheKey buildKey, boolean compiled)
            throws IOException {
        Path out = Files.createDirectories(request.outputDirectory().resolve("kernel").resolve(arch.id()));
        try (OutputSet outputs = OutputSet.begin(out)) {
            Path staging = outputs.staging();
            Path image = staging.resolve(arch.imageName());
            Files.copy(entry.resolve(arch.imageName()), image);
            Path config = staging.resolve(CONFIG);
            Files.copy(entry.resolve(CONFIG), config);
            KernelManifest manifest = new KernelManifest("linux", Files.readString(entry.resolve("release")).trim(),
                    arch.id(),
                    new KernelManifest.Image(arch.imageName(), Files.size(image), Sha256.hex(image)),
                    new KernelManifest.Source(tree.location(), tree.kind(), tree.digest(), tree.version()),
                    new KernelManifest.Config(base.describe(), fragments.stream().map(f -> new KernelManifest.Fragment(
                            f.name(), f.kind().id(), f.entries().size())).toList(), request.hardening()),
                    options, toolchain.identity(), request.timestamp().toString(), buildKey.hex());
            Path json = staging.resolve(JSON);
            Files.write(json, JSON_MAPPER.writeValueAsBytes(manifest));
            for (Path staged : List.of(image, config, json)) {
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-r--r--"));
            }
            outputs.commit(List.of(arch.imageName(), CONFIG, JSON), List.of());
            return new KernelResult(out.resolve(arch.imageName()), out.resolve(CONFIG), out.resolve(JSON), manifest,
                    compiled);
        }
    }
}
