package io.kimigayo.rootfs.elf;

import java.util.List;

/**
 * The binaries the tests compile with the host's gcc, each with the flags that give it a known hardening profile.
 */
enum Sample {
    /** PIE, canary, NX, full RELRO. */
    HARDENED("hardened", "hardening.c",
            List.of("-fPIE", "-pie", "-fstack-protector-all", "-Wl,-z,relro,-z,now")),
    /** Not PIE, no canary, executable stack, no RELRO. */
    UNHARDENED("unhardened", "hardening.c",
            List.of("-no-pie", "-fno-stack-protector", "-Wl,-z,execstack", "-Wl,-z,norelro")),
    /** PIE with lazy binding: partial RELRO. */
    PARTIAL_RELRO("partial-relro", "hardening.c",
            List.of("-fPIE", "-pie", "-fstack-protector-all", "-Wl,-z,relro,-z,lazy")),
    /** A shared library with a soname and a DT_RUNPATH. */
    LIBRARY("libkimigayo.so", "library.c",
            List.of("-shared", "-fPIC", "-fstack-protector-all", "-Wl,-soname,libkimigayo.so.1",
                    "-Wl,-rpath,/opt/kimigayo/lib", "-Wl,-z,relro,-z,now")),
    /** A static, non-PIE executable. */
    STATIC("static", "hardening.c", List.of("-static", "-fstack-protector-all")),
    /** A static PIE: ET_DYN with DF_1_PIE and no interpreter. */
    STATIC_PIE("static-pie", "hardening.c",
            List.of("-static-pie", "-fstack-protector-all", "-Wl,-z,relro,-z,now")),
    /** A PIE with an old-style DT_RPATH. */
    OLD_RPATH("old-rpath", "hardening.c",
            List.of("-fPIE", "-pie", "-Wl,--disable-new-dtags,-rpath,/opt/old/lib")),
    /** An object file (ET_REL). */
    OBJECT("object.o", "hardening.c", List.of("-c", "-fstack-protector-all"));

    final String fileName;
    final String source;
    final List<String> flags;

    Sample(String fileName, String source, List<String> flags) {
        this.fileName = fileName;
        this.source = source;
        this.flags = flags;
    }
}
