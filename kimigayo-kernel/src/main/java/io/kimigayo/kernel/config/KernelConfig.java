package io.kimigayo.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of a kernel {@code .config} and the option values in it. An option that is absent is off: Kconfig does
 * not write options whose dependencies are unmet.
 */
public final class KernelConfig {

    private final String text;
    private final Map<String, String> values = new LinkedHashMap<>();

    public KernelConfig(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            ConfigOption.parseLine(line).ifPresent(o -> values.put(o.name(), o.value()));
        }
    }

    public String text() {
        return text;
    }

    /** The value written for an option; empty when the option is absent. */
    public Optional<String> written(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option's effective value: what is written, or {@code n} when it is absent. */
    public String value(String name) {
        return values.getOrDefault(name, ConfigOption.OFF);
    }

    /** Whether the option has the value asked for ({@code n} is met by "is not set" and by absence). */
    public boolean satisfies(ConfigOption option) {
        return value(option.name()).equals(option.value());
    }

    /**
     * This configuration with the options applied: their existing lines are dropped and the options appended, as
     * {@code merge_config.sh -m} does; {@code make olddefconfig} then settles the rest.
     */
    public KernelConfig with(List<ConfigOption> options) {
        Set<String> names = options.stream().map(ConfigOption::name).collect(Collectors.toSet());
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            Optional<ConfigOption> existing = ConfigOption.parseLine(line);
            if (existing.isEmpty() || !names.contains(existing.get().name())) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.add("# Kimigayo: merged fragments");
        options.forEach(o -> lines.add(o.line()));
        return new KernelConfig(String.join("\n", lines) + "\n");
    }

    /** The option lines only ({@code CONFIG_...} and {@code # CONFIG_... is not set}), to compare configurations. */
    public List<String> optionLines() {
        return values.entrySet().stream().map(e -> new ConfigOption(e.getKey(), e.getValue()).line()).toList();
    }
}
