package io.kimigayo.oci.pack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseReferenceTest {

    private static final Path PROJECT = Path.of("/work/project");

    @Test
    void scratch() {
        BaseReference r = BaseReference.parse("scratch", PROJECT);
        assertEquals(BaseReference.Kind.SCRATCH, r.kind());
        assertNull(r.path());
        assertNull(r.tag());
    }

    @Test
    void layoutWithTagRelativeToTheProject() {
        BaseReference r = BaseReference.parse("oci:target/base/image:1.0", PROJECT);
        assertEquals(BaseReference.Kind.OCI_LAYOUT, r.kind());
        assertEquals(Path.of("/work/project/target/base/image"), r.path());
        assertEquals("1.0", r.tag());
    }

    @Test
    void absoluteLayoutWithoutTag() {
        BaseReference r = BaseReference.parse("oci:/srv/images/base", PROJECT);
        assertEquals(Path.of("/srv/images/base"), r.path());
        assertNull(r.tag());
        assertNull(BaseReference.parse("oci:/srv/images/base:", PROJECT).tag(), "an empty tag is no tag");
    }

    @Test
    void archiveWithTagAndNormalisedPath() {
        BaseReference r = BaseReference.parse("oci-archive:../shared/./base.oci.tar:stable", PROJECT);
        assertEquals(BaseReference.Kind.OCI_ARCHIVE, r.kind());
        assertEquals(Path.of("/work/shared/base.oci.tar"), r.path());
        assertEquals("stable", r.tag());
    }

    @Test
    void withoutBaseDirectoryPathsStayAsGiven() {
        assertEquals(Path.of("base/image"), BaseReference.parse("oci:base/image", null).path());
    }

    @Test
    void colonInADirectoryNameIsNotATag() {
        BaseReference r = BaseReference.parse("oci:/data/a:b/image", PROJECT);
        assertEquals(Path.of("/data/a:b/image"), r.path());
        assertNull(r.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker://alpine", "alpine:3.20", "Scratch", "oci", "registry.example.com/App:1"})
    void unsupportedReferencesAreRejected(String from) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaseReference.parse(from, PROJECT));
        assertTrue(e.getMessage().contains("'" + from + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("oci:PATH[:TAG]"), e.getMessage());
    }

    @Test
    void aReferenceThatNamesItsRegistryIsARegistryBase() {
        BaseReference r = BaseReference.parse("127.0.0.1:5000/team/base:1", PROJECT);
        assertEquals(BaseReference.Kind.REGISTRY, r.kind());
        assertEquals("127.0.0.1:5000", r.registry().registry());
        assertEquals("team/base", r.registry().path());
        assertEquals("1", r.registry().tag());
        assertEquals("docker.io/library/alpine:3.20",
                BaseReference.parse("docker.io/library/alpine:3.20", PROJECT).registry().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci:", "oci::tag", "oci-archive:"})
    void referenceWithoutPathIsRejected(String from) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaseReference.parse(from, PROJECT));
        assertTrue(e.getMessage().contains("names no path"), e.getMessage());
    }
}
