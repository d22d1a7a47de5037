package io.kimigayo.rootfs.elf;

import java.util.Map;

/**
 * Names for ELF {@code e_machine} numbers, spelled as Linux distributions and {@code uname -m} spell them
 * ({@code x86_64}, {@code aarch64}, ...). Unknown numbers are named {@code unknown(0x..)}.
 */
public final class ElfMachine {

    public static final int EM_386 = 3;
    public static final int EM_68K = 4;
    public static final int EM_MIPS = 8;
    public static final int EM_PPC = 20;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_ARM = 40;
    public static final int EM_SPARCV9 = 43;
    public static final int EM_IA_64 = 50;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EM_386, "i386"),
            Map.entry(EM_68K, "m68k"),
            Map.entry(EM_MIPS, "mips"),
            Map.entry(EM_PPC, "ppc"),
            Map.entry(EM_PPC64, "ppc64"),
            Map.entry(EM_S390, "s390x"),
            Map.entry(EM_ARM, "arm"),
            Map.entry(EM_SPARCV9, "sparc64"),
            Map.entry(EM_IA_64, "ia64"),
            Map.entry(EM_X86_64, "x86_64"),
            Map.entry(EM_AARCH64, "aarch64"),
            Map.entry(EM_RISCV, "riscv"),
            Map.entry(EM_LOONGARCH, "loongarch"));

    private ElfMachine() {
    }

    /** The name of {@code e_machine}, for example {@code x86_64} for 62, or {@code unknown(0x1234)}. */
    public static String name(int machine) {
        String name = NAMES.get(machine);
        return name != null ? name : "unknown(0x" + Integer.toHexString(machine) + ")";
    }
}
