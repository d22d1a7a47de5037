package io.kimigayo.oci.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} challenge: {@code Basic realm="..."} or
 * {@code Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull,push"}.
 *
 * @param scheme     {@code basic} or {@code bearer}, lower case
 * @param parameters the auth parameters, keys lower case, values unquoted
 */
public record WwwAuthenticate(String scheme, Map<String, String> parameters) {

    public WwwAuthenticate {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    /**
     * Parses the first challenge of a header value.
     *
     * @throws IllegalArgumentException when there is no scheme
     */
    public static WwwAuthenticate parse(String header) {
        String text = header == null ? "" : header.trim();
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        String scheme = text.substring(0, i).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new IllegalArgumentException("empty WWW-Authenticate header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (i < text.length()) {
            while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            int nameStart = i;
            while (i < text.length() && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))
                    && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (name.isEmpty()) {
                break;
            }
            if (i >= text.length() || text.charAt(i) != '=') {
                break; // a second challenge's scheme: only the first challenge is read
            }
            i++;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++; // closing quote
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            params.put(name, value.toString().trim());
        }
        return new WwwAuthenticate(scheme, params);
    }
}
