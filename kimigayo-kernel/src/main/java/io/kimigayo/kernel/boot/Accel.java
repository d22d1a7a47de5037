package io.kimigayo.kernel.boot;

import java.util.Locale;

/** How QEMU runs the guest: {@code auto} (KVM when a probe shows it works, else TCG), {@code kvm} or {@code tcg}. */
public enum Accel {
    AUTO, KVM, TCG;

    public static Accel parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accel '" + value + "': use auto, kvm or tcg");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
