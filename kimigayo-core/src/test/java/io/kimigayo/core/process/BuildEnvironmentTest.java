package io.kimigayo.core.process;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BuildEnvironmentTest {

    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void reproducibleValues() {
        Map<String, String> env = BuildEnvironment.reproducible(TIME).variables();
        assertEquals("1767225600", env.get("SOURCE_DATE_EPOCH"));
        assertEquals("@1767225600", env.get("KBUILD_BUILD_TIMESTAMP"));
        assertEquals("C", env.get("LC_ALL"));
        assertEquals("C", env.get("LANG"));
        assertEquals("UTC", env.get("TZ"));
        assertEquals("kimigayo", env.get("KBUILD_BUILD_USER"));
        assertEquals("kimigayo", env.get("KBUILD_BUILD_HOST"));
        assertEquals("1", env.get("KBUILD_BUILD_VERSION"));
        assertEquals("1", env.get("KCONFIG_NOTIMESTAMP"));
        assertEquals("/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", env.get("PATH"));
        assertEquals("/nonexistent", env.get("HOME"));
        assertEquals(11, env.size(), "nothing of the calling environment: " + env.keySet());
    }

    @Test
    void nothingFromTheHostLeaksIn() {
        Map<String, String> env = BuildEnvironment.reproducible(TIME).variables();
        for (String host : new String[]{"USER", "LOGNAME", "HOSTNAME", "LD_LIBRARY_PATH", "JAVA_HOME", "MAVEN_OPTS",
                "CFLAGS", "LDFLAGS", "CC", "MAKEFLAGS", "PWD"}) {
            assertFalse(env.containsKey(host), host + " must not be set: " + env.keySet());
        }
    }

    @Test
    void sameTimestampSameEnvironment() {
        assertEquals(BuildEnvironment.reproducible(TIME).variables(),
                BuildEnvironment.reproducible(Instant.parse("2026-01-01T00:00:00.999Z")).variables(),
                "the environment has a resolution of seconds");
        assertNotEquals(BuildEnvironment.reproducible(TIME).variables(),
                BuildEnvironment.reproducible(TIME.plusSeconds(1)).variables());
    }

    @Test
    void variablesCannotBeChanged() {
        Map<String, String> env = BuildEnvironment.reproducible(TIME).variables();
        assertThrows(UnsupportedOperationException.class, () -> env.put("TZ", "Asia/Tokyo"));
    }
}
