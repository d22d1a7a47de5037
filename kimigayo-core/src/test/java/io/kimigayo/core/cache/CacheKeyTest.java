package io.kimigayo.core.cache;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheKeyTest {

    private static CacheKey musl() {
        return new CacheKey()
                .with("component", "musl")
                .with("source.sha256", "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4")
                .with("recipe", "1")
                .with("cflags", "-O2 -pipe")
                .with("toolchain", "gcc (Debian 12.2.0-14) 12.2.0")
                .with("arch", "x86_64");
    }

    @Test
    void keyIsSixtyFourHexDigits() {
        assertTrue(musl().hex().matches("[0-9a-f]{64}"), musl().hex());
    }

    @Test
    void sameInputsGiveTheSameKeyWhateverTheOrder() {
        CacheKey reversed = new CacheKey()
                .with("arch", "x86_64")
                .with("toolchain", "gcc (Debian 12.2.0-14) 12.2.0")
                .with("cflags", "-O2 -pipe")
                .with("recipe", "1")
                .with("source.sha256", "a9a118bbe84d8764da0ea0d28b3ab3fae8477fc7e4085d90102b8596fc7c75e4")
                .with("component", "musl");
        assertEquals(musl().hex(), reversed.hex());
        assertEquals(musl().describe(), reversed.describe());
    }

    @Test
    void changingAnyInputChangesTheKey() {
        String base = musl().hex();
        Set<String> keys = new HashSet<>();
        keys.add(base);
        for (String name : List.of("component", "source.sha256", "recipe", "cflags", "toolchain", "arch")) {
            String changed = musl().with(name, "something else").hex();
            assertNotEquals(base, changed, "changing " + name + " must change the key");
            keys.add(changed);
        }
        assertEquals(7, keys.size(), "every change gives its own key");
        assertNotEquals(base, musl().with("ldflags", "-Wl,-z,now").hex(), "a new input changes the key");
    }

    @Test
    void namesAndValuesCannotBleedIntoEachOther() {
        assertNotEquals(new CacheKey().with("ab", "c").hex(), new CacheKey().with("a", "bc").hex());
        assertNotEquals(new CacheKey().with("flags", "-O2 -pipe").hex(),
                new CacheKey().with("flags -O2", "-pipe").hex());
    }

    @Test
    void laterValueReplacesEarlierOneAndNullCountsAsEmpty() {
        assertEquals(new CacheKey().with("arch", "x86_64").hex(),
                new CacheKey().with("arch", "aarch64").with("arch", "x86_64").hex());
        assertEquals(new CacheKey().with("flags", "").hex(), new CacheKey().with("flags", null).hex());
        assertNotEquals(new CacheKey().hex(), new CacheKey().with("flags", "").hex());
    }

    @Test
    void describeListsEveryInput() {
        Map<String, String> inputs = musl().describe();
        assertEquals(6, inputs.size());
        assertEquals("x86_64", inputs.get("arch"));
        assertEquals("-O2 -pipe", inputs.get("cflags"));
    }

    @Test
    void keyIsStableAcrossRuns() {
        // The cache survives JVM restarts: the key of fixed inputs is a fixed value (sorted name NUL value NUL).
        assertEquals(sha256("a\0b\0"), new CacheKey().with("a", "b").hex());
        assertEquals(sha256("a\0b\0c\0d\0"), new CacheKey().with("c", "d").with("a", "b").hex());
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
