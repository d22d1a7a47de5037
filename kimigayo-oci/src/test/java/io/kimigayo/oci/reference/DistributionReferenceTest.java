package io.kimigayo.oci.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * docker/distribution's own reference test cases, read through {@link ImageReference}. The inputs and expectations
 * are those of {@code TestReferenceParse} in {@code reference/reference_test.go} and {@code TestParseRepositoryInfo}
 * and {@code TestValidateReferenceName} in {@code reference/normalize_test.go} (github.com/distribution/distribution,
 * now github.com/distribution/reference), with the normalised name {@code ParseNormalizedNamed} gives
 * ({@code domain/path}) in place of the name as written. Where Kimigayo deliberately differs, the case is in
 * {@link #deviations} with the reason.
 */
class DistributionReferenceTest {

    private static final String INVALID = null;
    private static final String F64 = "f".repeat(64);
    private static final String SHA = "sha256:" + F64;

    static Stream<Arguments> referenceTestGo() {
        return Stream.of(
                valid("test_com", "docker.io/library/test_com", "latest", null),
                valid("test.com:tag", "docker.io/library/test.com", "tag", null),
                valid("test.com:5000", "docker.io/library/test.com", "5000", null),
                valid("test.com/repo:tag", "test.com/repo", "tag", null),
                valid("test:5000/repo", "test:5000/repo", "latest", null),
                valid("test:5000/repo:tag", "test:5000/repo", "tag", null),
                valid("test:5000/repo@" + SHA, "test:5000/repo", null, SHA),
                valid("test:5000/repo:tag@" + SHA, "test:5000/repo", "tag", SHA),
                invalid(""),
                invalid(":justtag"),
                invalid("@" + SHA),
                invalid("repo@sha256:" + "f".repeat(63)),
                invalid("validname@invaliddigest:" + F64),
                invalid("Uppercase:tag"),
                invalid("test:5000/Uppercase/lowercase:tag"),
                valid("lowercase:Uppercase", "docker.io/library/lowercase", "Uppercase", null),
                invalid("a/".repeat(128) + "a:tag"),
                valid("a/".repeat(127) + "a:tag-puts-this-over-max", "docker.io/" + "a/".repeat(127) + "a",
                        "tag-puts-this-over-max", null),
                invalid("aa/asdf$$^/aa"),
                valid("sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com/bar/baz/quux", "latest", null),
                valid("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com/bar/baz/quux", "some-long-tag",
                        null),
                valid("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io/test.example.com/my-app",
                        "test.example.com", null),
                valid("xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com/myimage", "xn--n3h.com", null),
                valid("foo_bar.com:8080", "docker.io/library/foo_bar.com", "8080", null),
                valid("foo/foo_bar.com:8080", "docker.io/foo/foo_bar.com", "8080", null),
                valid("192.168.1.1", "docker.io/library/192.168.1.1", "latest", null),
                valid("192.168.1.1:tag", "docker.io/library/192.168.1.1", "tag", null),
                valid("192.168.1.1:5000", "docker.io/library/192.168.1.1", "5000", null),
                valid("192.168.1.1/repo", "192.168.1.1/repo", "latest", null),
                valid("192.168.1.1:5000/repo", "192.168.1.1:5000/repo", "latest", null),
                valid("192.168.1.1:5000/repo:5050", "192.168.1.1:5000/repo", "5050", null),
                invalid("[2001:db8::1]"),
                invalid("[2001:db8::1]:5000"),
                invalid("[2001:db8::1]:tag"),
                valid("[2001:db8::1]/repo", "[2001:db8::1]/repo", "latest", null),
                valid("[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]/repo", "tag", null),
                valid("[2001:db8::1]:5000/repo", "[2001:db8::1]:5000/repo", "latest", null),
                valid("[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000/repo", "tag", null),
                valid("[2001:db8::1]:5000/repo@" + SHA, "[2001:db8::1]:5000/repo", null, SHA),
                valid("[2001:db8::1]:5000/repo:tag@" + SHA, "[2001:db8::1]:5000/repo", "tag", SHA),
                valid("[2001:db8::]:5000/repo", "[2001:db8::]:5000/repo", "latest", null),
                valid("[::1]:5000/repo", "[::1]:5000/repo", "latest", null),
                invalid("[fe80::1%eth0]:5000/repo"),
                invalid("[fe80::1%@invalidzone]:5000/repo"));
    }

    static Stream<Arguments> normalizeTestGo() {
        return Stream.of(
                valid("fooo/bar", "docker.io/fooo/bar", "latest", null),
                valid("library/ubuntu", "docker.io/library/ubuntu", "latest", null),
                valid("nonlibrary/ubuntu", "docker.io/nonlibrary/ubuntu", "latest", null),
                valid("ubuntu", "docker.io/library/ubuntu", "latest", null),
                valid("other/library", "docker.io/other/library", "latest", null),
                valid("127.0.0.1:8000/private/moonbase", "127.0.0.1:8000/private/moonbase", "latest", null),
                valid("127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase", "latest", null),
                valid("example.com/private/moonbase", "example.com/private/moonbase", "latest", null),
                valid("example.com:8000/privatebase", "example.com:8000/privatebase", "latest", null),
                valid("localhost:8000/private/moonbase", "localhost:8000/private/moonbase", "latest", null),
                valid("localhost/privatebase", "localhost/privatebase", "latest", null),
                valid("docker.io/fooo/bar", "docker.io/fooo/bar", "latest", null),
                valid("index.docker.io/fooo/bar", "docker.io/fooo/bar", "latest", null),
                valid("docker.io/library/ubuntu", "docker.io/library/ubuntu", "latest", null),
                valid("index.docker.io/library/ubuntu", "docker.io/library/ubuntu", "latest", null),
                valid("docker.io/ubuntu", "docker.io/library/ubuntu", "latest", null),
                valid("index.docker.io/ubuntu", "docker.io/library/ubuntu", "latest", null),
                valid("192.168.0.1:80", "docker.io/library/192.168.0.1", "80", null),
                valid("192.168.0.1:8/debian", "192.168.0.1:8/debian", "latest", null),
                valid("192.168.0.2:25000/debian", "192.168.0.2:25000/debian", "latest", null),
                valid("thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
                        "docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "latest",
                        null),
                valid("[fc00::1]:5000/docker", "[fc00::1]:5000/docker", "latest", null),
                valid("[fc00::1]:5000/docker/docker", "[fc00::1]:5000/docker/docker", "latest", null),
                valid("[fc00:1:2:3:4:5:6:7]:5000/debian", "[fc00:1:2:3:4:5:6:7]:5000/debian", "latest", null),
                valid("docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
                        "docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "latest",
                        null),
                invalid("https://github.com/docker/docker"),
                invalid("docker/Docker"),
                invalid("-docker"),
                invalid("-docker/docker"),
                invalid("-docker.io/docker/docker"),
                invalid("docker///docker"),
                invalid("docker.io/docker/Docker"),
                invalid("docker.io/docker///docker"),
                invalid("[fc00::1]"),
                invalid("[fc00::1]:5000"),
                invalid("fc00::1:5000/debian"),
                invalid("[fe80::1%eth0]:5000/debian"),
                invalid("[2001:db8:3:4::192.0.2.33]:5000/debian"));
    }

    /**
     * Where Kimigayo reads a reference otherwise than distribution, on purpose:
     * an upper-case first component is no host (distribution's test marks its reading "FIXME"), Kimigayo reads
     * sha256 digests only, and a bare 64-hex name is a name (distribution refuses it only to avoid confusing it
     * with an image ID, which Kimigayo has no use for).
     */
    static Stream<Arguments> deviations() {
        return Stream.of(
                invalid("Uppercase/lowercase:tag"),
                invalid("xn--7o8h.com/myimage:xn--7o8h.com@sha512:" + F64),
                valid("1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
                        "docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "latest",
                        null));
    }

    @ParameterizedTest
    @MethodSource({"referenceTestGo", "normalizeTestGo", "deviations"})
    void readsAsDistributionDoes(String input, String repository, String tag, String digest) {
        if (repository == INVALID) {
            assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(input));
            return;
        }
        ImageReference reference = ImageReference.parse(input);
        assertEquals(repository, reference.repository());
        assertEquals(tag, reference.tag());
        if (digest == null) {
            assertNull(reference.digest());
        } else {
            assertEquals(digest, reference.digest().toString());
        }
        assertEquals(reference, ImageReference.parse(reference.toString()), "reads back as written");
    }

    private static Arguments valid(String input, String repository, String tag, String digest) {
        return arguments(input, repository, tag, digest);
    }

    private static Arguments invalid(String input) {
        return arguments(input, INVALID, null, null);
    }
}
