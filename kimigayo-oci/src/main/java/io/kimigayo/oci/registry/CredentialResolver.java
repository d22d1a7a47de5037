package io.kimigayo.oci.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the credential for a registry by asking sources in order, the first that has one winning: the build's own
 * (a settings.xml server, passed in by the front end), then the docker config ({@code credHelpers}, {@code credsStore},
 * {@code auths}). Remembers which sources it asked, so an authentication failure can say so.
 */
public final class CredentialResolver {

    private final List<CredentialSource> sources;

    public CredentialResolver(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * What was found for a registry and what was asked.
     *
     * @param howToGive how a user gives credentials through the sources asked, for messages
     */
    public record Resolution(Optional<Credential> credential, List<String> tried, List<String> howToGive) {

        /** For messages: the source of the credential used, or the sources that had none. */
        public String describe() {
            return credential.map(Credential::toString)
                    .orElse("no credentials (tried " + (tried.isEmpty() ? "nothing" : String.join(", ", tried)) + ")");
        }
    }

    public Resolution resolve(String registry) throws IOException {
        List<String> tried = new ArrayList<>();
        List<String> howToGive = new ArrayList<>();
        for (CredentialSource source : sources) {
            tried.add(source.describe(registry));
            String hint = source.howToGive(registry);
            if (hint != null) {
                howToGive.add(hint);
            }
            Optional<Credential> found = source.find(registry);
            if (found.isPresent()) {
                return new Resolution(found, tried, howToGive);
            }
        }
        return new Resolution(Optional.empty(), tried, howToGive);
    }
}
