package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolFactsTest {

    /** What kconfig-explain printed for Linux 6.1.192 with NET turned off (trimmed help). */
    static final String OUTPUT = """
            configuration written to /tmp/view.config
            symbol SECCOMP_FILTER
            type bool
            value n
            depends n HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && NET [=n]
            term y HAVE_ARCH_SECCOMP_FILTER [=y]
            term y SECCOMP [=y]
            term n NET [=n]
            end
            unknown SPECULATION_MITIGATIONS
            symbol SLUB
            type bool
            value y
            depends y <choice>
            term y <choice>
            prompt y <choice>
            choice <choice>
            chosen SLUB
            end
            help-begin SECCOMP_FILTER
            CONFIG_SECCOMP_FILTER:

            Enable tasks to build secure computing environments.

            Symbol: SECCOMP_FILTER [=n]
            help-end
            """;

    @Test
    void readsSymbolBlocksUnknownSymbolsAndHelp() {
        Map<String, SymbolFacts> facts = SymbolFacts.parse(OUTPUT);

        assertEquals(List.of("SECCOMP_FILTER", "SPECULATION_MITIGATIONS", "SLUB"), List.copyOf(facts.keySet()));
        SymbolFacts filter = facts.get("SECCOMP_FILTER");
        assertTrue(filter.known());
        assertEquals("bool", filter.type());
        assertEquals("n", filter.value());
        assertEquals(new SymbolFacts.Condition('n', "HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && NET [=n]"),
                filter.depends());
        assertEquals(new SymbolFacts.Condition('n', "NET [=n]"), filter.terms().get(2));
        assertTrue(filter.prompts().isEmpty());
        assertNull(filter.selected());
        assertTrue(filter.help().startsWith("CONFIG_SECCOMP_FILTER:"), filter.help());
        assertTrue(filter.help().endsWith("Symbol: SECCOMP_FILTER [=n]"), filter.help());

        assertFalse(facts.get("SPECULATION_MITIGATIONS").known());
        assertEquals("SLUB", facts.get("SLUB").chosen());
    }

    @Test
    void aMalformedLineIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SymbolFacts.parse("symbol X\nterm q X\nend\n"));
        assertThrows(IllegalArgumentException.class, () -> SymbolFacts.parse("value y\n"));
    }
}
