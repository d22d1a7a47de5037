package io.kimigayo.rootfs.nativebuild;

import java.util.Locale;

/**
 * A machine Kimigayo builds a userland for, under its Kimigayo name ({@code x86_64}, {@code aarch64}, as
 * {@code uname -m} and musl spell them), with the GNU triplet of its Debian cross toolchain and the ELF
 * {@code e_machine} its binaries carry. The Debian and OCI names ({@code amd64}, {@code arm64}) name the same machines.
 */
public enum TargetArch {

    X86_64("x86_64", "amd64", 62),
    AARCH64("aarch64", "arm64", 183);

    private final String id;
    private final String debianName;
    private final int elfMachine;

    TargetArch(String id, String debianName, int elfMachine) {
        this.id = id;
        this.debianName = debianName;
        this.elfMachine = elfMachine;
    }

    /** Kimigayo's name: {@code x86_64} or {@code aarch64}, as in rootfs.json and musl's loader name. */
    public String id() {
        return id;
    }

    /** Debian's (and OCI's) name: {@code amd64} or {@code arm64}, as in {@code gcc-aarch64-linux-gnu}'s arch. */
    public String debianName() {
        return debianName;
    }

    /** The GNU triplet of Debian's toolchain for it: {@code x86_64-linux-gnu}, {@code aarch64-linux-gnu}. */
    public String gnuTriplet() {
        return id + "-linux-gnu";
    }

    /** The ELF {@code e_machine} of its binaries (EM_X86_64 = 62, EM_AARCH64 = 183). */
    public int elfMachine() {
        return elfMachine;
    }

    /** The path of musl's dynamic loader for it in the image: {@code /lib/ld-musl-aarch64.so.1}. */
    public String muslLoader() {
        return "/lib/ld-musl-" + id + ".so.1";
    }

    /**
     * {@code x86_64}/{@code amd64} or {@code aarch64}/{@code arm64}, in any case, with surrounding blanks ignored.
     *
     * @throws IllegalArgumentException naming the machine and the ones Kimigayo builds
     */
    public static TargetArch parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (TargetArch arch : values()) {
            if (arch.id.equals(n) || arch.debianName.equals(n)) {
                return arch;
            }
        }
        throw new IllegalArgumentException("arch '" + name + "' is not one Kimigayo builds; use x86_64 (amd64) or "
                + "aarch64 (arm64)");
    }

    /** The machine this JVM runs on ({@code os.arch}). */
    public static TargetArch host() {
        return parse(System.getProperty("os.arch"));
    }
}
