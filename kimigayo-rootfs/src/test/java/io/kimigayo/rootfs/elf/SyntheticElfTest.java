package io.kimigayo.rootfs.elf;

import static io.kimigayo.rootfs.elf.ElfConstants.DF_1_NOW;
import static io.kimigayo.rootfs.elf.ElfConstants.DF_1_PIE;
import static io.kimigayo.rootfs.elf.ElfConstants.DF_BIND_NOW;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_BIND_NOW;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_FLAGS;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_FLAGS_1;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_NEEDED;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_RPATH;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_RUNPATH;
import static io.kimigayo.rootfs.elf.ElfConstants.DT_SONAME;
import static io.kimigayo.rootfs.elf.ElfConstants.ET_CORE;
import static io.kimigayo.rootfs.elf.ElfConstants.ET_DYN;
import static io.kimigayo.rootfs.elf.ElfConstants.ET_EXEC;
import static io.kimigayo.rootfs.elf.ElfConstants.PF_R;
import static io.kimigayo.rootfs.elf.ElfConstants.PF_W;
import static io.kimigayo.rootfs.elf.ElfConstants.PF_X;
import static io.kimigayo.rootfs.elf.ElfConstants.PT_GNU_RELRO;
import static io.kimigayo.rootfs.elf.ElfConstants.PT_GNU_STACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ELF files built by hand: the classes, byte orders and machines gcc on this host does not produce, and the flag
 * combinations that decide PIE and RELRO.
 */
class SyntheticElfTest {

    @Test
    void readsBigEndianElf32Executable() throws Exception {
        byte[] bytes = ElfBuilder.elf32(ByteOrder.BIG_ENDIAN).type(ET_EXEC).machine(ElfMachine.EM_PPC)
                .segment(PT_GNU_STACK, PF_R | PF_W).build();
        ElfFile elf = ElfFile.read("ppc-exec", bytes);
        assertEquals(32, elf.header().bits());
        assertTrue(elf.header().bigEndian());
        assertEquals(ET_EXEC, elf.header().type());
        assertEquals("ppc", elf.header().machineName());
        assertEquals(1, elf.programHeaders().size());
        ProgramHeader stack = elf.programHeaders().get(0);
        assertEquals(PT_GNU_STACK, stack.type());
        assertEquals(PF_R | PF_W, stack.flags());
        assertFalse(elf.hasDynamicSegment());
        assertEquals(List.of(), elf.sectionHeaders());

        ElfAudit audit = ElfAuditor.audit(elf);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertEquals("ppc", audit.machine());
        assertEquals(32, audit.bits());
        assertTrue(audit.bigEndian());
        assertTrue(audit.nxStack());
        assertFalse(audit.pie());
        assertEquals(Relro.NONE, audit.relro());
        assertTrue(audit.staticallyLinked());
        assertEquals(List.of("not PIE", "no RELRO"), HardeningPolicy.violations(audit));
        assertEquals("ppc ELF32 big-endian executable, not PIE, NX stack, no RELRO, no canary, static",
                audit.summary());
    }

    @Test
    void readsBigEndianElf64PieWithDynamicSection() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.BIG_ENDIAN).type(ET_DYN).machine(ElfMachine.EM_S390)
                .interpreter("/lib/ld64.so.1")
                .dynamic(DT_NEEDED, "libc.so.6").dynamic(DT_NEEDED, "libm.so.6")
                .dynamic(DT_FLAGS_1, DF_1_NOW | DF_1_PIE)
                .segment(PT_GNU_STACK, PF_R | PF_W).segment(PT_GNU_RELRO, PF_R)
                .symbols(".dynsym", "puts", "__stack_chk_fail")
                .build();
        ElfFile elf = ElfFile.read("s390x-pie", bytes);
        assertEquals(Optional.of("/lib/ld64.so.1"), elf.interpreter());
        assertEquals(List.of("libc.so.6", "libm.so.6"), elf.dynamic().needed());
        assertEquals(".dynsym", elf.section(".dynsym").orElseThrow().name());

        ElfAudit audit = ElfAuditor.audit(elf);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertEquals("s390x", audit.machine());
        assertTrue(audit.bigEndian());
        assertTrue(audit.pie());
        assertTrue(audit.nxStack());
        assertEquals(Relro.FULL, audit.relro(), "DF_1_NOW alone means BIND_NOW");
        assertTrue(audit.stackProtector());
        assertFalse(audit.staticallyLinked());
        assertEquals(List.of(), HardeningPolicy.violations(audit));
    }

    @Test
    void readsLittleEndianElf32SharedLibrary() throws Exception {
        byte[] bytes = ElfBuilder.elf32(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).machine(ElfMachine.EM_ARM)
                .dynamic(DT_SONAME, "libfoo.so.2").dynamic(DT_NEEDED, "libc.so")
                .dynamic(DT_RUNPATH, "$ORIGIN/../lib").dynamic(DT_RPATH, "/old")
                .segment(PT_GNU_STACK, PF_R | PF_W)
                .symbols(".symtab", "foo", "__stack_chk_guard")
                .build();
        ElfAudit audit = ElfAuditor.audit("libfoo.so.2", bytes);
        assertEquals(ElfKind.SHARED_LIBRARY, audit.kind());
        assertEquals("arm", audit.machine());
        assertEquals(32, audit.bits());
        assertFalse(audit.bigEndian());
        assertFalse(audit.pie());
        assertEquals(Optional.of("libfoo.so.2"), audit.soname());
        assertEquals(List.of("libc.so"), audit.needed());
        assertEquals(Optional.of("$ORIGIN/../lib"), audit.runpath());
        assertEquals(Optional.of("/old"), audit.rpath());
        assertTrue(audit.stackProtector(), "__stack_chk_guard in .symtab");
        assertFalse(audit.staticallyLinked());
    }

    @Test
    void missingGnuStackCountsAsExecutableStack() throws Exception {
        ElfAudit audit = ElfAuditor.audit("no-gnu-stack",
                ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_EXEC).build());
        assertFalse(audit.nxStack());
        assertTrue(HardeningPolicy.violations(audit).contains("executable stack"));
    }

    @Test
    void gnuStackWithExecuteFlagIsExecutableStack() throws Exception {
        ElfAudit audit = ElfAuditor.audit("rwx-stack", ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_EXEC)
                .segment(PT_GNU_STACK, PF_R | PF_W | PF_X).build());
        assertFalse(audit.nxStack());
    }

    @Test
    void everyFormOfBindNowGivesFullRelro() throws Exception {
        ElfBuilder bindNow = relroPie().dynamic(DT_BIND_NOW, 0);
        ElfBuilder flags = relroPie().dynamic(DT_FLAGS, DF_BIND_NOW);
        ElfBuilder flags1 = relroPie().dynamic(DT_FLAGS_1, DF_1_NOW | DF_1_PIE);
        for (ElfBuilder builder : List.of(bindNow, flags, flags1)) {
            assertEquals(Relro.FULL, ElfAuditor.audit("x", builder.build()).relro());
        }
        assertEquals(Relro.PARTIAL, ElfAuditor.audit("x", relroPie().dynamic(DT_FLAGS_1, DF_1_PIE).build()).relro());
    }

    @Test
    void bindNowWithoutGnuRelroIsNoRelro() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).interpreter("/lib/ld.so")
                .dynamic(DT_FLAGS_1, DF_1_NOW | DF_1_PIE).segment(PT_GNU_STACK, PF_R | PF_W).build();
        assertEquals(Relro.NONE, ElfAuditor.audit("x", bytes).relro());
    }

    @Test
    void staticPieIsAnExecutableWithoutInterpreter() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).machine(ElfMachine.EM_AARCH64)
                .dynamic(DT_FLAGS_1, DF_1_NOW | DF_1_PIE).segment(PT_GNU_STACK, PF_R | PF_W)
                .segment(PT_GNU_RELRO, PF_R).build();
        ElfAudit audit = ElfAuditor.audit("static-pie", bytes);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertEquals("aarch64", audit.machine());
        assertTrue(audit.pie());
        assertTrue(audit.staticallyLinked());
        assertEquals(List.of(), HardeningPolicy.violations(audit));
    }

    @Test
    void etDynWithInterpreterAndNoSonameIsAnOldStylePie() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).interpreter("/lib/ld-musl-x86_64.so.1")
                .dynamic(DT_NEEDED, "libc.so").build();
        ElfAudit audit = ElfAuditor.audit("old-pie", bytes);
        assertEquals(ElfKind.EXECUTABLE, audit.kind());
        assertTrue(audit.pie());
    }

    @Test
    void runnableLibraryWithInterpreterAndSonameIsALibrary() throws Exception {
        // glibc's libc.so.6 has both PT_INTERP (it can be run) and a soname.
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).interpreter("/lib64/ld.so")
                .dynamic(DT_SONAME, "libc.so.6").build();
        ElfAudit audit = ElfAuditor.audit("libc.so.6", bytes);
        assertEquals(ElfKind.SHARED_LIBRARY, audit.kind());
        assertFalse(audit.pie());
    }

    @Test
    void plainEtDynWithoutInterpreterOrPieFlagIsALibrary() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).emptyDynamic().build();
        assertEquals(ElfKind.SHARED_LIBRARY, ElfAuditor.audit("lib", bytes).kind());
    }

    @Test
    void otherTypesAreOther() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_CORE).build();
        ElfAudit audit = ElfAuditor.audit("core", bytes);
        assertEquals(ElfKind.OTHER, audit.kind());
        assertEquals(List.of(), HardeningPolicy.violations(audit));
    }

    @Test
    void unknownMachineIsNamedByNumber() throws Exception {
        byte[] bytes = ElfBuilder.elf32(ByteOrder.BIG_ENDIAN).machine(0x1234).build();
        assertEquals("unknown(0x1234)", ElfAuditor.audit("x", bytes).machine());
    }

    @Test
    void versionedSymtabNamesCountForTheStackProtector() throws Exception {
        byte[] bytes = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).symbols(".symtab", "__stack_chk_fail@GLIBC_2.4")
                .build();
        assertTrue(ElfAuditor.audit("x", bytes).stackProtector());
        byte[] lookalike = ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).symbols(".symtab", "__stack_chk_failure",
                "my__stack_chk_fail").build();
        assertFalse(ElfAuditor.audit("x", lookalike).stackProtector());
    }

    private static ElfBuilder relroPie() {
        return ElfBuilder.elf64(ByteOrder.LITTLE_ENDIAN).type(ET_DYN).interpreter("/lib/ld.so")
                .segment(PT_GNU_STACK, PF_R | PF_W).segment(PT_GNU_RELRO, PF_R);
    }
}
