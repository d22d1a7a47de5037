package io.kimigayo.rootfs.elf;

import io.kimigayo.rootfs.tree.Content;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds an ELF file's hardening properties (PIE, NX stack, RELRO, stack protector, linking) and its dynamic linking
 * facts (interpreter, needed libraries, soname, search paths): turns an {@link ElfFile} into an {@link ElfAudit}.
 */
public final class ElfAuditor {

    /** Symbols whose presence shows that the code was compiled with a stack protector. */
    static final List<String> STACK_PROTECTOR_SYMBOLS = List.of("__stack_chk_fail", "__stack_chk_guard");

    private ElfAuditor() {
    }

    /** Reads and audits a file. */
    public static ElfAudit audit(Path file) throws IOException {
        return audit(ElfFile.read(file));
    }

    /** Audits bytes in memory, named {@code name} in the report and in errors. */
    public static ElfAudit audit(String name, byte[] bytes) throws ElfFormatException {
        return audit(ElfFile.read(name, bytes));
    }

    /** Audits a file tree's content, named {@code name} in the report and in errors. */
    public static ElfAudit audit(String name, Content content) throws IOException {
        return audit(ElfFile.read(name, content));
    }

    /** Audits a parsed file. */
    public static ElfAudit audit(ElfFile elf) {
        ElfHeader header = elf.header();
        DynamicSection dynamic = elf.dynamic();
        ElfKind kind = kind(elf);
        boolean pie = kind == ElfKind.EXECUTABLE && header.type() == ElfConstants.ET_DYN;
        return new ElfAudit(elf.name(), kind, header.machineName(), header.bits(), header.bigEndian(), pie,
                nxStack(elf), relro(elf), stackProtector(elf),
                kind == ElfKind.EXECUTABLE && elf.interpreter().isEmpty(),
                elf.interpreter(), dynamic.needed(), dynamic.soname(), dynamic.runpath(), dynamic.rpath());
    }

    /**
     * {@code ET_EXEC} is an executable. {@code ET_DYN} is a (position-independent) executable when the linker set
     * {@code DF_1_PIE} (this covers static-pie, which has no interpreter), or, for linkers older than that flag, when
     * it has a program interpreter and no soname; otherwise it is a shared library. A library that can also be run,
     * such as glibc's {@code libc.so.6} (it has both {@code PT_INTERP} and a soname), counts as a library.
     */
    static ElfKind kind(ElfFile elf) {
        switch (elf.header().type()) {
            case ElfConstants.ET_REL:
                return ElfKind.RELOCATABLE;
            case ElfConstants.ET_EXEC:
                return ElfKind.EXECUTABLE;
            case ElfConstants.ET_DYN:
                DynamicSection dynamic = elf.dynamic();
                boolean oldStylePie = elf.interpreter().isPresent() && dynamic.soname().isEmpty();
                return dynamic.pieFlag() || oldStylePie ? ElfKind.EXECUTABLE : ElfKind.SHARED_LIBRARY;
            default:
                return ElfKind.OTHER;
        }
    }

    /** {@code PT_GNU_STACK} present without {@code PF_X}; without it the stack counts as executable. */
    static boolean nxStack(ElfFile elf) {
        return elf.programHeader(ElfConstants.PT_GNU_STACK).map(stack -> !stack.executable()).orElse(false);
    }

    static Relro relro(ElfFile elf) {
        if (elf.programHeader(ElfConstants.PT_GNU_RELRO).isEmpty()) {
            return Relro.NONE;
        }
        return elf.dynamic().bindNow() ? Relro.FULL : Relro.PARTIAL;
    }

    static boolean stackProtector(ElfFile elf) {
        for (String symbol : STACK_PROTECTOR_SYMBOLS) {
            if (elf.hasSymbol(symbol)) {
                return true;
            }
        }
        return false;
    }
}
