package io.kimigayo.oci.model;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptorTest {

    private static final Digest D = Digest.of(new byte[]{1, 2, 3});

    @Test
    void annotationsAreMergedSortedAndCopied() {
        Map<String, String> first = new HashMap<>(Map.of("z", "1", "b", "2"));
        Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, D, 3, null, first);
        first.put("c", "3");
        assertEquals(List.of("b", "z"), List.copyOf(d.annotations().keySet()));
        Descriptor more = d.withAnnotations(Map.of("a", "0", "z", "9"));
        assertEquals(Map.of("a", "0", "b", "2", "z", "9"), more.annotations());
        assertEquals(List.of("a", "b", "z"), List.copyOf(more.annotations().keySet()));
        assertEquals(Map.of("b", "2", "z", "1"), d.annotations(), "the original is unchanged");
    }

    @Test
    void withPlatformKeepsEverythingElse() {
        Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, D, 3).withAnnotations(Map.of("k", "v"));
        Descriptor p = d.withPlatform(Platform.parse("linux/amd64"));
        assertEquals(MediaTypes.OCI_MANIFEST, p.mediaType());
        assertEquals(D, p.digest());
        assertEquals(3, p.size());
        assertEquals(Map.of("k", "v"), p.annotations());
        assertEquals(Platform.parse("linux/amd64"), p.platform());
        assertNull(d.platform());
    }

    @Test
    void nullAnnotationsAreEmpty() {
        assertEquals(Map.of(), new Descriptor(MediaTypes.OCI_CONFIG, D, 0).annotations());
        assertEquals(Map.of(), new Index(2, MediaTypes.OCI_INDEX, null, null).annotations());
        assertEquals(List.of(), new Index(2, MediaTypes.OCI_INDEX, null, null).manifests());
    }

    @Test
    void zeroSizeIsStillWritten() {
        String json = new String(Json.write(new Descriptor(MediaTypes.OCI_CONFIG, D, 0)));
        assertEquals("{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D
                + "\",\"size\":0}", json);
    }

    @Test
    void mediaTypeKinds() {
        assertTrue(MediaTypes.isIndex(MediaTypes.OCI_INDEX));
        assertTrue(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST));
        assertFalse(MediaTypes.isIndex(MediaTypes.OCI_MANIFEST));
        assertFalse(MediaTypes.isIndex(null));
        assertTrue(MediaTypes.isManifest(MediaTypes.OCI_MANIFEST));
        assertTrue(MediaTypes.isManifest(MediaTypes.DOCKER_MANIFEST));
        assertFalse(MediaTypes.isManifest(MediaTypes.OCI_INDEX));
        assertFalse(MediaTypes.isManifest(MediaTypes.OCI_CONFIG));
        assertFalse(MediaTypes.isManifest(null));
    }

    @Test
    void imageConfigPlatform() {
        ImageConfig c = new ImageConfig(null, null, "arm64", "linux", "v8", null, null, null);
        assertEquals(Platform.parse("linux/arm64"), c.platform());
        assertEquals(ImageConfig.RuntimeConfig.EMPTY, c.config());
        assertEquals("layers", c.rootfs().type());
    }
}
