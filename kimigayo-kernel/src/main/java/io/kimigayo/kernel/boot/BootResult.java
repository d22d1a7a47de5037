package io.kimigayo.kernel.boot;

import java.nio.file.Path;

/**
 * What a boot check found and wrote.
 *
 * @param json     {@code boot.json}
 * @param console  the console log
 * @param manifest what boot.json says
 */
public record BootResult(Path json, Path console, BootManifest manifest) {
}
