package io.kimigayo.core.process;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every native build step runs in, the same on every machine: the build timestamp as
 * SOURCE_DATE_EPOCH (and Kbuild's equivalents), the C locale, UTC, a fixed user and host name for Kbuild, no
 * Kconfig timestamps, and a PATH of the system directories only. The umask is set to 022 by {@link CommandRunner}.
 */
public final class BuildEnvironment {

    private final Map<String, String> variables;

    private BuildEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static BuildEnvironment reproducible(Instant timestamp) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("HOME", "/nonexistent");
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("TZ", "UTC");
        env.put("SOURCE_DATE_EPOCH", Long.toString(timestamp.getEpochSecond()));
        env.put("KCONFIG_NOTIMESTAMP", "1");
        env.put("KBUILD_BUILD_TIMESTAMP", "@" + timestamp.getEpochSecond());
        env.put("KBUILD_BUILD_USER", "kimigayo");
        env.put("KBUILD_BUILD_HOST", "kimigayo");
        env.put("KBUILD_BUILD_VERSION", "1");
        return new BuildEnvironment(env);
    }

    public Map<String, String> variables() {
        return variables;
    }
}
