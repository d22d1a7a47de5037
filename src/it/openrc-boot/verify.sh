# build-rootfs built the standard variant (OpenRC) with a user's service (/etc/init.d/myapp through <files>, its
# runlevel link through <services>); boot-check booted it with the default kernel under QEMU.
. "$IT_LIB/common.sh"
. "$IT_LIB/kernel.sh"
require jq qemu-system-x86_64 cpio timeout
# The limit of the -icount gate below (docs/performance.md, "OpenRC boot: where the time goes"): measured 4.22-4.23 s;
# 6 % above it for changes elsewhere (kernel, BusyBox, files), below the 4.62 s of a boot that computes OpenRC's
# dependency tree and the 5.12 s with OpenRC's six disk scripts. Instruction time: the machine's load does not move
# it, so it does not flake on a busy CI machine.
ICOUNT_LIMIT_MS=4500
r=target/kimigayo/rootfs
list=$(zcat "$r/initramfs.cpio.gz" | cpio -itv --quiet 2>/dev/null)
# (grep reads a here-string: with pipefail, `echo | grep -q` fails when grep exits before echo has written it all)
grep -q " etc/runlevels/default/myapp -> /etc/init.d/myapp$" <<<"$list" \
  || fail "services did not link myapp into the default runlevel"
grep -qE "^-rwxr-xr-x .* etc/init.d/myapp$" <<<"$list" || fail "/etc/init.d/myapp is not an executable file"

b=target/kimigayo/boot/boot.json
console=target/kimigayo/boot/console.log
check_boot "$b"
assert_eq "default" "$(jq -r '.checks[] | select(.name | startswith("OpenRC runlevel")) | .actual' "$b")" "OpenRC runlevel"
started=$(jq -r '.checks[] | select(.name | startswith("OpenRC services")) | .actual' "$b")
echo "rc-status: $started"
for s in sysinit/devfs sysinit/sysfs boot/hostname boot/loopback boot/sysctl default/local default/myapp; do
  case " $started " in *" $s "*) ;; *) fail "rc-status does not show $s started: $started" ;; esac
done
# The user's service ran, in order: OpenRC's default runlevel, then the product's marker, then boot-check.
grep -q "MYAPP-RAN host=kimigayo" "$console" || fail "the user's service did not run (no MYAPP-RAN on the console)"
ran=$(grep -n "MYAPP-RAN" "$console" | head -1 | cut -d: -f1)
up=$(grep -n "Kimigayo OS is up" "$console" | head -1 | cut -d: -f1)
check=$(grep -n "KIMIGAYO-BOOT-CHECK [0-9a-f]* up" "$console" | head -1 | cut -d: -f1)
[ -n "$up" ] && [ "$ran" -lt "$up" ] && [ "$up" -lt "$check" ] || fail "expected myapp ($ran) < marker ($up) < boot-check ($check)"
echo "ok: OpenRC reached the default runlevel; myapp ran before the marker, boot-check after it"
# OpenRC's dependency tree comes with the image (/var/cache/rc/deptree, computed at build time): the boot used it
# rather than computing its own ...
! grep -q "Caching service dependencies" "$console" \
  || fail "OpenRC computed its dependency tree at boot: the image's /var/cache/rc/deptree was not used"
# ... and it is OpenRC's own: rc-depend -u, OpenRC's program, writes the same file in a chroot of the rootfs.
root=target/chroot && rm -rf "$root" && mkdir -p "$root"
zcat "$r/initramfs.cpio.gz" | (cd "$root" && cpio -idm --quiet --no-absolute-filenames 2>/dev/null) || true
[ -f "$root/var/cache/rc/deptree" ] || fail "the image has no /var/cache/rc/deptree"
run_chroot "$root" /bin/sh -c 'mkdir -p /run/openrc && /usr/lib/rc/bin/rc-depend -u' > target/rc-depend.log 2>&1 \
  || { cat target/rc-depend.log; fail "rc-depend -u failed in a chroot of the rootfs"; }
cmp -s "$root/var/cache/rc/deptree" "$root/run/openrc/deptree" \
  || { diff "$root/var/cache/rc/deptree" "$root/run/openrc/deptree"; fail "the image's deptree is not the one OpenRC computes"; }
echo "ok: the boot used the image's dependency tree, which is OpenRC's own ($(grep -c '_service=' "$root/var/cache/rc/deptree") services, rc-depend -u in a chroot)"
# The default kernel has no IPv4: loopback says it has nothing to do rather than failing the boot runlevel.
grep -q "Not bringing up lo: the kernel has no IPv4 networking" "$console" || fail "loopback did not explain itself"
# No shell without a password: the product's inittab offers getty + login, never a shell.
zcat "$r/initramfs.cpio.gz" | cpio -i --quiet --to-stdout etc/inittab > target/inittab 2>/dev/null
grep -q "^ttyS0::respawn:/sbin/getty " target/inittab || fail "the inittab offers no getty on ttyS0"
! grep -qE ":(respawn|askfirst|once|wait):-?/bin/(sh|ash)" target/inittab || fail "the inittab hands out a shell"
# The product's initramfs is untouched: the check overlay went into a copy.
! zcat "$r/initramfs.cpio.gz" | cpio -it --quiet 2>/dev/null | grep -q kimigayo-boot-check \
  || fail "the check script leaked into the product's initramfs"

ms=$(jq -r .timeToMarkerMillis "$b")
init=$(jq -r .timeToInitMillis "$b")
# The goal is 1.5 s under TCG; OpenRC's shell services take seconds there (docs/performance.md has the breakdown).
echo "BOOT TIME (OpenRC): $(jq -r .machine "$b")/$(jq -r .accelerator "$b"): marker after $(seconds "$ms") s, /init after $(seconds "$init") s (goal 1.5 s; load average $(cut -d' ' -f1 /proc/loadavg))"
[ "$ms" -lt 10000 ] || fail "the system took $(seconds "$ms") s to come up with OpenRC; Kimigayo promises under 10 s"
# Wall time under TCG swings 2x with the load of a shared 2-core machine (4.2-9 s seen for the same boot), so the
# tight gate is on the boot's work: the same initrd booted under -icount, where the guest clock counts instructions.
guest=$(icount_uptime_ms "$b" target/icount-console.log)
echo "BOOT WORK (OpenRC): guest uptime at the check under -icount shift=3: $(seconds "$guest") s (limit $(seconds "$ICOUNT_LIMIT_MS") s)"
grep -q "KIMIGAYO-BOOT-CHECK [0-9a-f]* openrc:runlevel=default" target/icount-console.log \
  || fail "the -icount boot did not reach the default runlevel"
[ "$guest" -le "$ICOUNT_LIMIT_MS" ] || fail "the boot's work grew: guest uptime at the check under -icount is $(seconds "$guest") s, above $(seconds "$ICOUNT_LIMIT_MS") s"
