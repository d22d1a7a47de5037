package io.kimigayo.oci.registry;

import java.io.IOException;
import java.util.Optional;

/** One place credentials may come from: a settings.xml server, a docker config file, a credential helper. */
public interface CredentialSource {

    /** What this source is for {@code registry}, for messages: {@code settings.xml server '127.0.0.1:5000'}. */
    String describe(String registry);

    /** The credential this source holds for {@code registry} (host[:port], {@code docker.io} for Docker Hub). */
    Optional<Credential> find(String registry) throws IOException;

    /**
     * How a user puts a credential for {@code registry} into this source, for the message when a registry refuses
     * a request that carried none ({@code docker login 127.0.0.1:5000}); null when the source cannot be told.
     */
    default String howToGive(String registry) {
        return null;
    }
}
