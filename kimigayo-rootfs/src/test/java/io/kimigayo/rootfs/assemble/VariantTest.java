package io.kimigayo.rootfs.assemble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantTest {

    @Test
    void parsesTheAvailableVariants() {
        assertEquals(Variant.MINIMAL, Variant.parse("minimal"));
        assertEquals(Variant.STANDARD, Variant.parse("standard"));
        assertEquals(Variant.STANDARD, Variant.parse(" Standard "));
        assertEquals(Variant.MINIMAL, Variant.parse("MINIMAL"));
    }

    @Test
    void idIsTheLowerCaseName() {
        assertEquals("minimal", Variant.MINIMAL.id());
        assertEquals("standard", Variant.STANDARD.id());
        assertEquals("extended", Variant.EXTENDED.id());
    }

    @Test
    void extendedIsRefusedNotReplaced() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("extended"));
        assertEquals("variant 'extended' is not available yet; choose minimal or standard", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("Extended"));
    }

    @Test
    void unknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("maximal"));
        assertEquals("unknown variant 'maximal'; choose minimal or standard", e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Variant.parse(""));
        assertTrue(empty.getMessage().startsWith("unknown variant ''"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Variant.parse(null));
    }
}
