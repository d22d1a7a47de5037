package io.kimigayo.oci.registry;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryReferenceTest {

    private static final String HEX = "a".repeat(64);

    @Test
    void registryRepositoryTagAndDigest() {
        RegistryReference r = RegistryReference.parse("127.0.0.1:5000/team/app:1.0@sha256:" + HEX);
        assertEquals("127.0.0.1:5000", r.registry());
        assertEquals("team/app", r.repository());
        assertEquals("1.0", r.tag());
        assertEquals(new Digest(HEX), r.digest());
        assertEquals("sha256:" + HEX, r.manifestReference(), "a digest wins over the tag");
        assertEquals("127.0.0.1:5000/team/app", r.name());
    }

    @Test
    void dockerHubNamesAsDockerReadsThem() {
        assertEquals("docker.io/library/busybox:latest", RegistryReference.parse("busybox").toString());
        assertEquals("docker.io/team/app:2", RegistryReference.parse("team/app:2").toString());
        assertEquals("docker.io/library/busybox:1", RegistryReference.parse("index.docker.io/library/busybox:1").toString());
        assertEquals("registry-1.docker.io", RegistryReference.parse("busybox").apiHost());
        assertEquals("localhost/app:latest", RegistryReference.parse("localhost/app").toString());
    }

    @Test
    void aPortIsNotATag() {
        RegistryReference r = RegistryReference.parse("registry.example:5000/app");
        assertEquals("registry.example:5000", r.registry());
        assertEquals("latest", r.tag());
        assertNull(RegistryReference.parse("registry.example/app@sha256:" + HEX).tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "registry.example/App:1", "registry.example/app:-bad", "registry.example/app@sha256:12",
            "bad host!/app"})
    void badReferencesSayWhatIsWrong(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistryReference.parse(text));
        assertTrue(e.getMessage().contains("image reference") || e.getMessage().contains("empty"), e.getMessage());
    }
}
