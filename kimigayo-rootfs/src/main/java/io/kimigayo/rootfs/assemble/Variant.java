package io.kimigayo.rootfs.assemble;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The flavours of Kimigayo OS. */
public enum Variant {
    /** musl and a BusyBox with a shell and the core file and text tools. */
    MINIMAL,
    /** musl and BusyBox's broad applet set, with BusyBox init so the rootfs also boots as an initramfs. */
    STANDARD,
    /**
     * standard plus development tools built from pinned sources against musl: BusyBox with every applet that
     * builds, GNU make, strace, TinyCC ({@code cc}) and musl's headers, {@code libc.a} and crt files.
     */
    EXTENDED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this variant carries everything {@code standard} does ({@code standard} and {@code extended}). */
    public boolean includesStandard() {
        return this != MINIMAL;
    }

    /** Parses a variant name. */
    public static Variant parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Variant v : values()) {
            if (v.id().equals(wanted)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + text + "'; choose " + Arrays.stream(values())
                .map(Variant::id).collect(Collectors.joining(", ")));
    }
}
