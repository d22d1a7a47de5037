package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy's words and the kinds of file it judges. */
class HardeningPolicyTest {

    private static ElfAudit audit(ElfKind kind, boolean pie, boolean nx, Relro relro) {
        return new ElfAudit("/bin/x", kind, "x86_64", 64, false, pie, nx, relro, false, false,
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void hardenedExecutablePasses() {
        ElfAudit audit = audit(ElfKind.EXECUTABLE, true, true, Relro.FULL);
        assertEquals(List.of(), HardeningPolicy.violations(audit));
        assertTrue(HardeningPolicy.passes(audit));
    }

    @Test
    void listsEveryShortcomingInOrder() {
        assertEquals(List.of("not PIE", "executable stack", "no RELRO"),
                HardeningPolicy.violations(audit(ElfKind.EXECUTABLE, false, false, Relro.NONE)));
        assertEquals(List.of("executable stack", "partial RELRO"),
                HardeningPolicy.violations(audit(ElfKind.EXECUTABLE, true, false, Relro.PARTIAL)));
        assertEquals(List.of("not PIE"),
                HardeningPolicy.violations(audit(ElfKind.EXECUTABLE, false, true, Relro.FULL)));
        assertFalse(HardeningPolicy.passes(audit(ElfKind.EXECUTABLE, true, true, Relro.PARTIAL)));
    }

    @Test
    void judgesExecutablesOnly() {
        for (ElfKind kind : List.of(ElfKind.SHARED_LIBRARY, ElfKind.RELOCATABLE, ElfKind.OTHER)) {
            assertEquals(List.of(), HardeningPolicy.violations(audit(kind, false, false, Relro.NONE)), kind.name());
        }
    }
}
