package io.kimigayo.rootfs.elf;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hardening report of one ELF file, as {@link ElfAuditor} finds it. The rules follow checksec's:
 * <ul>
 *   <li>{@code pie}: an executable of type {@code ET_DYN} (position independent, so ASLR can move it).</li>
 *   <li>{@code nxStack}: {@code PT_GNU_STACK} is present and not executable; a file without it counts as having an
 *       executable stack.</li>
 *   <li>{@code relro}: none without {@code PT_GNU_RELRO}; full with it and immediate binding; partial otherwise.</li>
 *   <li>{@code stackProtector}: {@code __stack_chk_fail} or {@code __stack_chk_guard} is in {@code .dynsym} or
 *       {@code .symtab}.</li>
 *   <li>{@code staticallyLinked}: an executable without a program interpreter ({@code PT_INTERP}); libraries and
 *       object files are never called static.</li>
 * </ul>
 *
 * @param name the input's name
 * @param kind executable, shared library, relocatable or other
 * @param machine the machine's name, such as {@code x86_64} or {@code aarch64}
 * @param bits 32 or 64
 * @param bigEndian whether the file is big endian
 * @param pie whether it is a position-independent executable
 * @param nxStack whether its stack is not executable
 * @param relro its RELRO level
 * @param stackProtector whether it references the stack protector's symbols
 * @param staticallyLinked whether it is an executable that runs without a program interpreter
 * @param interpreter the program interpreter ({@code PT_INTERP}), if any
 * @param needed the libraries it needs ({@code DT_NEEDED}), in order
 * @param soname its {@code DT_SONAME}, if any
 * @param runpath its {@code DT_RUNPATH}, if any
 * @param rpath its {@code DT_RPATH}, if any
 */
public record ElfAudit(String name, ElfKind kind, String machine, int bits, boolean bigEndian, boolean pie,
                       boolean nxStack, Relro relro, boolean stackProtector, boolean staticallyLinked,
                       Optional<String> interpreter, List<String> needed, Optional<String> soname,
                       Optional<String> runpath, Optional<String> rpath) {

    public ElfAudit {
        needed = List.copyOf(needed);
    }

    /** A one-line description, e.g. {@code x86_64 ELF64 executable, PIE, NX stack, full RELRO, canary, dynamic}. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(machine).append(" ELF").append(bits).append(bigEndian ? " big-endian " : " ")
                .append(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (kind == ElfKind.EXECUTABLE || kind == ElfKind.SHARED_LIBRARY) {
            if (kind == ElfKind.EXECUTABLE) {
                text.append(pie ? ", PIE" : ", not PIE");
            }
            text.append(nxStack ? ", NX stack" : ", executable stack")
                    .append(", ").append(relro == Relro.NONE ? "no" : relro.name().toLowerCase(Locale.ROOT))
                    .append(" RELRO")
                    .append(stackProtector ? ", canary" : ", no canary");
            if (kind == ElfKind.EXECUTABLE) {
                text.append(staticallyLinked ? ", static" : ", dynamic");
            }
        }
        return text.toString();
    }
}
