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
    /** Reserved: defined by a later release. */
    EXTENDED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a variant name; {@code extended} is refused until it exists, never silently replaced. */
    public static Variant parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Variant v : values()) {
            if (v.id().equals(wanted)) {
                if (v == EXTENDED) {
                    throw new IllegalArgumentException("variant 'extended' is not available yet; choose minimal or "
                            + "standard");
                }
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + text + "'; choose " + Arrays.stream(values())
                .filter(v -> v != EXTENDED).map(Variant::id).collect(Collectors.joining(" or ")));
    }
}
