package io.kimigayo.core.cache;

import io.kimigayo.core.hash.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
        MessageDigest sha = Sha256.newDigest();
        inputs.forEach((k, v) -> {
            sha.update(k.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(v.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        });
        return Sha256.hex(sha);
    }

    public Map<String, String> describe() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
    }
}
