package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit of aarch64 binaries, built here by Debian's cross compiler ({@code aarch64-linux-gnu-gcc}, installed by
 * dev/install-tools): the machine, the loader, and, judged by checksec, PIE, NX, RELRO, canary, RPATH and RUNPATH
 * of every sample, as {@link ChecksecAgreementTest} does for the host's binaries.
 */
class CrossElfAuditTest {

    private static final String CROSS_GCC = "aarch64-linux-gnu-gcc";
    private static final String INTERPRETER = "/lib/ld-linux-aarch64.so.1";

    @TempDir
    static Path dir;

    private static Map<Sample, Path> binaries;

    @BeforeAll
    static void compile() throws Exception {
        Checksec.require();
        binaries = Gcc.compileAll(dir, CROSS_GCC);
    }

    @Test
    void hardenedAarch64PieHasEverything() throws Exception {
        ElfAudit audit = ElfAuditor.audit(binaries.get(Sample.HARDENED));
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertEquals("aarch64", audit.machine());
        assertEquals(ElfMachine.EM_AARCH64, ElfFile.read(binaries.get(Sample.HARDENED)).header().machine());
        assertEquals(64, audit.bits());
        assertFalse(audit.bigEndian());
        assertEquals(Optional.of(INTERPRETER), audit.interpreter());
        assertEquals(List.of(), HardeningPolicy.violations(audit));
        assertEquals("aarch64 ELF64 executable, PIE, NX stack, full RELRO, canary, dynamic", audit.summary());
    }

    @Test
    void unhardenedAarch64BinaryLacksWhatThePolicyAsksFor() throws Exception {
        ElfAudit audit = ElfAuditor.audit(binaries.get(Sample.UNHARDENED));
        assertEquals("aarch64", audit.machine());
        assertEquals(List.of(HardeningPolicy.NOT_PIE, HardeningPolicy.EXECUTABLE_STACK, HardeningPolicy.NO_RELRO),
                HardeningPolicy.violations(audit));
        assertEquals(List.of(HardeningPolicy.PARTIAL_RELRO),
                HardeningPolicy.violations(ElfAuditor.audit(binaries.get(Sample.PARTIAL_RELRO))));
        assertTrue(ElfAuditor.audit(binaries.get(Sample.STATIC_PIE)).staticallyLinked(), "static-pie");
        assertEquals(ElfKind.SHARED_LIBRARY, ElfAuditor.audit(binaries.get(Sample.LIBRARY)).kind());
    }

    @Test
    void checksecSeesTheAarch64Profiles() throws Exception {
        // Pins the judge on foreign ELF: checksec reads aarch64 files with the host's readelf.
        Map<String, String> good = Checksec.verdict(binaries.get(Sample.HARDENED));
        assertEquals("full", good.get("relro"));
        assertEquals("yes", good.get("canary"));
        assertEquals("yes", good.get("nx"));
        assertEquals("yes", good.get("pie"));
        Map<String, String> bad = Checksec.verdict(binaries.get(Sample.UNHARDENED));
        assertEquals("no", bad.get("relro"));
        assertEquals("no", bad.get("nx"));
        assertEquals("no", bad.get("pie"));
    }

    @TestFactory
    Stream<DynamicTest> auditAgreesWithChecksecOnAarch64() {
        return binaries.values().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Map<String, String> checksec = Checksec.verdict(file);
            ElfAudit audit = ElfAuditor.audit(file);
            String context = file + ": checksec says " + checksec + "; we say " + audit;
            assertEquals(checksec.get("relro"), ChecksecAgreementTest.relro(audit), "RELRO of " + context);
            assertEquals(checksec.get("canary"), ChecksecAgreementTest.yesNo(audit.stackProtector()),
                    "canary of " + context);
            assertEquals(checksec.get("nx"), ChecksecAgreementTest.yesNo(audit.nxStack()), "NX of " + context);
            assertEquals(checksec.get("pie"), ChecksecAgreementTest.pie(audit), "PIE of " + context);
            assertEquals(checksec.get("rpath"), ChecksecAgreementTest.yesNo(audit.rpath().isPresent()),
                    "RPATH of " + context);
            assertEquals(checksec.get("runpath"), ChecksecAgreementTest.yesNo(audit.runpath().isPresent()),
                    "RUNPATH of " + context);
        }));
    }
}
