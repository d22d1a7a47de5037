package io.kimigayo.rootfs.elf;

import java.util.ArrayList;
import java.util.List;

/**
 * The hardening an executable in a Kimigayo image must have: position independence (so ASLR applies), a
 * non-executable stack and full RELRO. Shared libraries, object files and other kinds are not judged here.
 */
public final class HardeningPolicy {

    public static final String NOT_PIE = "not PIE";
    public static final String EXECUTABLE_STACK = "executable stack";
    public static final String NO_RELRO = "no RELRO";
    public static final String PARTIAL_RELRO = "partial RELRO";

    private HardeningPolicy() {
    }

    /**
     * What the file lacks, in words for a build failure ({@code "not PIE"}, {@code "executable stack"},
     * {@code "no RELRO"} or {@code "partial RELRO"}), in that order; empty when it passes or is not an executable.
     * The caller names the file.
     */
    public static List<String> violations(ElfAudit audit) {
        List<String> missing = new ArrayList<>();
        if (audit.kind() != ElfKind.EXECUTABLE) {
            return missing;
        }
        if (!audit.pie()) {
            missing.add(NOT_PIE);
        }
        if (!audit.nxStack()) {
            missing.add(EXECUTABLE_STACK);
        }
        if (audit.relro() == Relro.NONE) {
            missing.add(NO_RELRO);
        } else if (audit.relro() == Relro.PARTIAL) {
            missing.add(PARTIAL_RELRO);
        }
        return List.copyOf(missing);
    }

    /** True when {@link #violations} is empty. */
    public static boolean passes(ElfAudit audit) {
        return violations(audit).isEmpty();
    }
}
