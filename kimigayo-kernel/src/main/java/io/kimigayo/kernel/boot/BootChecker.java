package io.kimigayo.kernel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kimigayo.core.output.AtomicFiles;
import io.kimigayo.kernel.build.KernelArch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boots a kernel with an initramfs in QEMU and checks that the system comes up: the library entry point behind the
 * {@code boot-check} goal.
 *
 * <p>A small overlay ({@link BootOverlay}) appended to a copy of the initramfs makes init run a check script once
 * the system is up; it prints a marker unique to this boot, reports ASLR, the seccomp fields of
 * {@code /proc/self/status}, the kernel release and the machine, and reboots, which ends QEMU ({@code -no-reboot}).
 * The check fails on a kernel panic, on the timeout, when the marker never comes, or when what the guest reports is
 * not what the kernel promises; the message shows the console's last lines. With {@code accel=auto}, KVM is used
 * only when the guest is of the host's machine and a quick probe boot shows that it works; another machine's kernel (aarch64 on an
 * x86_64 host) boots under TCG.
 */
public final class BootChecker {

    public static final String JSON = "boot.json";
    public static final String CONSOLE = "console.log";
    public static final String INITRD = "boot-check-initrd.img";

    /** How long a KVM probe waits for the kernel's first console line. */
    static final Duration PROBE = Duration.ofSeconds(3);

    private static final int TAIL = 25;

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public BootResult check(BootRequest request) throws IOException {
        KernelArch arch = KernelArch.parse(request.arch());
        requireQemu(arch);
        if (!Files.isRegularFile(request.kernel())) {
            throw new BootCheckException("kernel " + request.kernel() + " does not exist; run compile-kernel first "
                    + "or name another kernel");
        }
        if (!Files.isRegularFile(request.initramfs())) {
            throw new BootCheckException("initramfs " + request.initramfs() + " does not exist; run build-rootfs "
                    + "first or name another initramfs");
        }
        Path out = Files.createDirectories(request.outputDirectory());
        byte[] nonceBytes = new byte[6];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        byte[] product = Files.readAllBytes(request.initramfs());
        byte[] overlay = BootOverlay.overlay(InitramfsReader.read(product, request.initramfs().toString()), nonce);
        Path initrd = out.resolve(INITRD);
        Path temp = AtomicFiles.createTemp(out, ".initrd-");
        Files.write(temp, BootOverlay.append(product, overlay));
        AtomicFiles.moveIntoPlace(temp, initrd);

        Accel accel = request.accel();
        String probe = "not probed (accel=" + accel.id() + ")";
        KernelArch host = hostArch();
        if (accel != Accel.TCG && !arch.equals(host)) {
            String why = "KVM runs guests of this machine's own architecture only; this is " + hostName(host)
                    + ", the kernel " + arch.id();
            if (accel == Accel.KVM) {
                throw new BootCheckException("accel=kvm: " + why + ". Use accel=auto or accel=tcg");
            }
            probe = "not probed: " + why;
            accel = Accel.TCG;
            request.progress().accept("boot-check: " + why + "; using TCG");
        } else if (accel != Accel.TCG) {
            KvmProbe.Result kvm = KvmProbe.probe(new QemuCommand(arch, request.machine(), Accel.KVM,
                    request.memoryMiB(), request.kernel(), initrd), out.resolve("kvm-probe.log"), PROBE);
            probe = kvm.detail();
            if (kvm.works()) {
                accel = Accel.KVM;
            } else if (accel == Accel.KVM) {
                throw new BootCheckException("accel=kvm, but KVM does not work here: " + kvm.detail()
                        + ". Use accel=auto (falls back to TCG) or accel=tcg");
            } else {
                accel = Accel.TCG;
                request.progress().accept("boot-check: KVM is not usable (" + kvm.detail() + "); using TCG");
            }
        }
        QemuCommand command = new QemuCommand(arch, request.machine(), accel, request.memoryMiB(), request.kernel(),
                initrd);
        request.progress().accept("boot-check: " + arch.qemu() + " -machine " + request.machine() + " -accel "
                + accel.id() + ": " + request.kernel().getFileName() + " + " + request.initramfs().getFileName()
                + " (+ check overlay), timeout " + request.timeout().toSeconds() + " s");
        Path console = out.resolve(CONSOLE);
        QemuRun run = QemuRun.run(command.arguments(), console, request.timeout(), line -> false);

        String prefix = BootOverlay.prefix(nonce);
        Map<String, String> guest = new LinkedHashMap<>();
        long marker = -1;
        long init = -1;
        String panic = null;
        for (QemuRun.Line line : run.lines()) {
            if (init < 0 && line.text().contains("Run /init as init process")) {
                init = line.nanos();
            }
            int at = line.text().indexOf(prefix);
            if (at >= 0) {
                String report = line.text().substring(at + prefix.length()).strip();
                if (report.equals("up") && marker < 0) {
                    marker = line.nanos();
                }
                int eq = report.indexOf('=');
                guest.put(eq < 0 ? report : report.substring(0, eq), eq < 0 ? "" : report.substring(eq + 1));
            } else if (panic == null && line.text().contains("Kernel panic - not syncing")) {
                panic = line.text().strip();
            }
        }
        String failure = null;
        if (panic != null) {
            failure = "the kernel panicked: " + panic;
        } else if (run.timedOut()) {
            failure = marker < 0 ? "the marker did not appear within " + request.timeout().toSeconds() + " s"
                    : "the guest reached the marker after " + millis(marker) + " ms but did not reboot within "
                    + request.timeout().toSeconds() + " s";
        } else if (marker < 0) {
            failure = "QEMU exited (code " + run.exitCode() + ") before the marker appeared";
        } else if (run.exitCode() != 0) {
            failure = "QEMU exited with code " + run.exitCode();
        }
        if (failure != null) {
            throw failed(failure, run, console);
        }
        List<BootManifest.Check> checks = checks(guest, expectedRelease(request.kernel()), arch);
        List<String> failed = checks.stream().filter(c -> !c.passed())
                .map(c -> c.name() + ": expected " + c.expected() + ", the guest reported '" + c.actual() + "'")
                .toList();
        if (!failed.isEmpty()) {
            throw failed("the system came up, but the kernel does not keep its promises:\n  "
                    + String.join("\n  ", failed), run, console);
        }
        BootManifest manifest = new BootManifest(request.kernel().toString(), request.initramfs().toString(),
                arch.id(), request.machine(), accel.id(), probe, command.cpu(), request.memoryMiB(),
                command.kernelCommandLine(), millis(marker), millis(run.exitNanos()), console.toString(), checks,
                init < 0 ? -1 : millis(init));
        Path json = out.resolve(JSON);
        Path jsonTemp = AtomicFiles.createTemp(out, ".boot-");
        Files.write(jsonTemp, JSON_MAPPER.writeValueAsBytes(manifest));
        AtomicFiles.moveIntoPlace(jsonTemp, json);
        return new BootResult(json, console, manifest);
    }

    /** The checks of what the kernel promises, judged on what the guest reported. */
    static List<BootManifest.Check> checks(Map<String, String> guest, Optional<String> expectedRelease,
                                           KernelArch arch) {
        List<BootManifest.Check> checks = new ArrayList<>();
        String aslr = guest.getOrDefault("randomize_va_space", "");
        checks.add(new BootManifest.Check("ASLR (/proc/sys/kernel/randomize_va_space)", "2", aslr, aslr.equals("2")));
        String seccompField = guest.keySet().stream().filter(k -> k.startsWith("status:Seccomp:")).findFirst()
                .map(k -> k.substring("status:".length())).orElse("");
        String filtersField = guest.keySet().stream().filter(k -> k.startsWith("status:Seccomp_filters:"))
                .findFirst().map(k -> k.substring("status:".length())).orElse("");
        checks.add(new BootManifest.Check("seccomp (/proc/self/status Seccomp)", "Seccomp:<mode>", seccompField,
                !seccompField.isEmpty()));
        checks.add(new BootManifest.Check("seccomp filters (/proc/self/status Seccomp_filters)",
                "Seccomp_filters:<count>", filtersField, !filtersField.isEmpty()));
        String release = guest.getOrDefault("release", "");
        checks.add(new BootManifest.Check("kernel release (uname -r)", expectedRelease.orElse("any"), release,
                !release.isEmpty() && expectedRelease.map(release::equals).orElse(true)));
        String machine = guest.getOrDefault("machine", "");
        checks.add(new BootManifest.Check("machine (uname -m)", arch.id(), machine, machine.equals(arch.id())));
        checks.addAll(openrcChecks(guest));
        checks.add(new BootManifest.Check("check script finished", "done", guest.containsKey("done") ? "done" : "",
                guest.containsKey("done")));
        return checks;
    }

    /** The runlevels whose services must all be started once the default runlevel is reached. */
    static final List<String> OPENRC_RUNLEVELS = List.of("sysinit", "boot", "default");

    /**
     * On a rootfs with OpenRC (the guest reported {@code rc-status --runlevel}): the runlevel reached is
     * {@code default}, and every service that {@code rc-status -a} lists in the sysinit, boot and default runlevels
     * is started. Nothing for a rootfs without OpenRC.
     */
    static List<BootManifest.Check> openrcChecks(Map<String, String> guest) {
        if (!guest.containsKey("openrc:runlevel")) {
            return List.of();
        }
        List<BootManifest.Check> checks = new ArrayList<>();
        String runlevel = guest.get("openrc:runlevel");
        checks.add(new BootManifest.Check("OpenRC runlevel (rc-status --runlevel)", "default", runlevel,
                runlevel.equals("default")));
        List<String> started = new ArrayList<>();
        List<String> notStarted = new ArrayList<>();
        for (Map.Entry<String, String> e : guest.entrySet()) {
            String[] key = e.getKey().split(":", 3);
            if (key.length == 3 && key[0].equals("openrc") && OPENRC_RUNLEVELS.contains(key[1])) {
                (e.getValue().equals("started") ? started : notStarted).add(key[1] + "/" + key[2]
                        + (e.getValue().equals("started") ? "" : "=" + e.getValue()));
            }
        }
        String actual = notStarted.isEmpty() ? "started: " + String.join(" ", started)
                : "not started: " + String.join(" ", notStarted);
        checks.add(new BootManifest.Check("OpenRC services of sysinit, boot and default (rc-status -a)",
                "all started", actual, !started.isEmpty() && notStarted.isEmpty()));
        return checks;
    }

    /** The version in the kernel.json beside the kernel, when compile-kernel wrote one. */
    static Optional<String> expectedRelease(Path kernel) throws IOException {
        Path json = kernel.resolveSibling("kernel.json");
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        JsonNode version = JSON_MAPPER.readTree(json.toFile()).get("version");
        return version == null || version.asText().isEmpty() ? Optional.empty() : Optional.of(version.asText());
    }

    private static BootCheckException failed(String why, QemuRun run, Path console) {
        return new BootCheckException("boot-check: " + why + ". Last console lines:\n  "
                + String.join("\n  ", run.tail(TAIL)) + "\nFull console log: " + console);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static void requireQemu(KernelArch arch) throws BootCheckException {
        try {
            Process p = new ProcessBuilder(arch.qemu(), "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BootCheckException(arch.qemu() + " is not installed; run: apt-get install " + arch.qemuPackage()
                + " (or dev/install-tools)");
    }

    /** The machine this JVM runs on, or null when Kimigayo builds no kernel for it. */
    private static KernelArch hostArch() {
        try {
            return KernelArch.host();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hostName(KernelArch host) {
        return host != null ? host.id() : System.getProperty("os.arch");
    }
}
