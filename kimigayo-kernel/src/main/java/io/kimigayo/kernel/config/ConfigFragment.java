package io.kimigayo.kernel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A configuration fragment: Kconfig lines that are applied on top of a base configuration, such as Kimigayo's
 * baseline and hardening fragments or a user's {@code serial.config}. Blank lines and {@code #} comments are
 * skipped; every other line must be {@code CONFIG_NAME=value} or {@code # CONFIG_NAME is not set}.
 *
 * @param name    how messages name the fragment: {@code baseline}, {@code hardening} or the file's path
 * @param kind    what the fragment is for; a hardening option that does not stick fails the build
 * @param entries the options with their line numbers, in file order
 */
public record ConfigFragment(String name, Kind kind, List<Entry> entries) {

    /** Where a fragment comes from. */
    public enum Kind {
        /** What Kimigayo needs to boot an initramfs on a serial console and run its userland. */
        BASELINE,
        /** Kimigayo's hardening baseline: an option of it that does not stick fails the build. */
        HARDENING,
        /** One of the user's {@code configFragments}. */
        USER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One option of a fragment and the line it is on. */
    public record Entry(ConfigOption option, int line) {
    }

    public ConfigFragment {
        entries = List.copyOf(entries);
    }

    /**
     * Parses a fragment.
     *
     * @throws IllegalArgumentException naming the fragment, the line and what is wrong
     */
    public static ConfigFragment parse(String name, Kind kind, String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Optional<ConfigOption> option = ConfigOption.parseLine(line);
            if (option.isPresent()) {
                entries.add(new Entry(option.get(), i + 1));
            } else if (line.startsWith("CONFIG_") || !line.startsWith("#")) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": '" + line + "' is not a Kconfig line; "
                        + "write CONFIG_NAME=value or # CONFIG_NAME is not set");
            }
        }
        return new ConfigFragment(name, kind, entries);
    }
}
