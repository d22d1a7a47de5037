package io.kimigayo.kernel.config;

import io.kimigayo.kernel.build.Kbuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Configures a kernel in a build directory: the base ({@code make tinyconfig}, or a copied file), the fragments
 * merged on top of it in order, {@code make olddefconfig}; then compares what every fragment asked for with the final
 * {@code .config} and asks Kconfig ({@link KconfigExplainer}) why the options that did not stick did not.
 */
public final class KernelConfigurator {

    /** The final configuration and what became of the fragments. */
    public record Result(KernelConfig config, ConfigReport report) {
    }

    public Result configure(Kbuild kbuild, ConfigBase base, List<ConfigFragment> fragments,
                            Consumer<String> progress) throws IOException {
        Path dotConfig = kbuild.objects().resolve(".config");
        if (base.isFile()) {
            progress.accept("configure: base " + base.file());
            Files.copy(base.file(), dotConfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            progress.accept("configure: make " + base.target());
            kbuild.make("make " + base.target(), line -> { }, base.target());
        }
        FragmentMerge merge = FragmentMerge.of(fragments);
        progress.accept("configure: " + merge.requests().size() + " options from "
                + String.join(" + ", fragments.stream().map(ConfigFragment::name).toList()) + ", make olddefconfig");
        Files.writeString(dotConfig, new KernelConfig(Files.readString(dotConfig)).with(merge.options()).text());
        kbuild.make("make olddefconfig", line -> { }, "olddefconfig");
        KernelConfig result = new KernelConfig(Files.readString(dotConfig));
        return new Result(result, report(kbuild, merge, result));
    }

    /**
     * Compares every request with the final configuration: the winning request of each option, and the requests a
     * later fragment overrode (a user fragment turning a hardening option off is a hardening option that did not
     * stick).
     */
    static ConfigReport report(Kbuild kbuild, FragmentMerge merge, KernelConfig config) throws IOException {
        List<ConfigRequest> missing = merge.requests().stream().filter(r -> !config.satisfies(r.option())).toList();
        KconfigExplainer.Explanation explanation = missing.isEmpty()
                ? new KconfigExplainer.Explanation(Optional.of(Map.of()), null)
                : new KconfigExplainer(kbuild).explain(missing.stream().map(r -> r.option().name()).toList(), config);
        return report(merge, config, explanation);
    }

    /** The report, given what Kconfig says about the options that did not stick. */
    static ConfigReport report(FragmentMerge merge, KernelConfig config, KconfigExplainer.Explanation explanation) {
        Optional<Map<String, SymbolFacts>> facts = explanation.facts();
        List<ConfigFinding> findings = new ArrayList<>();
        for (ConfigRequest r : merge.requests()) {
            if (!config.satisfies(r.option())) {
                findings.add(ConfigFinding.explain(r, config.value(r.option().name()),
                        facts.map(f -> f.get(r.option().name())).orElse(null)));
            }
        }
        for (FragmentMerge.OptionOverride o : merge.overrides()) {
            ConfigRequest earlier = o.earlier();
            if (!config.satisfies(earlier.option())) {
                findings.add(new ConfigFinding(earlier, config.value(earlier.option().name()), "overridden by "
                        + o.later().option().line() + " (" + o.later().where() + ")"));
            }
        }
        return new ConfigReport(merge.requests(), merge.overrides(), findings, explanation.unavailable());
    }
}
