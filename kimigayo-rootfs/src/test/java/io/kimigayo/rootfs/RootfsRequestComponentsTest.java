package io.kimigayo.rootfs;

import io.kimigayo.rootfs.assemble.Variant;
import io.kimigayo.rootfs.nativebuild.NativeBuildSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which components a rootfs has: {@link RootfsRequest#includes}, the variant's default and the user's choice. */
class RootfsRequestComponentsTest {

    private static RootfsRequest request(Variant variant, Map<String, Boolean> included) {
        return RootfsRequest.builder(variant, "x86_64", Instant.EPOCH, Path.of("out"))
                .nativeBuild(NativeBuildSettings.builder().cacheDirectory(Path.of("cache"))
                        .logDirectory(Path.of("logs")).build())
                .included(included)
                .build();
    }

    @Test
    void standardHasTheOptionalComponentsAndMinimalDoesNot() {
        for (String component : RootfsRequest.OPTIONAL_COMPONENTS) {
            assertTrue(request(Variant.STANDARD, null).includes(component), component);
            assertFalse(request(Variant.MINIMAL, Map.of()).includes(component), component);
        }
        for (String component : RootfsRequest.BASE_COMPONENTS) {
            assertTrue(request(Variant.MINIMAL, null).includes(component), component);
        }
        assertEquals(java.util.List.of("ca-certificates", "tzdata"), RootfsRequest.OPTIONAL_COMPONENTS);
    }

    @Test
    void theUsersChoiceWinsOverTheVariantsDefault() {
        RootfsRequest minimal = request(Variant.MINIMAL, Map.of("tzdata", true));
        assertTrue(minimal.includes("tzdata"));
        assertFalse(minimal.includes("ca-certificates"));
        RootfsRequest standard = request(Variant.STANDARD, Map.of("ca-certificates", false));
        assertFalse(standard.includes("ca-certificates"));
        assertTrue(standard.includes("tzdata"));
        Map<String, Boolean> unset = new HashMap<>();
        unset.put("tzdata", null);
        assertTrue(request(Variant.STANDARD, unset).includes("tzdata"), "no choice: the default");
        assertTrue(request(Variant.STANDARD, Map.of("musl", true)).includes("musl"), "musl in: as always");
    }

    @Test
    void muslAndBusyboxCannotBeLeftOut() {
        for (String base : RootfsRequest.BASE_COMPONENTS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> request(Variant.STANDARD, Map.of(base, false)));
            assertEquals("the component " + base + " cannot be left out: every rootfs has musl and busybox; remove "
                    + "its <include>false</include> (only ca-certificates and tzdata are optional)", e.getMessage());
        }
    }

    @Test
    void anUnknownComponentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> request(Variant.MINIMAL, Map.of("openssl", true)));
        assertEquals("unknown component 'openssl'; the optional components are [ca-certificates, tzdata]",
                e.getMessage());
    }
}
