package io.kimigayo.maven;

/** Reads the octal modes users write in POMs ({@code 0644}, {@code 4755}). */
final class OctalMode {

    private OctalMode() {
    }

    /** The mode, or {@code null} when none is given. */
    static Integer parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException(name + " '" + value + "' is not an octal mode such as 0644 or 4755");
        }
        return Integer.parseInt(value.trim(), 8);
    }
}
