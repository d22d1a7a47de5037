package io.kimigayo.kernel.boot;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BootRequestTest {

    private static BootRequest withTimeout(Duration timeout) {
        return new BootRequest("x86_64", Path.of("bzImage"), Path.of("initramfs.cpio.gz"), timeout, null, null, 0,
                Path.of("boot"), null);
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        BootRequest request = withTimeout(null);
        assertEquals(Duration.ofSeconds(60), request.timeout());
        assertEquals("microvm", request.machine());
        assertEquals(256, request.memoryMiB());
        assertEquals(Accel.AUTO, request.accel());
    }

    @Test
    void theDefaultMachineIsTheArchs() {
        assertEquals("virt", new BootRequest("arm64", Path.of("Image"), Path.of("initramfs.cpio.gz"), null, null, " ",
                0, Path.of("boot"), null).machine());
        assertEquals("pc", new BootRequest("aarch64", Path.of("Image"), Path.of("initramfs.cpio.gz"), null, null,
                " pc ", 0, Path.of("boot"), null).machine());
    }

    @Test
    void aTimeoutUnderASecondIsRefusedWithTheFix() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withTimeout(bad));
            assertEquals("timeout " + bad.toSeconds() + ": give the seconds the boot may take", e.getMessage());
        }
    }
}
