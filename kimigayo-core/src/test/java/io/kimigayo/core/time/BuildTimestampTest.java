package io.kimigayo.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildTimestampTest {

    private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final long NEW_YEAR_SECONDS = 1767225600L;

    @Test
    void epochSeconds() {
        BuildTimestamp t = BuildTimestamp.resolve("1767225600", Map.of());
        assertEquals(NEW_YEAR, t.instant());
        assertEquals(NEW_YEAR_SECONDS, t.instant().getEpochSecond());
        assertEquals(BuildTimestamp.Source.OUTPUT_TIMESTAMP, t.source());
    }

    @Test
    void isoWithOffsetsGiveTheSameInstant() {
        BuildTimestamp utc = BuildTimestamp.resolve("2026-01-01T00:00:00Z", Map.of());
        BuildTimestamp tokyo = BuildTimestamp.resolve("2026-01-01T09:00:00+09:00", Map.of());
        BuildTimestamp minus = BuildTimestamp.resolve("2025-12-31T19:00:00-05:00", Map.of());
        assertEquals(NEW_YEAR, utc.instant());
        assertEquals(NEW_YEAR, tokyo.instant());
        assertEquals(NEW_YEAR, minus.instant());
        assertEquals(utc, tokyo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:00.999Z", "2026-01-01T00:00:00.000000001Z",
            "2026-01-01T09:00:00.5+09:00", " 2026-01-01T00:00:00.1Z "})
    void fractionsOfASecondAreDropped(String value) {
        BuildTimestamp t = BuildTimestamp.resolve(value, Map.of("SOURCE_DATE_EPOCH", "1"));
        assertEquals(NEW_YEAR, t.instant());
        assertEquals(0, t.instant().getNano());
        assertEquals(BuildTimestamp.Source.OUTPUT_TIMESTAMP, t.source());
    }

    @Test
    void outputTimestampWinsOverSourceDateEpoch() {
        BuildTimestamp t = BuildTimestamp.resolve("2026-01-01T00:00:00Z", Map.of("SOURCE_DATE_EPOCH", "42"));
        assertEquals(NEW_YEAR, t.instant());
        assertEquals(BuildTimestamp.Source.OUTPUT_TIMESTAMP, t.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "-", "1", " x ", "", "   "})
    void singleCharacterOrBlankOutputTimestampFallsThroughToSourceDateEpoch(String disabled) {
        BuildTimestamp t = BuildTimestamp.resolve(disabled, Map.of("SOURCE_DATE_EPOCH", "1767225600"));
        assertEquals(NEW_YEAR, t.instant());
        assertEquals(BuildTimestamp.Source.SOURCE_DATE_EPOCH, t.source());
        assertEquals("SOURCE_DATE_EPOCH", t.source().toString());
    }

    @Test
    void sourceDateEpochIsTrimmed() {
        BuildTimestamp t = BuildTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", " 1767225600\n"));
        assertEquals(NEW_YEAR, t.instant());
        assertEquals(BuildTimestamp.Source.SOURCE_DATE_EPOCH, t.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "-"})
    void disabledOutputTimestampAndNoSourceDateEpochGiveTheDefault(String disabled) {
        BuildTimestamp t = BuildTimestamp.resolve(disabled, Map.of());
        assertEquals(BuildTimestamp.DEFAULT, t.instant());
        assertEquals(Instant.EPOCH, t.instant());
        assertEquals(BuildTimestamp.Source.DEFAULT, t.source());
        assertEquals("default", t.source().toString());
    }

    @Test
    void nothingSetGivesTheEpochNeverTheWallClock() {
        BuildTimestamp t = BuildTimestamp.resolve(null, Map.of("PATH", "/bin"));
        assertEquals(new BuildTimestamp(Instant.EPOCH, BuildTimestamp.Source.DEFAULT), t);
        BuildTimestamp blank = BuildTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", " "));
        assertEquals(new BuildTimestamp(Instant.EPOCH, BuildTimestamp.Source.DEFAULT), blank);
    }

    @Test
    void sourceLabels() {
        assertEquals("project.build.outputTimestamp", BuildTimestamp.Source.OUTPUT_TIMESTAMP.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-01", "2026-01-01T00:00:00", "2026-13-01T00:00:00Z",
            "01/01/2026", "-5", "1767225600.5", "99999999999999999999999"})
    void badOutputTimestampNamesThePropertyAndTheAcceptedForms(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildTimestamp.resolve(value, Map.of("SOURCE_DATE_EPOCH", "1")));
        assertTrue(e.getMessage().startsWith("project.build.outputTimestamp=" + value + " "), e.getMessage());
        assertTrue(e.getMessage().contains("epoch seconds"), e.getMessage());
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
        assertTrue(e.getMessage().contains("1767225600 or 2026-01-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void epochSecondsBeyondTheRangeOfInstantAreABadValueToo() {
        // Fits in a long but not in an Instant.
        String value = "40000000000000000";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildTimestamp.resolve(value, Map.of()));
        assertTrue(e.getMessage().startsWith("project.build.outputTimestamp=" + value + " "), e.getMessage());
    }

    @Test
    void timestampBeforeTheEpochIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildTimestamp.resolve("1969-12-31T23:59:59Z", Map.of()));
        assertEquals("project.build.outputTimestamp=1969-12-31T23:59:59Z lies before 1970-01-01T00:00:00Z",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "2026-01-01T00:00:00Z"})
    void badSourceDateEpochIsNamed(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", value)));
        assertTrue(e.getMessage().startsWith("SOURCE_DATE_EPOCH=" + value + " "), e.getMessage());
        assertTrue(e.getMessage().contains("seconds since 1970-01-01"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 1970-01-01T00:00:00Z", "1767225600, 2026-01-01T00:00:00Z",
            "2026-01-01T09:00:00+09:00, 2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z"})
    void parse(String value, String expected) {
        assertEquals(Instant.parse(expected), BuildTimestamp.parse(value, "x"));
    }

    @Test
    void parseNamesTheGivenProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildTimestamp.parse("soon", "kimigayo.timestamp"));
        assertTrue(e.getMessage().startsWith("kimigayo.timestamp=soon is neither epoch seconds nor an ISO-8601 "
                + "date-time with offset"), e.getMessage());
    }
}
