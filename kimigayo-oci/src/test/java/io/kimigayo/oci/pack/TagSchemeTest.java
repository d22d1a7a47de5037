package io.kimigayo.oci.pack;

import io.kimigayo.oci.model.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagSchemeTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final List<Platform> BOTH = List.of(AMD64, ARM64);

    @Test
    void theStandardVariantOfAReleaseGetsTheVersionLatestStableAndAnArchTagPerPlatform() {
        TagScheme.SchemeTags tags = TagScheme.KIMIGAYO_OS.tags("0.1.0", "standard", BOTH);
        assertEquals(List.of("0.1.0", "latest", "stable"), tags.image());
        assertEquals(Map.of("0.1.0-amd64", AMD64, "0.1.0-arm64", ARM64), tags.platforms());
        assertEquals(List.of("0.1.0-amd64", "0.1.0-arm64"), List.copyOf(tags.platforms().keySet()));
    }

    @Test
    void anotherVariantCarriesItsNameInEveryTagAndHasNoStable() {
        TagScheme.SchemeTags minimal = TagScheme.KIMIGAYO_OS.tags("0.1.0", "minimal", BOTH);
        assertEquals(List.of("0.1.0-minimal", "latest-minimal"), minimal.image());
        assertEquals(List.of("0.1.0-minimal-amd64", "0.1.0-minimal-arm64"),
                List.copyOf(minimal.platforms().keySet()));
        TagScheme.SchemeTags extended = TagScheme.KIMIGAYO_OS.tags("0.1.0", "Extended", List.of(ARM64));
        assertEquals(List.of("0.1.0-extended", "latest-extended"), extended.image());
        assertEquals(Map.of("0.1.0-extended-arm64", ARM64), extended.platforms());
    }

    @Test
    void oneMachineStillGetsItsArchTag() {
        TagScheme.SchemeTags tags = TagScheme.KIMIGAYO_OS.tags("1.2.3", "standard", List.of(ARM64));
        assertEquals(List.of("1.2.3", "latest", "stable"), tags.image());
        assertEquals(Map.of("1.2.3-arm64", ARM64), tags.platforms());
    }

    @Test
    void aSnapshotIsEdgeOnly() {
        TagScheme.SchemeTags standard = TagScheme.KIMIGAYO_OS.tags("0.2.0-SNAPSHOT", "standard", BOTH);
        assertEquals(List.of("edge"), standard.image());
        assertTrue(standard.platforms().isEmpty());
        assertEquals(List.of("edge-minimal"), TagScheme.KIMIGAYO_OS.tags("0.2.0-SNAPSHOT", "minimal", BOTH).image());
    }

    @Test
    void aPreReleaseGetsVersionAndArchTagsButNoRollingTag() {
        TagScheme.SchemeTags tags = TagScheme.KIMIGAYO_OS.tags("0.2.0-rc.1", "standard", BOTH);
        assertEquals(List.of("0.2.0-rc.1"), tags.image());
        assertEquals(List.of("0.2.0-rc.1-amd64", "0.2.0-rc.1-arm64"), List.copyOf(tags.platforms().keySet()));
        assertEquals(List.of("0.2.0-rc.1-minimal"), TagScheme.KIMIGAYO_OS.tags("0.2.0-rc.1", "minimal", BOTH).image());
    }

    @Test
    void aVersionThatMakesNoValidTagIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TagScheme.KIMIGAYO_OS.tags("1.0+build.5", "standard", BOTH));
        assertTrue(e.getMessage().contains("'1.0+build.5'"), e.getMessage());
        assertTrue(e.getMessage().contains("version 1.0+build.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TagScheme.KIMIGAYO_OS.tags(" ", "standard", BOTH));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.KIMIGAYO_OS.tags("1.0", null, BOTH));
    }

    @Test
    void noSchemeGivesNoTagsAndTheNamesParse() {
        assertEquals(List.of(), TagScheme.NONE.tags("0.1.0", "standard", BOTH).image());
        assertEquals(TagScheme.NONE, TagScheme.parse(null));
        assertEquals(TagScheme.NONE, TagScheme.parse("none"));
        assertEquals(TagScheme.KIMIGAYO_OS, TagScheme.parse(" Kimigayo-OS "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TagScheme.parse("semver"));
        assertEquals("unknown tag scheme 'semver'; choose none or kimigayo-os", e.getMessage());
    }
}
