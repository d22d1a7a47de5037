package io.kimigayo.kernel.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The configuration the fragments are applied to: a make target of the kernel ({@code tinyconfig}, the default;
 * {@code defconfig}; {@code allnoconfig}; an architecture's {@code *_defconfig}) or a {@code .config} file.
 *
 * @param target the make target, or null for a file
 * @param file   the file, or null for a target
 */
public record ConfigBase(String target, Path file) {

    private static final Pattern TARGET = Pattern.compile("tinyconfig|defconfig|allnoconfig|[a-z0-9_]+_defconfig");

    public static final ConfigBase TINYCONFIG = new ConfigBase("tinyconfig", null);

    /**
     * Reads {@code kernelConfig}: one of the make targets, else a file that must exist.
     *
     * @param baseDirectory where a relative file name is looked up
     */
    public static ConfigBase parse(String value, Path baseDirectory) {
        if (value == null || value.isBlank()) {
            return TINYCONFIG;
        }
        String v = value.trim();
        if (TARGET.matcher(v).matches()) {
            return new ConfigBase(v, null);
        }
        Path file = baseDirectory.resolve(v);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("kernelConfig '" + v + "' is neither tinyconfig, defconfig, "
                    + "allnoconfig, an *_defconfig target nor an existing file (looked for " + file + ")");
        }
        return new ConfigBase(null, file.toAbsolutePath().normalize());
    }

    public boolean isFile() {
        return file != null;
    }

    /** {@code tinyconfig} or the file's path. */
    public String describe() {
        return isFile() ? file.toString() : target;
    }
}
