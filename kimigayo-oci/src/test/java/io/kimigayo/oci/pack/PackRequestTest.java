package io.kimigayo.oci.pack;

import io.kimigayo.oci.reference.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackRequestTest {

    private static PackRequest request(String from, List<String> extraTags, Set<OutputFormat> formats) {
        return PackRequest.builder(ImageReference.parse("example/hello:1.0"), TestImages.AMD64, TestImages.TIME,
                        Path.of("out"))
                .from(from)
                .extraTags(extraTags)
                .formats(formats)
                .build();
    }

    @Test
    void defaults() {
        PackRequest r = request(null, null, null);
        assertEquals("scratch", r.from());
        assertEquals("scratch", request("  ", null, null).from());
        assertEquals("oci:x", request(" oci:x ", null, null).from());
        assertEquals(List.of(), r.layers());
        assertSame(ContainerSettings.NONE, r.settings());
        assertEquals(List.of(), r.extraTags());
        assertEquals(EnumSet.of(OutputFormat.OCI_LAYOUT, OutputFormat.DOCKER_ARCHIVE), r.formats());
        assertEquals(EnumSet.of(OutputFormat.OCI_LAYOUT, OutputFormat.DOCKER_ARCHIVE),
                request(null, null, Set.of()).formats());
    }

    @Test
    void requestIsNotChangedByLaterChangesToItsInputs() {
        List<String> tags = new ArrayList<>(List.of("a"));
        Set<OutputFormat> formats = EnumSet.of(OutputFormat.OCI_ARCHIVE);
        PackRequest r = request(null, tags, formats);
        tags.add("b");
        formats.add(OutputFormat.DOCKER_ARCHIVE);
        assertEquals(List.of("a"), r.extraTags());
        assertEquals(EnumSet.of(OutputFormat.OCI_ARCHIVE), r.formats());
    }

    @Test
    void allTagsStartWithTheMainTagWithoutRepeats() {
        assertEquals(List.of("1.0", "latest", "stable"),
                request(null, List.of("latest", "1.0", "stable", "latest"), null).allTags());
        assertEquals(List.of("1.0"), request(null, null, null).allTags());
    }

    @Test
    void badExtraTagIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> request(null, List.of("ok", "not ok"), null).allTags());
        assertTrue(e.getMessage().contains("'not ok'"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void outputFormatParsesItsId(OutputFormat f) {
        assertEquals(f, OutputFormat.parse(f.id()));
        assertEquals(f, OutputFormat.parse(" " + f.id() + " "));
    }

    @Test
    void outputFormatIdsAndFileNames() {
        Map<String, String> names = new HashMap<>();
        for (OutputFormat f : OutputFormat.values()) {
            names.put(f.id(), f.fileName());
        }
        assertEquals(Map.of("oci-layout", "image", "oci-archive", "image.oci.tar", "docker-archive", "image.tar"),
                names);
    }

    @Test
    void unknownOutputFormatListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("tar"));
        assertEquals("unknown output format 'tar'; choose from oci-layout, oci-archive, docker-archive",
                e.getMessage());
    }

    @Test
    void containerSettingsDefaultsAndCopies() {
        ContainerSettings none = ContainerSettings.NONE;
        assertEquals(List.of(), none.entrypoint());
        assertEquals(List.of(), none.cmd());
        assertEquals(Map.of(), none.environment());
        assertEquals(List.of(), none.ports());
        assertEquals(Map.of(), none.labels());
        assertEquals(Map.of(), none.annotations());
        Map<String, String> env = new HashMap<>(Map.of("B", "2", "A", "1"));
        ContainerSettings s = new ContainerSettings(null, null, env, null, null, null, null, null);
        env.put("C", "3");
        assertEquals(List.of("A", "B"), List.copyOf(s.environment().keySet()));
    }
}
