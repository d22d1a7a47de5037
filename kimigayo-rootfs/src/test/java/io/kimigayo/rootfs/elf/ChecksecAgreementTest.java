package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the audit against an independent judge, checksec 2.6 (Debian package {@code checksec}): for every binary
 * gcc builds here, and for real distribution binaries (the running JDK's launcher and libjvm.so, glibc's libc.so.6
 * and its loader), PIE, NX, RELRO, canary, RPATH and RUNPATH must agree.
 */
class ChecksecAgreementTest {

    @TempDir
    static Path dir;

    private static List<Path> files;

    @BeforeAll
    static void collect() throws Exception {
        Checksec.require();
        files = new ArrayList<>(Gcc.compileAll(dir).values());
        Path javaHome = Path.of(System.getProperty("java.home"));
        files.add(javaHome.resolve("bin/java").toRealPath());
        files.add(javaHome.resolve("lib/server/libjvm.so").toRealPath());
        String libc = Gcc.run(List.of("gcc", "-print-file-name=libc.so.6"), dir).trim();
        files.add(Path.of(libc).toRealPath());
        String interpreter = ElfFile.read(files.get(0)).interpreter().orElseThrow();
        files.add(Path.of(interpreter));
        for (Path file : files) {
            assertTrue(Files.isRegularFile(file), file + " should exist");
        }
    }

    @TestFactory
    Stream<DynamicTest> auditAgreesWithChecksec() {
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Map<String, String> checksec = Checksec.verdict(file);
            ElfAudit audit = ElfAuditor.audit(file);
            String context = file + ": checksec says " + checksec + "; we say " + audit;
            assertEquals(checksec.get("relro"), relro(audit), "RELRO of " + context);
            assertEquals(checksec.get("canary"), yesNo(audit.stackProtector()), "canary of " + context);
            assertEquals(checksec.get("nx"), yesNo(audit.nxStack()), "NX of " + context);
            assertEquals(checksec.get("pie"), pie(audit), "PIE of " + context);
            assertEquals(checksec.get("rpath"), yesNo(audit.rpath().isPresent()), "RPATH of " + context);
            assertEquals(checksec.get("runpath"), yesNo(audit.runpath().isPresent()), "RUNPATH of " + context);
        }));
    }

    @Test
    void checksecSeesTheSampleProfilesTheTestsExpect() throws Exception {
        // Pins the judge itself, so that a checksec that answers "no" for everything cannot make agreement trivial.
        Path hardened = dir.resolve(Sample.HARDENED.fileName);
        Map<String, String> good = Checksec.verdict(hardened);
        assertEquals("full", good.get("relro"));
        assertEquals("yes", good.get("canary"));
        assertEquals("yes", good.get("nx"));
        assertEquals("yes", good.get("pie"));
        Map<String, String> bad = Checksec.verdict(dir.resolve(Sample.UNHARDENED.fileName));
        assertEquals("no", bad.get("relro"));
        assertEquals("no", bad.get("canary"));
        assertEquals("no", bad.get("nx"));
        assertEquals("no", bad.get("pie"));
        assertEquals("dso", Checksec.verdict(dir.resolve(Sample.LIBRARY.fileName)).get("pie"));
        assertEquals("partial", Checksec.verdict(dir.resolve(Sample.PARTIAL_RELRO.fileName)).get("relro"));
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static String relro(ElfAudit audit) {
        switch (audit.relro()) {
            case FULL:
                return "full";
            case PARTIAL:
                return "partial";
            default:
                return "no";
        }
    }

    /** checksec's words: "yes" (PIE), "no" (ET_EXEC), "dso" (shared object), "rel" (object file). */
    static String pie(ElfAudit audit) {
        switch (audit.kind()) {
            case SHARED_LIBRARY:
                return "dso";
            case RELOCATABLE:
                return "rel";
            case EXECUTABLE:
                return yesNo(audit.pie());
            default:
                return "other";
        }
    }
}
