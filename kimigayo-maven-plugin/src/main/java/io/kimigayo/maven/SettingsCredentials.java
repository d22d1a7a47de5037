package io.kimigayo.maven;

import io.kimigayo.oci.registry.Credential;
import io.kimigayo.oci.registry.CredentialSource;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.io.IOException;
import java.util.Optional;

/**
 * Registry credentials from a settings.xml {@code <server>}: the one named by {@code serverId}, else the one whose
 * id is the registry ({@code registry.example}, {@code 127.0.0.1:5000}). Encrypted passwords are decrypted with
 * Maven's SettingsDecrypter.
 */
final class SettingsCredentials implements CredentialSource {

    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final String serverId;

    SettingsCredentials(Settings settings, SettingsDecrypter decrypter, String serverId) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.serverId = serverId == null || serverId.isBlank() ? null : serverId.trim();
    }

    private String id(String registry) {
        return serverId != null ? serverId : registry;
    }

    @Override
    public String describe(String registry) {
        return "settings.xml server '" + id(registry) + "'";
    }

    @Override
    public String howToGive(String registry) {
        return "a settings.xml <server> (id = the registry, " + registry + ", or serverId)";
    }

    @Override
    public Optional<Credential> find(String registry) throws IOException {
        Server server = settings == null ? null : settings.getServer(id(registry));
        if (server == null) {
            if (serverId != null) {
                throw new IOException("settings.xml has no <server> with id '" + serverId + "' (serverId); add one "
                        + "with the registry's <username> and <password>");
            }
            return Optional.empty();
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!decrypted.getProblems().isEmpty()) {
            throw new IOException(describe(registry) + ": its password cannot be decrypted ("
                    + decrypted.getProblems().get(0).getMessage() + ")");
        }
        Server plain = decrypted.getServer();
        if (plain.getUsername() == null || plain.getPassword() == null) {
            throw new IOException(describe(registry) + " needs a <username> and a <password> for the registry");
        }
        return Optional.of(new Credential(plain.getUsername(), plain.getPassword(), describe(registry)));
    }
}
