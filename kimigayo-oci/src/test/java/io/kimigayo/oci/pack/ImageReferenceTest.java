package io.kimigayo.oci.pack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {

    @Test
    void nameAndTag() {
        ImageReference r = ImageReference.parse("example/hello:1.0");
        assertEquals("example/hello", r.repository());
        assertEquals("1.0", r.tag());
        assertEquals("example/hello:1.0", r.toString());
    }

    @Test
    void tagDefaultsToLatest() {
        ImageReference r = ImageReference.parse("example/hello");
        assertEquals("example/hello", r.repository());
        assertEquals("latest", r.tag());
        assertEquals(new ImageReference("hello", "latest"), ImageReference.parse(" hello "));
    }

    @Test
    void registryWithPort() {
        ImageReference r = ImageReference.parse("localhost:5000/a/b:t");
        assertEquals("localhost:5000/a/b", r.repository());
        assertEquals("t", r.tag());
        ImageReference noTag = ImageReference.parse("localhost:5000/a/b");
        assertEquals("localhost:5000/a/b", noTag.repository());
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
    void validNames(String text, String repository, String tag) {
        ImageReference r = ImageReference.parse(text);
        assertEquals(repository, r.repository());
        assertEquals(tag, r.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Example/hello:1.0", "example/Hello", "UPPER", "example//hello", "/hello", "hello/",
            "-hello", "hello-", "he..llo", "hello_", "hello world", "", "example/hello@sha256:abc",
            "registry:port/app"})
    void badNamesAreRejectedNamingTheInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
    }

    @Test
    void uppercaseComponentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse("example/Hello:1.0"));
        assertTrue(e.getMessage().startsWith("image name 'example/Hello:1.0': 'Hello' is not a valid name component"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example/hello:", "example/hello:-x", "example/hello:.x", "example/hello:a+b"})
    void badTagsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().contains("tag '"), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void tagMayBe128CharactersNotMore() {
        String ok = "t".repeat(128);
        assertEquals(ok, ImageReference.parse("a:" + ok).tag());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("a:" + ok + "x"));
    }

    @Test
    void nullIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(null));
        assertTrue(e.getMessage().contains("image name"), e.getMessage());
    }

    @Test
    void withTagKeepsTheRepositoryAndChecksTheTag() {
        ImageReference r = ImageReference.parse("localhost:5000/a/b:t");
        assertEquals("localhost:5000/a/b:stable", r.withTag("stable").toString());
        assertThrows(IllegalArgumentException.class, () -> r.withTag("bad tag"));
        assertThrows(IllegalArgumentException.class, () -> new ImageReference("a", null));
    }
}
