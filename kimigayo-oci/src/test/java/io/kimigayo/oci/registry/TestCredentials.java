package io.kimigayo.oci.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registry access with one credential for every registry, as a settings.xml server would give it. */
final class TestCredentials {

    private TestCredentials() {
    }

    static RegistryAccess access(String user, String password, String description, Map<String, String> environment) {
        CredentialSource source = new CredentialSource() {
            @Override
            public String describe(String registry) {
                return description;
            }

            @Override
            public Optional<Credential> find(String registry) {
                return Optional.of(new Credential(user, password, describe(registry)));
            }
        };
        return RegistryAccess.of(environment).withCredentials(new CredentialResolver(List.of(source)));
    }
}
