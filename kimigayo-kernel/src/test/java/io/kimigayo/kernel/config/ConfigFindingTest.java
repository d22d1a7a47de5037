package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFindingTest {

    private static SymbolFacts.Condition c(char value, String expression) {
        return new SymbolFacts.Condition(value, expression);
    }

    private static SymbolFacts symbol(String name, String type, SymbolFacts.Condition depends,
                                      List<SymbolFacts.Condition> terms, List<SymbolFacts.Condition> prompts,
                                      SymbolFacts.Condition selected) {
        return new SymbolFacts(name, true, type, "n", depends, terms, prompts, selected, null, null, null, "");
    }

    private static ConfigRequest asked(String name, String value, ConfigFragment.Kind kind) {
        return new ConfigRequest(new ConfigOption(name, value), kind == ConfigFragment.Kind.USER ? "usb.config"
                : kind.id(), kind, 7);
    }

    @Test
    void anUnmetDependencyNamesTheConjunctsThatAreOff() {
        SymbolFacts facts = symbol("SECCOMP_FILTER", "bool",
                c('n', "HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && NET [=n]"),
                List.of(c('y', "HAVE_ARCH_SECCOMP_FILTER [=y]"), c('y', "SECCOMP [=y]"), c('n', "NET [=n]")),
                List.of(c('n', "HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && NET [=n]")), null);
        ConfigFinding f = ConfigFinding.explain(asked("SECCOMP_FILTER", "y", ConfigFragment.Kind.HARDENING), "n",
                facts);

        assertEquals("unmet dependency: NET [=n] (depends on HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && "
                + "NET [=n])", f.reason());
        assertEquals("CONFIG_SECCOMP_FILTER=y (hardening:7) did not stick: it is not set; unmet dependency: "
                + "NET [=n] (depends on HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && NET [=n])", f.describe());
        assertTrue(f.fails(), "a hardening option that did not stick fails the build");
    }

    @Test
    void aUserOptionThatDidNotStickIsReportedButDoesNotFail() {
        SymbolFacts facts = symbol("USB_STORAGE", "tristate", c('n', "USB_SUPPORT [=n] && USB [=n] && SCSI [=n]"),
                List.of(c('n', "USB_SUPPORT [=n]"), c('n', "USB [=n]"), c('n', "SCSI [=n]")),
                List.of(c('n', "USB_SUPPORT [=n] && USB [=n] && SCSI [=n]")), null);
        ConfigFinding f = ConfigFinding.explain(asked("USB_STORAGE", "y", ConfigFragment.Kind.USER), "n", facts);

        assertEquals("unmet dependency: USB_SUPPORT [=n] && USB [=n] && SCSI [=n]", f.reason());
        assertFalse(f.fails());
        assertFalse(ConfigFinding.explain(asked("X", "y", ConfigFragment.Kind.BASELINE), "n", facts).fails());
    }

    @Test
    void aVisiblePromptMeansTheDependencyIsNotTheReason() {
        // CPU_MITIGATIONS in 6.1 is defined twice; one definition depends on !ARCH_CONFIGURES_CPU_MITIGATIONS.
        SymbolFacts facts = new SymbolFacts("CPU_MITIGATIONS", true, "bool", "n",
                c('n', "!ARCH_CONFIGURES_CPU_MITIGATIONS [=y]"), List.of(c('n', "!ARCH_CONFIGURES_CPU_MITIGATIONS "
                + "[=y]")), List.of(c('y', "y")), null, null, null, null, "");
        assertEquals("Kconfig gave it n",
                ConfigFinding.explain(asked("CPU_MITIGATIONS", "y", ConfigFragment.Kind.HARDENING), "n", facts)
                        .reason());
    }

    @Test
    void otherReasons() {
        assertEquals("no such option in this kernel's Kconfig", ConfigFinding.reason(new ConfigOption("NOPE", "y"),
                "n", new SymbolFacts("NOPE", false, null, null, null, List.of(), List.of(), null, null, null, null,
                        "")));
        assertEquals("it is selected by X86_64 [=y]", ConfigFinding.reason(new ConfigOption("GENERIC_BUG", "n"),
                "y", symbol("GENERIC_BUG", "bool", null, List.of(), List.of(), c('y', "X86_64 [=y]"))));
        assertEquals("it has no prompt: Kconfig sets it only from defaults and selects",
                ConfigFinding.reason(new ConfigOption("OBJTOOL", "y"), "n",
                        symbol("OBJTOOL", "bool", null, List.of(), List.of(), null)));
        assertEquals("it cannot be turned off here: its prompt is visible only if EXPERT [=n]",
                ConfigFinding.reason(new ConfigOption("PRINTK", "n"), "y", symbol("PRINTK", "bool", null,
                        List.of(), List.of(c('n', "EXPERT [=n]")), null)));
        assertEquals("it cannot be set here: its prompt is visible only if EXPERT [=n]",
                ConfigFinding.reason(new ConfigOption("UNIX98_PTYS", "y"), "n", symbol("UNIX98_PTYS", "bool", null,
                        List.of(), List.of(c('n', "EXPERT [=n]")), null)));
        assertEquals("its choice settled on SLAB (one value of a choice is y)",
                ConfigFinding.reason(new ConfigOption("SLUB", "y"), "n", new SymbolFacts("SLUB", true, "bool",
                        "n", c('y', "<choice>"), List.of(), List.of(c('y', "<choice>")), null, "<choice>", "SLAB",
                        null, "")));
        assertEquals("m needs loadable module support (CONFIG_MODULES=y)",
                ConfigFinding.reason(new ConfigOption("EXT4_FS", "m"), "y", symbol("EXT4_FS", "tristate",
                        c('y', "BLOCK [=y]"), List.of(c('y', "BLOCK [=y]")), List.of(c('y', "BLOCK [=y]")), null)));
        assertEquals("Kconfig gave it another value (no explanation available)",
                ConfigFinding.reason(new ConfigOption("X", "y"), "n", null));
    }
}
