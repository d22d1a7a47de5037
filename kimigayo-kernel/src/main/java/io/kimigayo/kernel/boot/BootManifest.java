package io.kimigayo.kernel.boot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What {@code boot.json} says about a boot check. {@code timeToInitMillis} is when the kernel started {@code /init}
 * (its "Run /init as init process" line; -1 when it printed none), the kernel's own part of the time to the marker.
 */
@JsonPropertyOrder({"kernel", "initramfs", "arch", "machine", "accelerator", "kvmProbe", "cpu", "memoryMiB",
        "commandLine", "timeToInitMillis", "timeToMarkerMillis", "timeToExitMillis", "console", "checks"})
public record BootManifest(String kernel, String initramfs, String arch, String machine, String accelerator,
                           String kvmProbe, String cpu, int memoryMiB, String commandLine, long timeToMarkerMillis,
                           long timeToExitMillis, String console, List<Check> checks, long timeToInitMillis) {

    /** One in-guest check: what was expected and what the guest reported. */
    @JsonPropertyOrder({"name", "expected", "actual", "passed"})
    public record Check(String name, String expected, String actual, boolean passed) {
    }
}
