package io.kimigayo.maven;

import io.kimigayo.oci.registry.RegistryAccess;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.nio.file.Path;

/**
 * The registry parameters of the goals that talk to a registry (pack-oci for a registry base, build, push, verify):
 * one declaration, so that every goal names, documents and reads them alike.
 */
abstract class AbstractRegistryMojo extends AbstractKimigayoMojo {

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    protected Settings settings;

    @Component
    protected SettingsDecrypter decrypter;

    /** Allows plain HTTP and unverified TLS for registries that are not on loopback. */
    @Parameter(property = "kimigayo.allowInsecureRegistries", defaultValue = "false")
    protected boolean allowInsecureRegistries;

    /** A PEM file of CA certificates to trust for registries, in addition to the JVM's. */
    @Parameter(property = "kimigayo.caCertificate")
    protected File caCertificate;

    /** The settings.xml server holding the registry's credentials; default the server whose id is the registry. */
    @Parameter(property = "kimigayo.serverId")
    protected String serverId;

    /**
     * How the goal reaches registries: credentials from the settings.xml server first, then docker's config.json.
     *
     * @param blobCache where pulled blobs are kept, or null
     */
    protected RegistryAccess registryAccess(Path blobCache) {
        return RegistryParameters.access(settings, decrypter, serverId, allowInsecureRegistries, caCertificate,
                blobCache, getLog());
    }
}
