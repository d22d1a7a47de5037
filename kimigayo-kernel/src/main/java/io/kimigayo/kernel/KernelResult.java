package io.kimigayo.kernel;

import java.nio.file.Path;

/**
 * What a kernel build wrote.
 *
 * @param image    {@code kernel/<arch>/bzImage} (or {@code Image})
 * @param config   {@code kernel/<arch>/config}, the final {@code .config}
 * @param json     {@code kernel/<arch>/kernel.json}
 * @param manifest what kernel.json says
 * @param compiled whether this build compiled the kernel (false: taken from the cache)
 */
public record KernelResult(Path image, Path config, Path json, KernelManifest manifest, boolean compiled) {
}
