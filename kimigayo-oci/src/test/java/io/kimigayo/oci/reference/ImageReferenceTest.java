package io.kimigayo.oci.reference;

import io.kimigayo.oci.digest.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {

    private static final String HEX = "a".repeat(64);

    // The name an image is packed under (pack-oci's image).

    @Test
    void nameAndTag() {
        ImageReference r = ImageReference.parseImageName("example/hello:1.0");
        assertEquals("example/hello", r.name());
        assertEquals("1.0", r.tag());
        assertEquals("example/hello:1.0", r.toString());
    }

    @Test
    void tagDefaultsToLatest() {
        ImageReference r = ImageReference.parseImageName("example/hello");
        assertEquals("example/hello", r.name());
        assertEquals("latest", r.tag());
        assertEquals(ImageReference.parseImageName("hello:latest"), ImageReference.parseImageName(" hello "));
    }

    @Test
    void registryWithPort() {
        ImageReference r = ImageReference.parseImageName("localhost:5000/a/b:t");
        assertEquals("localhost:5000/a/b", r.name());
        assertEquals("t", r.tag());
        ImageReference noTag = ImageReference.parseImageName("localhost:5000/a/b");
        assertEquals("localhost:5000/a/b", noTag.name());
        assertEquals("latest", noTag.tag());
    }

    @ParameterizedTest
    @CsvSource({
            "registry.example.com/team/app:2026.01, registry.example.com/team/app, 2026.01",
            "Registry.Example.com/app:v1, Registry.Example.com/app, v1",
            "localhost/app:x, localhost/app, x",
            "a.b/c__d/e-f/g.h:_t, a.b/c__d/e-f/g.h, _t",
            "kimigayo/os:3.0-standard-x86_64, kimigayo/os, 3.0-standard-x86_64",
            "multi--dash:TAG, multi--dash, TAG"})
    void validNames(String text, String name, String tag) {
        ImageReference r = ImageReference.parseImageName(text);
        assertEquals(name, r.name());
        assertEquals(tag, r.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Example/hello:1.0", "example/Hello", "UPPER", "example//hello", "/hello", "hello/",
            "-hello", "hello-", "he..llo", "hello_", "hello world", "", "example/hello@sha256:abc",
            "registry:port/app"})
    void badNamesAreRejectedNamingTheInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parseImageName(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
    }

    @Test
    void uppercaseComponentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parseImageName("example/Hello:1.0"));
        assertTrue(e.getMessage().startsWith("image name 'example/Hello:1.0': 'Hello' is not a valid name component"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example/hello:", "example/hello:-x", "example/hello:.x", "example/hello:a+b"})
    void badTagsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parseImageName(text));
        assertTrue(e.getMessage().contains("tag '"), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void tagMayBe128CharactersNotMore() {
        String ok = "t".repeat(128);
        assertEquals(ok, ImageReference.parseImageName("a:" + ok).tag());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parseImageName("a:" + ok + "x"));
    }

    @Test
    void nullIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parseImageName(null));
        assertTrue(e.getMessage().contains("image name"), e.getMessage());
    }

    @Test
    void withTagKeepsTheNameAndChecksTheTag() {
        ImageReference r = ImageReference.parseImageName("localhost:5000/a/b:t");
        assertEquals("localhost:5000/a/b:stable", r.withTag("stable").toString());
        assertThrows(IllegalArgumentException.class, () -> r.withTag("bad tag"));
        assertThrows(IllegalArgumentException.class, () -> r.withTag(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.checkTag("-x", "tags"));
        assertTrue(e.getMessage().startsWith("tag '-x' in tags is not valid"), e.getMessage());
    }

    // An image in a registry (push targets, registry bases, verification).

    @Test
    void registryRepositoryTagAndDigest() {
        ImageReference r = ImageReference.parse("127.0.0.1:5000/team/app:1.0@sha256:" + HEX);
        assertEquals("127.0.0.1:5000", r.registry());
        assertEquals("team/app", r.path());
        assertEquals("1.0", r.tag());
        assertEquals(new Digest(HEX), r.digest());
        assertEquals("sha256:" + HEX, r.manifestReference(), "a digest wins over the tag");
        assertEquals("127.0.0.1:5000/team/app", r.repository());
    }

    @Test
    void dockerHubNamesAsDockerReadsThem() {
        assertEquals("docker.io/library/busybox:latest", ImageReference.parse("busybox").identity());
        assertEquals("docker.io/team/app:2", ImageReference.parse("team/app:2").identity());
        assertEquals("docker.io/library/busybox:1", ImageReference.parse("index.docker.io/library/busybox:1")
                .identity());
        assertEquals("registry-1.docker.io", ImageReference.parse("busybox").apiHost());
        assertEquals("docker.io", ImageReference.parse("registry-1.docker.io/library/busybox").registry());
        assertEquals("localhost/app:latest", ImageReference.parse("localhost/app").identity());
    }

    @Test
    void aPortIsNotATag() {
        ImageReference r = ImageReference.parse("registry.example:5000/app");
        assertEquals("registry.example:5000", r.registry());
        assertEquals("latest", r.tag());
        assertNull(ImageReference.parse("registry.example/app@sha256:" + HEX).tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "registry.example/App:1", "registry.example/app:-bad", "registry.example/app@sha256:12",
            "bad host!/app"})
    void badReferencesSayWhatIsWrong(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().startsWith("image reference '" + text + "': "), e.getMessage());
    }

    @Test
    void namesRegistryWhenTheFirstComponentIsAHost() {
        assertTrue(ImageReference.namesRegistry("registry.example/app"));
        assertTrue(ImageReference.namesRegistry("localhost/app"));
        assertTrue(ImageReference.namesRegistry("host:5000/app"));
        assertTrue(ImageReference.namesRegistry("[::1]/app"));
        assertFalse(ImageReference.namesRegistry("team/app"));
        assertFalse(ImageReference.namesRegistry("registry.example"));
    }

    // The docker reference a containers/image signature names (signing.openpgp).

    @Test
    void keepsARegistryWithAPort() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/kimigayo/app:1.0", "docker reference");
        assertEquals("127.0.0.1:5000", ref.domain());
        assertEquals("kimigayo/app", ref.path());
        assertEquals("1.0", ref.tag());
        assertEquals("127.0.0.1:5000/kimigayo/app", ref.repository());
        assertEquals("127.0.0.1:5000/kimigayo/app:1.0", ref.identity());
    }

    @Test
    void normalisesDockerHubNamesAsDistributionDoes() {
        assertEquals("docker.io/library/busybox", ImageReference.parse("busybox").repository());
        assertEquals("docker.io/library/busybox", ImageReference.parse("index.docker.io/busybox").repository());
        assertEquals("docker.io/library/busybox", ImageReference.parse("docker.io/busybox").repository());
        assertEquals("docker.io/example/app", ImageReference.parse("example/app:1").repository());
        assertEquals("localhost/app", ImageReference.parse("localhost/app").repository());
        assertEquals("registry:5000/app", ImageReference.parse("registry:5000/app").repository());
        assertEquals("docker.io/library/busybox:latest", ImageReference.parse("busybox").identity());
    }

    @Test
    void readsADigest() {
        Digest digest = Digest.of(new byte[] {1});
        ImageReference ref = ImageReference.parse("quay.io/a/b/c@" + digest);
        assertEquals("a/b/c", ref.path());
        assertNull(ref.tag());
        assertEquals(digest, ref.digest());
        assertEquals("quay.io/a/b/c@" + digest, ref.identity());
        assertEquals(ref, ImageReference.parse("quay.io/a/b/c:1").withDigest(digest));
    }

    @Test
    void anIdentityNamesATagOrADigestNotBoth() {
        ImageReference both = ImageReference.parse("quay.io/a:1@sha256:" + HEX);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, both::identity);
        assertTrue(e.getMessage().contains("docker reference"), e.getMessage());
    }

    @Test
    void rejectsWhatIsNoReference() {
        for (String bad : new String[] {"", "Upper/Case", "a/../b", "a//b", "r.example/a:-tag", "r.example/a/",
                "r.example/a@sha256:abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageReference.parse(bad, "docker reference"), bad);
            assertTrue(e.getMessage().contains("docker reference"), e.getMessage());
        }
    }

    // IPv6 hosts, as distribution's grammar allows them: [address] with an optional port.

    @Test
    void ipv6Hosts() {
        ImageReference r = ImageReference.parse("[::1]:5000/app:1");
        assertEquals("[::1]:5000", r.domain());
        assertEquals("[::1]:5000", r.registry());
        assertEquals("[::1]:5000", r.apiHost());
        assertEquals("app", r.path());
        assertEquals("[::1]:5000/app:1", r.toString());
        assertEquals("[2001:db8::1]/app", ImageReference.parseImageName("[2001:db8::1]/app").name());
    }

    @Test
    void nameIsAtMost255Characters() {
        String name = "a/".repeat(127) + "a";
        assertEquals(name, ImageReference.parse(name + ":tag").name());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("a/" + name));
    }

    @Test
    void readsBackWhatItWrites() {
        for (String text : new String[] {"busybox", "a/b:1", "[::1]:5000/app@sha256:" + HEX,
                "r.example:1/a:1@sha256:" + HEX}) {
            ImageReference r = ImageReference.parse(text);
            assertEquals(r, ImageReference.parse(r.toString()));
            assertEquals(r.hashCode(), ImageReference.parse(r.toString()).hashCode());
        }
    }
}
