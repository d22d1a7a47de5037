package io.kimigayo.signing.openpgp;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerReferenceTest {

    @Test
    void keepsARegistryWithAPort() {
        DockerReference ref = DockerReference.parse("127.0.0.1:5000/kimigayo/app:1.0");
        assertEquals("127.0.0.1:5000", ref.domain());
        assertEquals("kimigayo/app", ref.path());
        assertEquals("1.0", ref.tag());
        assertEquals("127.0.0.1:5000/kimigayo/app", ref.repository());
        assertEquals("127.0.0.1:5000/kimigayo/app:1.0", ref.identity());
    }

    @Test
    void normalisesDockerHubNamesAsDistributionDoes() {
        assertEquals("docker.io/library/busybox", DockerReference.parse("busybox").repository());
        assertEquals("docker.io/library/busybox", DockerReference.parse("index.docker.io/busybox").repository());
        assertEquals("docker.io/example/app", DockerReference.parse("example/app:1").repository());
        assertEquals("localhost/app", DockerReference.parse("localhost/app").repository());
        assertEquals("registry:5000/app", DockerReference.parse("registry:5000/app").repository());
        assertEquals("docker.io/library/busybox:latest", DockerReference.parse("busybox").identity());
    }

    @Test
    void readsADigest() {
        Digest digest = Digest.of(new byte[] {1});
        DockerReference ref = DockerReference.parse("quay.io/a/b/c@" + digest);
        assertEquals("a/b/c", ref.path());
        assertNull(ref.tag());
        assertEquals(digest, ref.digest());
        assertEquals("quay.io/a/b/c@" + digest, ref.identity());
    }

    @Test
    void rejectsWhatIsNoReference() {
        for (String bad : new String[] {"", "Upper/Case", "a/../b", "a//b", "r.example/a:-tag", "r.example/a/",
                "r.example/a@sha256:abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerReference.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("docker reference"), e.getMessage());
        }
    }
}
