package io.kimigayo.kernel.boot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** What {@code boot.json} says about a boot check. */
@JsonPropertyOrder({"kernel", "initramfs", "arch", "machine", "accelerator", "kvmProbe", "cpu", "memoryMiB",
        "commandLine", "timeToMarkerMillis", "timeToExitMillis", "console", "checks"})
public record BootManifest(String kernel, String initramfs, String arch, String machine, String accelerator,
                           String kvmProbe, String cpu, int memoryMiB, String commandLine, long timeToMarkerMillis,
                           long timeToExitMillis, String console, List<Check> checks) {

    /** One in-guest check: what was expected and what the guest reported. */
    @JsonPropertyOrder({"name", "expected", "actual", "passed"})
    public record Check(String name, String expected, String actual, boolean passed) {
    }
}
