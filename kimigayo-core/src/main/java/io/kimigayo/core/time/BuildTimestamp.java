package io.kimigayo.core.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The one timestamp written into every output of a build (tar entry mtimes, the image's {@code created}).
 *
 * <p>Chosen as Maven does for reproducible archives: {@code project.build.outputTimestamp} (epoch seconds or an
 * ISO-8601 date-time with offset, such as {@code 2026-01-01T00:00:00Z}); when that is unset or a single character
 * (Maven's way to switch it off), the {@code SOURCE_DATE_EPOCH} environment variable (epoch seconds); else
 * {@link #DEFAULT}, 1970-01-01T00:00:00Z. Never the wall clock. Fractions of a second are dropped.
 *
 * @param instant the time, whole seconds
 * @param source  where it came from, for the build summary
 */
public record BuildTimestamp(Instant instant, Source source) {

    /** The timestamp used when neither outputTimestamp nor SOURCE_DATE_EPOCH is set. */
    public static final Instant DEFAULT = Instant.EPOCH;

    /** Where a timestamp came from. */
    public enum Source {
        OUTPUT_TIMESTAMP("project.build.outputTimestamp"),
        SOURCE_DATE_EPOCH("SOURCE_DATE_EPOCH"),
        DEFAULT("default");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Resolves the timestamp.
     *
     * @param outputTimestamp the value of {@code project.build.outputTimestamp}, or {@code null}
     * @param environment     the process environment (for {@code SOURCE_DATE_EPOCH})
     * @throws IllegalArgumentException naming the bad value and the accepted forms
     */
    public static BuildTimestamp resolve(String outputTimestamp, Map<String, String> environment) {
        if (outputTimestamp != null && outputTimestamp.trim().length() > 1) {
            return new BuildTimestamp(parse(outputTimestamp.trim(), "project.build.outputTimestamp"),
                    Source.OUTPUT_TIMESTAMP);
        }
        String sde = environment.get("SOURCE_DATE_EPOCH");
        if (sde != null && !sde.isBlank()) {
            if (!sde.trim().matches("\\d+")) {
                throw new IllegalArgumentException("SOURCE_DATE_EPOCH=" + sde
                        + " is not a number of seconds since 1970-01-01; set it to e.g. $(git log -1 --format=%ct)");
            }
            return new BuildTimestamp(parse(sde.trim(), "SOURCE_DATE_EPOCH"), Source.SOURCE_DATE_EPOCH);
        }
        return new BuildTimestamp(DEFAULT, Source.DEFAULT);
    }

    /** Parses epoch seconds or an ISO-8601 date-time with offset. */
    public static Instant parse(String value, String name) {
        try {
            Instant instant = value.matches("\\d+")
                    ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(Instant.EPOCH)) {
                throw new IllegalArgumentException(name + "=" + value + " lies before 1970-01-01T00:00:00Z");
            }
            return instant.truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is neither epoch seconds nor an ISO-8601 "
                    + "date-time with offset; write e.g. 1767225600 or 2026-01-01T00:00:00Z", e);
        }
    }
}
