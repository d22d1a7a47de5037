package io.kimigayo.signing.openpgp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;

/**
 * A containers-policy.json(5) that accepts images of one repository only when they carry a simple-signing signature
 * by a given OpenPGP key, and rejects everything else:
 * <pre>
 * {
 *   "default": [{"type": "reject"}],
 *   "transports": {
 *     "docker": {
 *       "registry.example.com/app": [
 *         {"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/etc/pki/kimigayo.pub.asc"}
 *       ]
 *     }
 *   }
 * }
 * </pre>
 * The signature's identity must then match the reference the image is pulled by (policy.json's default
 * {@code matchRepoDigestOrExact}).
 */
public final class SignedByPolicy {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SignedByPolicy() {
    }

    /**
     * The whole policy.json.
     *
     * @param scope   the repository (or namespace, or registry), fully expanded, e.g. {@code registry.example.com/app};
     *                see {@link RegistriesD#scopeOf(String)}
     * @param keyPath the public key file ({@code gpg --export --armor KEYID > key.pub.asc}), made absolute
     */
    public static String policyJson(String scope, Path keyPath) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("policy.json needs a scope, e.g. registry.example.com/app");
        }
        return "{\n"
                + "  \"default\": [{\"type\": \"reject\"}],\n"
                + "  \"transports\": {\n"
                + "    \"docker\": {\n"
                + "      " + quote(scope) + ": [\n"
                + "        " + requirementJson(keyPath) + "\n"
                + "      ]\n"
                + "    }\n"
                + "  }\n"
                + "}\n";
    }

    /** The one requirement, to add to the list of a scope in an existing policy.json. */
    public static String requirementJson(Path keyPath) {
        return "{\"type\": \"signedBy\", \"keyType\": \"GPGKeys\", \"keyPath\": "
                + quote(keyPath.toAbsolutePath().normalize().toString()) + "}";
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
