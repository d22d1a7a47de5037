package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelConfigTest {

    private static final KernelConfig BASE = new KernelConfig("""
            #
            # Automatically generated file; DO NOT EDIT.
            #
            CONFIG_64BIT=y
            # CONFIG_NET is not set
            CONFIG_SLOB=y
            CONFIG_CMDLINE="quiet"
            """);

    @Test
    void anAbsentOptionIsOff() {
        assertTrue(BASE.satisfies(new ConfigOption("KEXEC", "n")), "absent means n");
        assertTrue(BASE.satisfies(new ConfigOption("NET", "n")), "is not set means n");
        assertFalse(BASE.satisfies(new ConfigOption("NET", "y")));
        assertFalse(BASE.satisfies(new ConfigOption("SLOB", "n")));
        assertTrue(BASE.satisfies(new ConfigOption("CMDLINE", "\"quiet\"")));
        assertEquals("n", BASE.value("KEXEC"));
        assertTrue(BASE.written("KEXEC").isEmpty());
    }

    @Test
    void applyingOptionsReplacesTheirLinesAndAppendsThem() {
        KernelConfig merged = BASE.with(List.of(new ConfigOption("NET", "y"), new ConfigOption("SLOB", "n"),
                new ConfigOption("SLUB", "y")));

        assertEquals("""
                #
                # Automatically generated file; DO NOT EDIT.
                #
                CONFIG_64BIT=y
                CONFIG_CMDLINE="quiet"
                # Kimigayo: merged fragments
                CONFIG_NET=y
                # CONFIG_SLOB is not set
                CONFIG_SLUB=y
                """, merged.text());
        assertEquals(List.of("CONFIG_64BIT=y", "CONFIG_CMDLINE=\"quiet\"", "CONFIG_NET=y",
                "# CONFIG_SLOB is not set", "CONFIG_SLUB=y"), merged.optionLines());
    }
}
