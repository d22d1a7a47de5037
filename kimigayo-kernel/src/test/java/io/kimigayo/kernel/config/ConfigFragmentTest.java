package io.kimigayo.kernel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFragmentTest {

    @Test
    void readsSetAndNotSetLinesWithTheirLineNumbers() {
        ConfigFragment f = ConfigFragment.parse("serial.config", ConfigFragment.Kind.USER, """
                # a comment
                CONFIG_SERIAL_8250=y

                # CONFIG_KEXEC is not set
                CONFIG_CMDLINE="console=ttyS0 quiet"
                CONFIG_NR_CPUS=4
                CONFIG_USELIB=n
                """);
        assertEquals(List.of(
                new ConfigFragment.Entry(new ConfigOption("SERIAL_8250", "y"), 2),
                new ConfigFragment.Entry(new ConfigOption("KEXEC", "n"), 4),
                new ConfigFragment.Entry(new ConfigOption("CMDLINE", "\"console=ttyS0 quiet\""), 5),
                new ConfigFragment.Entry(new ConfigOption("NR_CPUS", "4"), 6),
                new ConfigFragment.Entry(new ConfigOption("USELIB", "n"), 7)), f.entries());
        assertEquals("# CONFIG_USELIB is not set", f.entries().get(4).option().line());
        assertEquals("CONFIG_CMDLINE=\"console=ttyS0 quiet\"", f.entries().get(2).option().line());
    }

    @Test
    void aLineThatIsNoKconfigLineIsRefusedWithFragmentAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigFragment.parse(
                "usb.config", ConfigFragment.Kind.USER, "CONFIG_USB=y\nUSB_STORAGE=y\n"));
        assertTrue(e.getMessage().startsWith("usb.config:2: 'USB_STORAGE=y' is not a Kconfig line"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> ConfigFragment.parse("x.config",
                ConfigFragment.Kind.USER, "CONFIG_EMPTY=\n"));
        assertTrue(e.getMessage().startsWith("x.config:1:"), e.getMessage());
    }
}
