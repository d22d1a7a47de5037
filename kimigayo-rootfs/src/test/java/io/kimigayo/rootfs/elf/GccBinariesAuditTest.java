package io.kimigayo.rootfs.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kimigayo.rootfs.tree.Content;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audits binaries that the host's gcc builds with known hardening flags. */
class GccBinariesAuditTest {

    private static final String INTERPRETER = "/lib64/ld-linux-x86-64.so.2";

    @TempDir
    static Path dir;

    private static Map<Sample, Path> binaries;

    @BeforeAll
    static void compile() throws Exception {
        binaries = Gcc.compileAll(dir);
    }

    private static ElfAudit audit(Sample sample) throws Exception {
        return ElfAuditor.audit(binaries.get(sample));
    }

    @Test
    void hardenedPieHasEverything() throws Exception {
        ElfAudit audit = audit(Sample.HARDENED);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertEquals("x86_64", audit.machine());
        assertEquals(64, audit.bits());
        assertFalse(audit.bigEndian());
        assertTrue(audit.pie(), "PIE");
        assertTrue(audit.nxStack(), "NX stack");
        assertEquals(Relro.FULL, audit.relro());
        assertTrue(audit.stackProtector(), "canary");
        assertFalse(audit.staticallyLinked());
        assertEquals(Optional.of(INTERPRETER), audit.interpreter());
        assertTrue(audit.needed().contains("libc.so.6"), audit.needed().toString());
        assertEquals(Optional.empty(), audit.soname());
        assertEquals(List.of(), HardeningPolicy.violations(audit));
        assertTrue(HardeningPolicy.passes(audit));
        assertEquals(binaries.get(Sample.HARDENED).toString(), audit.name());
        assertEquals("x86_64 ELF64 executable, PIE, NX stack, full RELRO, canary, dynamic", audit.summary());
    }

    @Test
    void linkageIsWhatTheFullReadSaysOfInterpreterAndDynamicSection() throws Exception {
        for (Sample sample : Sample.values()) {
            Path file = binaries.get(sample);
            ElfFile full = ElfFile.read(file);
            ElfLinkage linkage = ElfFile.readLinkage(file.toString(), Content.of(file));
            assertEquals(full.interpreter(), linkage.interpreter(), sample + " interpreter");
            assertEquals(full.dynamic(), linkage.dynamic(), sample + " dynamic section");
            ElfLinkage fromBytes = ElfFile.readLinkage("bytes", Content.of(Files.readAllBytes(file)));
            assertEquals(full.dynamic(), fromBytes.dynamic(), sample + " dynamic section read from bytes");
        }
        assertEquals(List.of("libc.so.6"), ElfFile.readLinkage("rpath", Content.of(binaries.get(Sample.OLD_RPATH)))
                .dynamic().needed(), "DT_NEEDED of a sample");
    }

    @Test
    void hardenedPieParsesAsExpected() throws Exception {
        ElfFile elf = ElfFile.read(binaries.get(Sample.HARDENED));
        assertEquals(ElfConstants.ET_DYN, elf.header().type());
        assertEquals(ElfMachine.EM_X86_64, elf.header().machine());
        assertTrue(elf.hasDynamicSegment());
        assertTrue(elf.dynamic().pieFlag(), "DF_1_PIE");
        assertTrue(elf.dynamic().bindNow(), "BIND_NOW");
        assertTrue(elf.section(".dynsym").isPresent(), "has .dynsym");
        assertTrue(elf.section(".dynstr").isPresent(), "has .dynstr");
        assertTrue(elf.section(".symtab").isPresent(), "has .symtab (not stripped)");
        assertTrue(elf.dynamicSymbolNames().contains("__stack_chk_fail"), elf.dynamicSymbolNames().toString());
        assertTrue(elf.symbolNames().contains("main"), "main is in .symtab");
        assertTrue(elf.programHeader(ElfConstants.PT_GNU_RELRO).isPresent());
        assertFalse(elf.programHeader(ElfConstants.PT_GNU_STACK).orElseThrow().executable());
    }

    @Test
    void unhardenedExecutableLacksAllThree() throws Exception {
        ElfAudit audit = audit(Sample.UNHARDENED);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertFalse(audit.pie(), "PIE");
        assertFalse(audit.nxStack(), "NX stack");
        assertEquals(Relro.NONE, audit.relro());
        assertFalse(audit.stackProtector(), "canary");
        assertFalse(audit.staticallyLinked());
        assertEquals(Optional.of(INTERPRETER), audit.interpreter());
        assertEquals(List.of("not PIE", "executable stack", "no RELRO"), HardeningPolicy.violations(audit));
        assertFalse(HardeningPolicy.passes(audit));
        assertEquals(ElfConstants.ET_EXEC, ElfFile.read(binaries.get(Sample.UNHARDENED)).header().type());
    }

    @Test
    void lazyBindingGivesPartialRelro() throws Exception {
        ElfAudit audit = audit(Sample.PARTIAL_RELRO);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertTrue(audit.pie());
        assertTrue(audit.nxStack());
        assertEquals(Relro.PARTIAL, audit.relro());
        assertTrue(audit.stackProtector());
        assertEquals(List.of("partial RELRO"), HardeningPolicy.violations(audit));
    }

    @Test
    void sharedLibraryIsALibraryWithItsSonameAndRunpath() throws Exception {
        ElfAudit audit = audit(Sample.LIBRARY);
        assertEquals(ElfKind.SHARED_LIBRARY, audit.kind());
        assertFalse(audit.pie(), "a library is not a PIE executable");
        assertEquals(Optional.of("libkimigayo.so.1"), audit.soname());
        assertEquals(Optional.of("/opt/kimigayo/lib"), audit.runpath());
        assertEquals(Optional.empty(), audit.rpath());
        assertEquals(Optional.empty(), audit.interpreter());
        assertFalse(audit.staticallyLinked(), "libraries are never called static");
        assertTrue(audit.needed().contains("libc.so.6"), audit.needed().toString());
        assertTrue(audit.nxStack());
        assertEquals(Relro.FULL, audit.relro());
        assertTrue(audit.stackProtector());
        assertEquals(List.of(), HardeningPolicy.violations(audit), "the policy judges executables only");
    }

    @Test
    void staticExecutableIsStaticAndNotPie() throws Exception {
        ElfAudit audit = audit(Sample.STATIC);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertTrue(audit.staticallyLinked(), "static");
        assertFalse(audit.pie(), "PIE");
        assertEquals(Optional.empty(), audit.interpreter());
        assertEquals(List.of(), audit.needed());
        assertTrue(HardeningPolicy.violations(audit).contains("not PIE"), HardeningPolicy.violations(audit).toString());
    }

    @Test
    void staticPieIsAStaticPositionIndependentExecutable() throws Exception {
        ElfAudit audit = audit(Sample.STATIC_PIE);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertTrue(audit.pie(), "static-pie is PIE");
        assertTrue(audit.staticallyLinked(), "static-pie is static");
        assertEquals(Optional.empty(), audit.interpreter());
        assertEquals(List.of(), audit.needed());
        assertTrue(ElfFile.read(binaries.get(Sample.STATIC_PIE)).dynamic().pieFlag(), "DF_1_PIE");
    }

    @Test
    void oldStyleRpathIsReported() throws Exception {
        ElfAudit audit = audit(Sample.OLD_RPATH);
        assertEquals(Optional.of("/opt/old/lib"), audit.rpath());
        assertEquals(Optional.empty(), audit.runpath());
    }

    @Test
    void objectFileIsRelocatable() throws Exception {
        ElfAudit audit = audit(Sample.OBJECT);
        assertEquals(ElfKind.RELOCATABLE, audit.kind());
        assertFalse(audit.pie());
        assertTrue(audit.stackProtector(), "the object references __stack_chk_fail");
        assertEquals(List.of(), ElfFile.read(binaries.get(Sample.OBJECT)).programHeaders());
        assertEquals(List.of(), HardeningPolicy.violations(audit));
    }

    @Test
    void inMemoryContentGivesTheSameAuditUnderItsOwnName() throws Exception {
        for (Sample sample : Sample.values()) {
            Path file = binaries.get(sample);
            byte[] bytes = Files.readAllBytes(file);
            ElfAudit fromPath = ElfAuditor.audit(file);
            ElfAudit fromBytes = ElfAuditor.audit("/usr/bin/" + sample.fileName, bytes);
            ElfAudit fromContent = ElfAuditor.audit("/usr/bin/" + sample.fileName, Content.of(bytes));
            ElfAudit fromFileContent = ElfAuditor.audit("/usr/bin/" + sample.fileName, Content.of(file));
            ElfAudit fromStream;
            try (InputStream in = Files.newInputStream(file)) {
                fromStream = ElfAuditor.audit(ElfFile.read("/usr/bin/" + sample.fileName, in));
            }
            String name = "/usr/bin/" + sample.fileName;
            assertEquals(name, fromBytes.name());
            assertEquals(renamed(fromPath, name), fromBytes, sample.name());
            assertEquals(fromBytes, fromContent, sample.name());
            assertEquals(fromBytes, fromFileContent, sample.name());
            assertEquals(fromBytes, fromStream, sample.name());
        }
    }

    @Test
    void isElfRecognisesTheCompiledFiles() throws Exception {
        for (Sample sample : Sample.values()) {
            Path file = binaries.get(sample);
            assertTrue(ElfFile.isElf(file), sample.name());
            assertTrue(ElfFile.isElf(Files.readAllBytes(file)), sample.name());
            assertTrue(ElfFile.isElf(Content.of(file)), sample.name());
        }
        assertFalse(ElfFile.isElf(dir.resolve(Sample.HARDENED.source)), "C source is not ELF");
        assertFalse(ElfFile.isElf(dir), "a directory is not ELF");
    }

    private static ElfAudit renamed(ElfAudit a, String name) {
        return new ElfAudit(name, a.kind(), a.machine(), a.bits(), a.bigEndian(), a.pie(), a.nxStack(), a.relro(),
                a.stackProtector(), a.staticallyLinked(), a.interpreter(), a.needed(), a.soname(), a.runpath(),
                a.rpath());
    }
}
