package io.kimigayo.rootfs.recipe;

import io.kimigayo.core.cache.BuildCache;
import io.kimigayo.core.process.BuildEnvironment;
import io.kimigayo.rootfs.nativebuild.Toolchain;
import io.kimigayo.rootfs.source.SourceResolver;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every recipe needs: where sources come from, where compiled outputs are cached, the toolchain, the
 * reproducible environment, where logs go, how many jobs make may run, and where progress lines go.
 */
public record BuildContext(SourceResolver sources, BuildCache cache, Toolchain toolchain, BuildEnvironment environment,
                           Path logDirectory, int jobs, Consumer<String> progress) {
}
