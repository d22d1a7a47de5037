package io.kimigayo.kernel.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Kconfig option with a value, as a {@code .config} or a fragment writes it: {@code CONFIG_NET=y},
 * {@code CONFIG_CMDLINE="quiet"}, or {@code # CONFIG_KEXEC is not set} (value {@code n}).
 *
 * @param name  the symbol without the {@code CONFIG_} prefix ({@code NET})
 * @param value {@code y}, {@code m}, {@code n}, a number, or a quoted string exactly as written
 */
public record ConfigOption(String name, String value) {

    public static final String OFF = "n";

    private static final Pattern SET = Pattern.compile("CONFIG_([A-Za-z0-9_]+)=(.*)");
    private static final Pattern NOT_SET = Pattern.compile("# CONFIG_([A-Za-z0-9_]+) is not set");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    public ConfigOption {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a Kconfig symbol name");
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("CONFIG_" + name + ": empty value");
        }
    }

    /** Reads a {@code .config} line; empty for blank lines, comments and anything else. */
    public static Optional<ConfigOption> parseLine(String line) {
        String l = line.strip();
        Matcher set = SET.matcher(l);
        if (set.matches() && !set.group(2).isEmpty()) {
            return Optional.of(new ConfigOption(set.group(1), set.group(2)));
        }
        Matcher notSet = NOT_SET.matcher(l);
        if (notSet.matches()) {
            return Optional.of(new ConfigOption(notSet.group(1), OFF));
        }
        return Optional.empty();
    }

    /** Whether the option asks for the feature to be off ({@code n}, written as "is not set"). */
    public boolean isOff() {
        return OFF.equals(value);
    }

    /** The option as a {@code .config} line. */
    public String line() {
        return isOff() ? "# CONFIG_" + name + " is not set" : "CONFIG_" + name + "=" + value;
    }

    /** {@code CONFIG_NET=y} or {@code CONFIG_KEXEC=n}, for messages. */
    @Override
    public String toString() {
        return "CONFIG_" + name + "=" + value;
    }
}
