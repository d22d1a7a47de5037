package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FragmentMergeTest {

    private static final ConfigFragment HARDENING = ConfigFragment.parse("hardening", ConfigFragment.Kind.HARDENING,
            "CONFIG_NET=y\nCONFIG_SECCOMP=y\n# CONFIG_KEXEC is not set\n");
    private static final ConfigFragment USER = ConfigFragment.parse("net.config", ConfigFragment.Kind.USER,
            "# CONFIG_NET is not set\nCONFIG_SECCOMP=y\nCONFIG_INET=y\n");

    @Test
    void theLastFragmentNamingAnOptionWins() {
        FragmentMerge merge = FragmentMerge.of(List.of(HARDENING, USER));

        assertEquals(List.of("KEXEC=n hardening:3", "NET=n net.config:1", "SECCOMP=y net.config:2",
                        "INET=y net.config:3"),
                merge.requests().stream().map(r -> r.option().name() + "=" + r.option().value() + " " + r.where())
                        .toList());
        assertEquals(List.of(new ConfigOption("KEXEC", "n"), new ConfigOption("NET", "n"),
                new ConfigOption("SECCOMP", "y"), new ConfigOption("INET", "y")), merge.options());
    }

    @Test
    void onlyAChangedValueCountsAsAnOverride() {
        List<FragmentMerge.OptionOverride> overrides = FragmentMerge.of(List.of(HARDENING, USER)).overrides();

        assertEquals(1, overrides.size(), overrides.toString());
        assertEquals("CONFIG_NET=n (net.config:1) overrides y (hardening:1)", overrides.get(0).toString());
    }
}
