package io.kimigayo.rootfs.elf;

import java.util.List;
import java.util.Optional;

/**
 * What the dynamic section (found through {@code PT_DYNAMIC}) says, with its strings resolved through
 * {@code DT_STRTAB}: the needed libraries, the soname, the library search paths and the binding flags.
 *
 * @param entries every entry up to (not including) {@code DT_NULL}
 * @param needed the {@code DT_NEEDED} names, in order
 * @param soname the {@code DT_SONAME}, if any
 * @param rpath the {@code DT_RPATH}, if any
 * @param runpath the {@code DT_RUNPATH}, if any
 */
public record DynamicSection(List<DynamicEntry> entries, List<String> needed, Optional<String> soname,
                             Optional<String> rpath, Optional<String> runpath) {

    /** The dynamic section of a file without {@code PT_DYNAMIC}. */
    public static final DynamicSection NONE =
            new DynamicSection(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());

    public DynamicSection {
        entries = List.copyOf(entries);
        needed = List.copyOf(needed);
    }

    /** True when any entry has the tag. */
    public boolean has(long tag) {
        for (DynamicEntry entry : entries) {
            if (entry.tag() == tag) {
                return true;
            }
        }
        return false;
    }

    /** The bitwise OR of the values of every entry with the tag (0 when there is none); for the flag tags. */
    public long flags(long tag) {
        long flags = 0;
        for (DynamicEntry entry : entries) {
            if (entry.tag() == tag) {
                flags |= entry.value();
            }
        }
        return flags;
    }

    /** {@code DT_FLAGS}. */
    public long dtFlags() {
        return flags(ElfConstants.DT_FLAGS);
    }

    /** {@code DT_FLAGS_1}. */
    public long dtFlags1() {
        return flags(ElfConstants.DT_FLAGS_1);
    }

    /**
     * True when the loader must resolve every symbol at load time: {@code DT_BIND_NOW}, {@code DF_BIND_NOW} in
     * {@code DT_FLAGS} or {@code DF_1_NOW} in {@code DT_FLAGS_1}.
     */
    public boolean bindNow() {
        return has(ElfConstants.DT_BIND_NOW)
                || (dtFlags() & ElfConstants.DF_BIND_NOW) != 0
                || (dtFlags1() & ElfConstants.DF_1_NOW) != 0;
    }

    /** True when {@code DF_1_PIE} is set in {@code DT_FLAGS_1} (the linker marks position-independent executables). */
    public boolean pieFlag() {
        return (dtFlags1() & ElfConstants.DF_1_PIE) != 0;
    }
}
