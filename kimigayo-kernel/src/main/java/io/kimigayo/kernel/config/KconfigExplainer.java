package io.kimigayo.kernel.config;

import io.kimigayo.kernel.build.Kbuild;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks Kconfig why options have the values they have. {@code kconfig-explain.c} (a resource of this module) is
 * linked against the Kconfig objects the build directory already holds (the ones {@code scripts/kconfig/conf} is
 * made of, read from its {@code .conf.cmd}), so it parses the tree's Kconfig exactly as the kernel does, whatever
 * the kernel version. It is run in the build directory with the environment make gives Kconfig; to be sure that
 * environment is the same, it also writes the configuration as it sees it, and its answers are used only when that
 * matches the {@code .config} make wrote.
 */
public final class KconfigExplainer {

    private static final Pattern OBJECT = Pattern.compile("(scripts/kconfig/[A-Za-z0-9_.-]+\\.o)");

    private final Kbuild kbuild;

    public KconfigExplainer(Kbuild kbuild) {
        this.kbuild = kbuild;
    }

    /**
     * What Kconfig says about some symbols: the facts, or why there are none.
     *
     * @param facts       by symbol name; empty when the explainer could not be used
     * @param unavailable why not, or null
     */
    public record Explanation(Optional<Map<String, SymbolFacts>> facts, String unavailable) {

        static Explanation of(Map<String, SymbolFacts> facts) {
            return new Explanation(Optional.of(facts), null);
        }

        static Explanation none(String why) {
            return new Explanation(Optional.empty(), why);
        }
    }

    /**
     * What Kconfig knows about the symbols, read against the configuration in the build directory. When the
     * explainer cannot be built or run for this tree, or sees another configuration than make wrote, the answer
     * says so instead (the details are in the log); the build goes on without reasons.
     */
    public Explanation explain(List<String> symbols, KernelConfig written) throws IOException {
        Path dir = Files.createDirectories(kbuild.objects().resolve("kimigayo"));
        Path program = dir.resolve("kconfig-explain");
        Path view = dir.resolve("kconfig-explain.config");
        String output;
        try {
            build(dir, program);
            String cc = kbuild.crossCompile() + "gcc";
            String ccVersion = kbuild.runner().capture(cc + " --version", dir, List.of(cc, "--version"))
                    .lines().findFirst().orElse("");
            List<String> command = new ArrayList<>(List.of("env"));
            command.addAll(kbuild.kconfigEnvironment(ccVersion));
            command.addAll(List.of(program.toString(), "Kconfig", ".config", "--write", view.toString()));
            command.addAll(symbols);
            output = kbuild.runner().capture("kconfig-explain", kbuild.objects(), command);
        } catch (IOException e) {
            return Explanation.none("kconfig-explain could not be built or run for this kernel ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        KernelConfig seen = new KernelConfig(Files.readString(view));
        if (!seen.optionLines().equals(written.optionLines())) {
            return Explanation.none("kconfig-explain reads Kconfig differently from make (compare " + view
                    + " with .config), so its answers are not used");
        }
        try {
            return Explanation.of(SymbolFacts.parse(output));
        } catch (IllegalArgumentException e) {
            return Explanation.none(e.getMessage());
        }
    }

    private void build(Path dir, Path program) throws IOException {
        Path source = dir.resolve("kconfig-explain.c");
        try (InputStream in = KconfigExplainer.class.getResourceAsStream("kconfig-explain.c")) {
            if (in == null) {
                throw new IOException("kconfig-explain.c is missing from the kimigayo-kernel jar");
            }
            Files.write(source, in.readAllBytes());
        }
        Path kconfig = kbuild.objects().resolve("scripts/kconfig");
        List<String> objects = confObjects(Files.readString(kconfig.resolve(".conf.cmd")));
        List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-I", kbuild.source().resolve("scripts/kconfig")
                .toString(), "-I", kconfig.toString(), "-o", program.toString(), source.toString()));
        objects.forEach(o -> command.add(kbuild.objects().resolve(o).toString()));
        kbuild.runner().run("build kconfig-explain", dir, command, line -> { });
    }

    /** The objects {@code conf} is linked from, except conf.o (which has its own main). */
    static List<String> confObjects(String confCmd) throws IOException {
        List<String> objects = new ArrayList<>();
        String command = confCmd.lines().filter(l -> l.contains(":=")).findFirst().orElse("");
        Matcher m = OBJECT.matcher(command);
        while (m.find()) {
            if (!m.group(1).endsWith("/conf.o") && !objects.contains(m.group(1))) {
                objects.add(m.group(1));
            }
        }
        if (objects.isEmpty()) {
            throw new IOException("scripts/kconfig/.conf.cmd names no Kconfig objects");
        }
        return objects;
    }
}
