package io.kimigayo.maven;

import io.kimigayo.core.cache.RemoteCache;
import io.kimigayo.oci.cache.RegistryBuildCache;
import io.kimigayo.oci.registry.RegistryAccess;
import org.apache.maven.plugin.logging.Log;

/** {@code cacheRepository} and {@code cacheReadOnly} as the goals that compile read them. */
final class CacheRepositoryParameters {

    private CacheRepositoryParameters() {
    }

    /**
     * The build cache shared through {@code cacheRepository}, or null when it is not set.
     *
     * @param access how to reach the registry (credentials as for push)
     */
    static RemoteCache remoteCache(String cacheRepository, boolean cacheReadOnly, RegistryAccess access, Log log) {
        if (cacheRepository == null || cacheRepository.isBlank()) {
            return null;
        }
        RegistryBuildCache cache = new RegistryBuildCache(cacheRepository, access, cacheReadOnly, log::info,
                log::warn);
        log.info("Shared build cache: " + cache);
        return cache;
    }
}
