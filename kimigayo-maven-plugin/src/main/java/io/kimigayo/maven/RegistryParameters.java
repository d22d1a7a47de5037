package io.kimigayo.maven;

import io.kimigayo.oci.registry.CredentialResolver;
import io.kimigayo.oci.registry.DockerConfigCredentials;
import io.kimigayo.oci.registry.RegistryAccess;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** Turns the registry parameters the goals share into the library's {@link RegistryAccess}. */
final class RegistryParameters {

    private RegistryParameters() {
    }

    /**
     * Credentials from the settings.xml server first, then docker's config.json and its credential helpers.
     *
     * @param blobCache where pulled blobs are kept, or null
     */
    static RegistryAccess access(Settings settings, SettingsDecrypter decrypter, String serverId,
                                 boolean allowInsecureRegistries, File caCertificate, Path blobCache, Log log) {
        CredentialResolver credentials = new CredentialResolver(List.of(
                new SettingsCredentials(settings, decrypter, serverId),
                new DockerConfigCredentials(System.getenv())));
        return RegistryAccess.of(credentials)
                .withInsecure(allowInsecureRegistries)
                .withCaCertificates(caCertificate == null ? null : caCertificate.toPath())
                .withBlobCache(blobCache)
                .withProgress(log::info);
    }
}
