package io.kimigayo.app.java;

import java.util.Locale;

/**
 * Whether the runtime gets a class data sharing (CDS) archive of the JDK's classes ({@code lib/server/classes.jsa},
 * made by jlink's {@code --generate-cds-archive}), which lets the JVM map its core classes instead of loading them.
 * The archive must not cost the image its reproducibility: JDK 17's dumps differ from run to run (JDK-8253495 and
 * JDK-8282828, fixed in JDK 19), so {@link #AUTO} adds one only for JDK 19 and later.
 */
public enum ClassDataSharing {
    /** An archive when the JDK's dumps are reproducible (JDK 19 and later). */
    AUTO,
    /** Always an archive; with JDK 17 and 18 the image is then not bit-reproducible. */
    ON,
    /** No archive. */
    OFF;

    /** The first feature release whose CDS dumps are deterministic. */
    public static final int DETERMINISTIC_SINCE = 19;

    /** Reads {@code auto}, {@code on}/{@code true} or {@code off}/{@code false}. */
    public static ClassDataSharing parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "on", "true" -> ON;
            case "off", "false" -> OFF;
            default -> throw new IllegalArgumentException("class data sharing '" + value
                    + "' is not one of auto, on, off");
        };
    }

    /** Whether a runtime made from {@code jdk} gets an archive. */
    public boolean enabledFor(Jdk jdk) {
        return this == ON || (this == AUTO && jdk.feature() >= DETERMINISTIC_SINCE);
    }
}
