package io.kimigayo.rootfs.nativebuild;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key of a cached native build: a SHA-256 over every input that can change its output (source digest, recipe
 * revision, configuration, flags, toolchain identity, architecture). Inputs are named, so the key does not depend
 * on the order they are added in; {@link #describe()} lists them for the build record.
 */
public final class CacheKey {

    private final Map<String, String> inputs = new TreeMap<>();

    public CacheKey with(String name, String value) {
        inputs.put(name, value == null ? "" : value);
        return this;
    }

    public String hex() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            inputs.forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> describe() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
    }
}
