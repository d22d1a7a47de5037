package io.kimigayo.rootfs.assemble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantTest {

    @Test
    void parsesTheAvailableVariants() {
        assertEquals(Variant.MINIMAL, Variant.parse("minimal"));
        assertEquals(Variant.STANDARD, Variant.parse("standard"));
        assertEquals(Variant.STANDARD, Variant.parse(" Standard "));
        assertEquals(Variant.MINIMAL, Variant.parse("MINIMAL"));
        assertEquals(Variant.EXTENDED, Variant.parse("extended"));
        assertEquals(Variant.EXTENDED, Variant.parse(" Extended"));
    }

    @Test
    void idIsTheLowerCaseName() {
        assertEquals("minimal", Variant.MINIMAL.id());
        assertEquals("standard", Variant.STANDARD.id());
        assertEquals("extended", Variant.EXTENDED.id());
    }

    @Test
    void extendedAndStandardCarryWhatStandardDoes() {
        assertTrue(Variant.STANDARD.includesStandard());
        assertTrue(Variant.EXTENDED.includesStandard());
        assertFalse(Variant.MINIMAL.includesStandard());
    }

    @Test
    void unknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("maximal"));
        assertEquals("unknown variant 'maximal'; choose minimal, standard, extended", e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Variant.parse(""));
        assertTrue(empty.getMessage().startsWith("unknown variant ''"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Variant.parse(null));
    }
}
