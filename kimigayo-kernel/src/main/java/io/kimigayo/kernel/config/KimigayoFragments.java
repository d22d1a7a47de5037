package io.kimigayo.kernel.config;

import io.kimigayo.kernel.build.KernelArch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Kimigayo's own fragments, shipped in this module: the boot baseline and the hardening baseline of each arch. */
public final class KimigayoFragments {

    private KimigayoFragments() {
    }

    /** What booting an initramfs on a serial console and running the userland needs. */
    public static ConfigFragment baseline(KernelArch arch) {
        return load("baseline", ConfigFragment.Kind.BASELINE, arch);
    }

    /** The hardening options; each must stick. */
    public static ConfigFragment hardening(KernelArch arch) {
        return load("hardening", ConfigFragment.Kind.HARDENING, arch);
    }

    private static ConfigFragment load(String name, ConfigFragment.Kind kind, KernelArch arch) {
        String resource = name + "-" + arch.id() + ".config";
        try (InputStream in = KimigayoFragments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Kimigayo has no " + name + " fragment for " + arch.id()
                        + " yet");
            }
            return ConfigFragment.parse(name, kind, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
