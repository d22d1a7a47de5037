package io.kimigayo.rootfs.policy;

import io.kimigayo.core.policy.PolicyViolationException;
import io.kimigayo.rootfs.RootfsManifest.FileAudit;
import io.kimigayo.rootfs.elf.ElfAudit;
import io.kimigayo.rootfs.elf.ElfAuditor;
import io.kimigayo.rootfs.elf.ElfKind;
import io.kimigayo.rootfs.elf.HardeningPolicy;
import io.kimigayo.rootfs.nativebuild.TargetArch;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import io.kimigayo.rootfs.tree.TreePath;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audits every ELF file of a rootfs for PIE, NX stack, RELRO and the stack protector, and lists the executables
 * that lack PIE, an NX stack or full RELRO; {@link #enforce} decides whether they fail the build.
 */
public final class ElfAuditGate {

    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    /** The audit of every regular ELF file, in path order. */
    public List<FileAudit> audit(FileTree tree) throws IOException {
        List<FileAudit> audits = new ArrayList<>();
        for (Map.Entry<TreePath, TreeEntry> e : tree.entries().entrySet()) {
            if (e.getValue() instanceof TreeEntry.RegularFile file && isElf(file)) {
                ElfAudit audit = ElfAuditor.audit(e.getKey().toString(), file.content());
                List<String> problems = audit.kind() == ElfKind.EXECUTABLE
                        ? HardeningPolicy.violations(audit) : List.of();
                audits.add(new FileAudit(e.getKey().toString(), audit.kind().name().toLowerCase(Locale.ROOT),
                        audit.machine(), audit.pie(), audit.nxStack(), audit.relro().name().toLowerCase(Locale.ROOT),
                        audit.stackProtector(), audit.interpreter().orElse(null), audit.needed(), problems));
            }
        }
        return audits;
    }

    /**
     * One line per ELF file that is not for {@code target}: another {@code e_machine}, or an executable asking for
     * musl's loader of another machine ({@code /lib/ld-musl-x86_64.so.1} in an aarch64 rootfs). Such files cannot run
     * there whatever {@code failOnAudit} says.
     */
    public static List<String> foreign(List<FileAudit> audits, TargetArch target) {
        List<String> lines = new ArrayList<>();
        for (FileAudit a : audits) {
            if (!target.id().equals(a.machine())) {
                lines.add(a.path() + ": " + a.machine());
            } else if (a.interpreter() != null && a.interpreter().startsWith("/lib/ld-musl-")
                    && !a.interpreter().equals(target.muslLoader())) {
                lines.add(a.path() + ": interpreter " + a.interpreter() + ", expected " + target.muslLoader());
            }
        }
        return lines;
    }

    /** One line per executable that fails the hardening rules, naming the file and what it lacks. */
    public static List<String> offences(List<FileAudit> audits) {
        return audits.stream().filter(a -> !a.problems().isEmpty())
                .map(a -> a.path() + ": " + String.join(", ", a.problems())).toList();
    }

    /**
     * Fails the build when {@code failOnAudit} is set and an executable of {@code audits} lacks PIE, an NX stack or
     * full RELRO; with {@code failOnAudit=false} they pass, and the audit recorded in rootfs.json names them.
     *
     * @param executables what the message calls the audited executables, such as {@code "executables"}
     * @param remedy      how to fix or accept them
     */
    public static void enforce(List<FileAudit> audits, boolean failOnAudit, String executables, String remedy)
            throws PolicyViolationException {
        List<String> weak = offences(audits);
        if (!weak.isEmpty() && failOnAudit) {
            throw new PolicyViolationException(executables + " without the hardening Kimigayo requires (PIE, NX "
                    + "stack, full RELRO)", weak, remedy);
        }
    }

    private static boolean isElf(TreeEntry.RegularFile file) throws IOException {
        try (InputStream in = file.content().open()) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, MAGIC);
        }
    }
}
