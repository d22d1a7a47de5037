package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of what became of the fragments, given a final configuration and Kconfig's facts. */
class KernelConfiguratorTest {

    private static final ConfigFragment HARDENING = ConfigFragment.parse("hardening", ConfigFragment.Kind.HARDENING,
            "CONFIG_NET=y\nCONFIG_SECCOMP=y\nCONFIG_SECCOMP_FILTER=y\n");

    @Test
    void aUserFragmentTurningAHardeningOptionOffFailsTheBuild() {
        ConfigFragment user = ConfigFragment.parse("src/kernel/nonet.config", ConfigFragment.Kind.USER,
                "# CONFIG_NET is not set\nCONFIG_USB_STORAGE=y\n");
        KernelConfig result = new KernelConfig("# CONFIG_NET is not set\nCONFIG_SECCOMP=y\n");
        Map<String, SymbolFacts> facts = SymbolFacts.parse(SymbolFactsTest.OUTPUT + """
                symbol USB_STORAGE
                type tristate
                value n
                depends n USB_SUPPORT [=n] && USB [=n] && SCSI [=n]
                term n USB_SUPPORT [=n]
                term n USB [=n]
                term n SCSI [=n]
                prompt n USB_SUPPORT [=n] && USB [=n] && SCSI [=n]
                end
                """);

        ConfigReport report = KernelConfigurator.report(FragmentMerge.of(List.of(HARDENING, user)), result,
                new KconfigExplainer.Explanation(Optional.of(facts), null));

        assertEquals(List.of(
                "CONFIG_SECCOMP_FILTER=y (hardening:3) did not stick: it is not set; unmet dependency: NET [=n] "
                        + "(depends on HAVE_ARCH_SECCOMP_FILTER [=y] && SECCOMP [=y] && NET [=n])",
                "CONFIG_USB_STORAGE=y (src/kernel/nonet.config:2) did not stick: it is not set; unmet dependency: "
                        + "USB_SUPPORT [=n] && USB [=n] && SCSI [=n]",
                "CONFIG_NET=y (hardening:1) did not stick: it is not set; overridden by # CONFIG_NET is not set "
                        + "(src/kernel/nonet.config:1)"),
                report.findings().stream().map(ConfigFinding::describe).toList());
        assertEquals(List.of("SECCOMP_FILTER", "NET"), report.failing().stream().map(f -> f.request().option()
                .name()).toList());
        assertEquals(List.of("SECCOMP=y", "NET=n"), report.applied().stream().map(r -> r.option().name() + "="
                + r.option().value()).toList());
        assertTrue(report.explained());
    }

    @Test
    void withoutKconfigsFactsTheOptionsAreStillReported() {
        ConfigReport report = KernelConfigurator.report(FragmentMerge.of(List.of(HARDENING)),
                new KernelConfig("CONFIG_NET=y\nCONFIG_SECCOMP=y\n"),
                new KconfigExplainer.Explanation(Optional.empty(), "kconfig-explain could not be built"));

        assertEquals(1, report.findings().size());
        assertEquals("Kconfig gave it another value (no explanation available)", report.findings().get(0).reason());
        assertFalse(report.explained());
        assertEquals("kconfig-explain could not be built", report.unexplained());
    }

    @Test
    void everythingStuck() {
        ConfigReport report = KernelConfigurator.report(FragmentMerge.of(List.of(HARDENING)),
                new KernelConfig("CONFIG_NET=y\nCONFIG_SECCOMP=y\nCONFIG_SECCOMP_FILTER=y\n"),
                new KconfigExplainer.Explanation(Optional.of(Map.of()), null));
        assertTrue(report.findings().isEmpty());
        assertEquals(3, report.applied().size());
    }
}
