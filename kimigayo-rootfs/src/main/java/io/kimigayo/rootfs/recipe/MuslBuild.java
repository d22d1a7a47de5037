package io.kimigayo.rootfs.recipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A compiled musl: the files {@code make install DESTDIR=...} produced, cached.
 *
 * @param entry    the cache entry; the install tree is in {@code dest/}
 * @param cacheKey the build's key, an input of everything compiled against this musl
 * @param arch     the machine (x86_64, aarch64)
 */
public record MuslBuild(Path entry, String cacheKey, String arch) {

    public Path destination() {
        return entry.resolve("dest");
    }

    /** The dynamic loader's path in the image, {@code /lib/ld-musl-x86_64.so.1}. */
    public String loaderPath() {
        return "/lib/ld-musl-" + arch + ".so.1";
    }

    /** The shared libc, which is also the loader. */
    public Path libc() {
        return destination().resolve("usr/lib/libc.so");
    }

    /**
     * Writes a gcc specs file that compiles and links against this musl instead of the host's C library (musl's
     * own {@code musl-gcc.specs}, pointed at this install tree): headers, crt files and libc from here, the
     * dynamic loader path of the image.
     */
    public Path writeSpecs(Path file) throws IOException {
        String inc = destination().resolve("usr/include").toString();
        String lib = destination().resolve("usr/lib").toString();
        String specs = "%rename cpp_options old_cpp_options\n\n"
                + "*cpp_options:\n-nostdinc -isystem " + inc + " -isystem include%s %(old_cpp_options)\n\n"
                + "*cc1:\n%(cc1_cpu) -nostdinc -isystem " + inc + " -isystem include%s\n\n"
                + "*link_libgcc:\n-L" + lib + " -L .%s\n\n"
                + "*libgcc:\nlibgcc.a%s %:if-exists(libgcc_eh.a%s)\n\n"
                + "*startfile:\n%{!shared: " + lib + "/Scrt1.o} " + lib + "/crti.o crtbeginS.o%s\n\n"
                + "*endfile:\ncrtendS.o%s " + lib + "/crtn.o\n\n"
                + "*link:\n-dynamic-linker " + loaderPath() + " -nostdlib %{shared:-shared} %{static:-static} "
                + "%{rdynamic:-export-dynamic}\n\n"
                + "*esp_link:\n\n\n*esp_options:\n\n\n*esp_cpp_options:\n\n\n";
        Files.writeString(file, specs, StandardCharsets.UTF_8);
        return file;
    }
}
