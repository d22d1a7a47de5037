. "$IT_LIB/common.sh"
. "$IT_LIB/rootfs.sh"
require umoci skopeo jq checksec openssl python3
json=target/kimigayo/rootfs/rootfs.json
work=target/judge && rm -rf "$work" && mkdir -p "$work"
unpack_image target/kimigayo/image:standard "$work/bundle"
root="$work/bundle/rootfs"
check_applets "$root"
check_no_package_manager "$root"
check_checksec_agrees "$root" "$json"
check_gzip_size "$json" 2621440 standard
check_ca_bundle "$root" "$json" "$work"
check_zoneinfo "$root" "$json"
assert_eq "musl busybox ca-certificates tzdata openrc libcap" "$(jq -r '[.components[].name] | join(" ")' "$json")" "standard's components"
check_script_idioms "$root" standard
check_busybox_testsuite "$root" "$json" standard "$work"
[ -x "$root/sbin/init" ] && [ -f "$root/etc/inittab" ] && [ "$(readlink "$root/init")" = /bin/busybox ] || fail "standard lacks BusyBox init"
check_openrc "$root" "$json"
# As a container base, OpenRC is there but not PID 1: the image runs a shell.
assert_eq "/bin/sh" "$(jq -r '.process.args | join(" ")' "$work/bundle/config.json")" "the container's command"
assert_eq "0" "$(jq '[.audit[] | select(.problems | length > 0)] | length' "$json")" "executables failing the audit"
[ "$(zcat target/kimigayo/rootfs/initramfs.cpio.gz | cpio -it 2>/dev/null | grep -cx 'bin/busybox')" = 1 ] || fail "initramfs lacks bin/busybox"
echo "ok: initramfs.cpio.gz lists bin/busybox"

# A second build with nothing changed compiles nothing.
start=$(date +%s)
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package > "$work/rebuild.log" 2>&1 || { tail -40 "$work/rebuild.log"; fail "rebuild failed"; }
seconds=$(( $(date +%s) - start ))
grep -q "musl 1.2.5: up to date" "$work/rebuild.log" || fail "musl was not taken from the cache"
grep -q "busybox 1.37.0 (standard): up to date" "$work/rebuild.log" || fail "busybox was not taken from the cache"
grep -q "tzdata 2026b: up to date" "$work/rebuild.log" || fail "the time zones were not taken from the cache"
! grep -qE "objects compiled|: make -j|: configure|: zic" "$work/rebuild.log" || fail "the rebuild compiled something"
echo "ok: the unchanged rebuild compiled nothing and took $seconds s"
# ... and keeps the initramfs it wrote (the same rootfs.tar), which is still the one rootfs.json names.
grep -q "rootfs: initramfs.cpio.gz up to date (the same rootfs.tar)" "$work/rebuild.log" || fail "the unchanged rebuild wrote the initramfs again"
assert_eq "$(jq -r .sha256.initramfs "$json")" "$(sha256sum target/kimigayo/rootfs/initramfs.cpio.gz | cut -d' ' -f1)" "rootfs.json's initramfs sha256"
assert_eq "$(jq -r .sha256.tar "$json")" "$(sha256sum target/kimigayo/rootfs/rootfs.tar | cut -d' ' -f1)" "rootfs.json's rootfs.tar sha256"
# A damaged initramfs is not trusted: the next build writes it again.
printf 'damaged' > target/kimigayo/rootfs/initramfs.cpio.gz
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package > "$work/repair.log" 2>&1 || { tail -40 "$work/repair.log"; fail "the build after damaging the initramfs failed"; }
! grep -q "initramfs.cpio.gz up to date" "$work/repair.log" || fail "a damaged initramfs was kept"
[ "$(zcat target/kimigayo/rootfs/initramfs.cpio.gz | cpio -it 2>/dev/null | grep -cx 'bin/busybox')" = 1 ] || fail "the rewritten initramfs lacks bin/busybox"
echo "ok: an unchanged rebuild keeps the initramfs; a damaged one is written again"
