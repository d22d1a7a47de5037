package io.kimigayo.kernel.boot;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small cpio archive boot-check appends to the product's initramfs (the kernel unpacks concatenated archives in
 * order, later files replacing earlier ones), so the image itself is never changed. It holds a check script and an
 * {@code /etc/inittab} that is the product's own plus one line: BusyBox init runs the script as a {@code wait} action,
 * that is after every {@code sysinit} action (rcS) has finished and after the product's own {@code wait} actions (an
 * OpenRC rootfs's {@code openrc default}), when the system is up. The script prints the marker, the guest's own uptime
 * then (its clock: under QEMU's {@code -icount} a count of instructions, which the host's load does not change), what
 * the running kernel promises (ASLR, seccomp, its release and machine), on an OpenRC rootfs the runlevel and the state
 * of every service of the sysinit, boot and default runlevels as {@code rc-status} shows them, and reboots; with
 * {@code -no-reboot} QEMU then exits.
 */
public final class BootOverlay {

    /** Where the check script lands in the guest. */
    public static final String SCRIPT = "kimigayo-boot-check";

    /** BusyBox init's behaviour without an inittab, for rootfs trees that rely on it. */
    static final String BUSYBOX_DEFAULT_INITTAB = "::sysinit:/etc/init.d/rcS\n";

    private BootOverlay() {
    }

    /** Every line the script prints starts with this, then the nonce, then what it reports. */
    public static String prefix(String nonce) {
        return "KIMIGAYO-BOOT-CHECK " + nonce + " ";
    }

    /** The overlay for this initramfs; {@code nonce} makes the marker unique to this boot. */
    public static byte[] overlay(Map<String, InitramfsReader.Entry> product, String nonce) throws IOException {
        InitramfsReader.Entry existing = product.get("etc/inittab");
        String inittab = existing == null ? BUSYBOX_DEFAULT_INITTAB
                : new String(existing.data(), StandardCharsets.UTF_8);
        if (!inittab.isEmpty() && !inittab.endsWith("\n")) {
            inittab += "\n";
        }
        inittab += "# added by Kimigayo's boot-check (not part of the image)\n::wait:/" + SCRIPT + "\n";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("etc/inittab", inittab.getBytes(StandardCharsets.UTF_8));
        files.put(SCRIPT, script(nonce).getBytes(StandardCharsets.UTF_8));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW, 4,
                StandardCharsets.UTF_8.name())) {
            long inode = 0x4b494d00L;
            InitramfsReader.Entry etc = product.get("etc");
            if (etc == null || !etc.isDirectory()) {
                // Only when the image has no /etc: an entry for an existing directory would reset its mode.
                CpioArchiveEntry dir = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, "etc");
                dir.setMode(CpioConstants.C_ISDIR | 0755);
                dir.setInode(inode++);
                dir.setNumberOfLinks(2);
                cpio.putArchiveEntry(dir);
                cpio.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, f.getKey());
                e.setMode(CpioConstants.C_ISREG | (f.getKey().equals(SCRIPT) ? 0755 : 0644));
                e.setInode(inode++);
                e.setNumberOfLinks(1);
                e.setSize(f.getValue().length);
                cpio.putArchiveEntry(e);
                cpio.write(f.getValue());
                cpio.closeArchiveEntry();
            }
            cpio.finish();
        }
        return out.toByteArray();
    }

    /**
     * The product's initramfs with the overlay appended. The kernel looks for an uncompressed archive only at a
     * 4-byte boundary (and skips zero bytes), so the product's bytes are padded with zeros to one.
     */
    public static byte[] append(byte[] initramfs, byte[] overlay) {
        int pad = (4 - initramfs.length % 4) % 4;
        byte[] all = new byte[initramfs.length + pad + overlay.length];
        System.arraycopy(initramfs, 0, all, 0, initramfs.length);
        System.arraycopy(overlay, 0, all, initramfs.length + pad, overlay.length);
        return all;
    }

    static String script(String nonce) {
        String p = prefix(nonce);
        return """
                #!/bin/sh
                # Kimigayo boot-check: run by init once the system is up; reports what the kernel promises, then
                # reboots (QEMU runs with -no-reboot, so it exits). Added by boot-check; not part of the image.
                p='%s'
                echo "${p}up"
                [ -r /proc/self/status ] || mount -t proc proc /proc
                read -r uptime _ </proc/uptime && echo "${p}uptime=$uptime"
                echo "${p}randomize_va_space=$(cat /proc/sys/kernel/randomize_va_space 2>/dev/null)"
                grep '^Seccomp' /proc/self/status | tr -d ' \\t' | while read -r field; do echo "${p}status:$field"; done
                echo "${p}release=$(uname -r)"
                echo "${p}machine=$(uname -m)"
                if command -v rc-status >/dev/null 2>&1; then
                  echo "${p}openrc:runlevel=$(rc-status --runlevel 2>/dev/null)"
                  rc-status -a 2>/dev/null | awk -v p="${p}openrc:" \\
                    '/^Runlevel: /{rl=$2; next} /^Dynamic/{rl="dynamic"; next} $2=="[" {print p rl ":" $1 "=" $3}'
                fi
                echo "${p}done"
                reboot -f
                """.formatted(p);
    }
}
