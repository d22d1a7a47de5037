package io.kimigayo.oci.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformTest {

    @Test
    void x86_64IsAmd64WithoutVariant() {
        Platform p = Platform.parse("linux/x86_64");
        assertEquals("amd64", p.architecture());
        assertEquals("linux", p.os());
        assertNull(p.variant());
        assertEquals(Platform.parse("linux/amd64"), p);
        assertEquals("linux/amd64", p.toString());
    }

    @Test
    void aarch64IsArm64V8() {
        Platform p = Platform.parse("linux/aarch64");
        assertEquals(new Platform("arm64", "linux", "v8"), p);
        assertEquals(Platform.parse("linux/arm64"), p);
        assertEquals(Platform.parse("linux/arm64/v8"), p);
        assertEquals("linux/arm64/v8", p.toString());
    }

    @Test
    void explicitVariantIsKept() {
        assertEquals(new Platform("amd64", "linux", "v3"), Platform.parse(" linux/amd64/v3 "));
        assertEquals(new Platform("arm64", "linux", "v9"), Platform.parse("linux/aarch64/v9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "amd64", "linux/", "/amd64", "linux/amd64/v8/x", ""})
    void malformedPlatformsAreRejectedWithTheForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(text));
        assertEquals("platform '" + text + "': write os/arch[/variant], e.g. linux/amd64", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows/amd64", "darwin/arm64", "Linux/amd64"})
    void otherOperatingSystemsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(text));
        assertEquals("platform '" + text + "': Kimigayo OS images are linux images", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"riscv64", "arm", "386", "i686", "ppc64le", "AMD64"})
    void otherArchitecturesAreRejectedNamingThem(String arch) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Platform.parse("linux/" + arch));
        assertTrue(e.getMessage().startsWith("architecture '" + arch + "' is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("amd64 (x86_64) and arm64 (aarch64)"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "linux/amd64, linux/amd64, true",
            "linux/amd64, linux/x86_64, true",
            "linux/amd64, linux/arm64, false",
            "linux/arm64, linux/arm64/v8, true",
            "linux/arm64/v8, linux/arm64/v9, false",
            "linux/amd64, linux/amd64/v3, true",
            "linux/amd64/v2, linux/amd64/v3, false"})
    void matches(String self, String other, boolean expected) {
        assertEquals(expected, Platform.parse(self).matches(Platform.parse(other)));
        assertEquals(expected, Platform.parse(other).matches(Platform.parse(self)), "symmetric");
    }

    @Test
    void missingVariantMatchesAnyAndNullNeverMatches() {
        Platform noVariant = new Platform("arm64", "linux", null);
        assertTrue(noVariant.matches(new Platform("arm64", "linux", "v8")));
        assertTrue(new Platform("arm64", "linux", "v8").matches(noVariant));
        assertFalse(noVariant.matches(null));
        assertFalse(noVariant.matches(new Platform("arm64", "freebsd", null)));
    }

    @Test
    void hostPlatformIsOneKimigayoBuilds() {
        String arch = System.getProperty("os.arch");
        Platform host = Platform.host();
        assertEquals("linux", host.os());
        assertEquals(Platform.parse("linux/" + arch), host);
    }
}
