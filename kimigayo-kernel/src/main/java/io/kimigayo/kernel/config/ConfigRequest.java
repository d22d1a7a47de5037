package io.kimigayo.kernel.config;

/**
 * An option a fragment asks for, with where it was asked.
 *
 * @param option   the option and the value asked for
 * @param fragment the fragment's name ({@code baseline}, {@code hardening}, a file)
 * @param kind     the fragment's kind
 * @param line     the line in the fragment
 */
public record ConfigRequest(ConfigOption option, String fragment, ConfigFragment.Kind kind, int line) {

    /** {@code hardening:12} or {@code src/kernel/usb.config:3}. */
    public String where() {
        return fragment + ":" + line;
    }
}
