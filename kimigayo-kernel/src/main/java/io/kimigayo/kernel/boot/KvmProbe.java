package io.kimigayo.kernel.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Finds out whether KVM works for an ordinary guest, by trying: a quick boot of the kernel under KVM that is
 * stopped as soon as the kernel prints its first line. A {@code /dev/kvm} that exists is not enough: on some hosts
 * (nested PVM) QEMU opens it and the guest then never runs.
 */
final class KvmProbe {

    /** Whether KVM works, and what the probe saw. */
    record Result(boolean works, String detail) {
    }

    private KvmProbe() {
    }

    static Result probe(QemuCommand command, Path log, Duration wait) throws IOException {
        Path kvm = Path.of("/dev/kvm");
        if (!Files.exists(kvm)) {
            return new Result(false, "there is no /dev/kvm");
        }
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return new Result(false, "/dev/kvm is not readable and writable by this user");
        }
        QemuRun run = QemuRun.run(command.arguments(), log, wait, line -> line.contains("Linux version"));
        if (run.stopped()) {
            long ms = run.lines().get(run.lines().size() - 1).nanos() / 1_000_000;
            return new Result(true, "the kernel printed its first line under KVM after " + ms + " ms");
        }
        if (run.timedOut()) {
            return new Result(false, "no console output within " + wait.toSeconds() + " s under KVM");
        }
        String last = run.lines().isEmpty() ? "no output" : run.lines().get(run.lines().size() - 1).text();
        return new Result(false, "QEMU stopped under KVM (code " + run.exitCode() + "): " + last);
    }
}
