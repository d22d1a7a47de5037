. "$IT_LIB/common.sh"
. "$IT_LIB/rootfs.sh"
require umoci skopeo jq checksec
json=target/kimigayo/rootfs/rootfs.json
work=target/judge && rm -rf "$work" && mkdir -p "$work"
unpack_image target/kimigayo/image:minimal "$work/bundle"
root="$work/bundle/rootfs"
check_applets "$root"
check_no_package_manager "$root"
check_checksec_agrees "$root" "$json"
check_gzip_size "$json" 1048576 minimal
check_script_idioms "$root" minimal
check_busybox_testsuite "$root" "$json" minimal "$work"
assert_eq "0" "$(jq '[.audit[] | select(.problems | length > 0)] | length' "$json")" "executables failing the audit"
[ "$(zcat target/kimigayo/rootfs/initramfs.cpio.gz | cpio -it 2>/dev/null | grep -cx 'bin/busybox')" = 1 ] || fail "initramfs lacks bin/busybox"
echo "ok: initramfs.cpio.gz lists bin/busybox"

[ ! -e "$root/etc/inittab" ] || fail "minimal has an inittab"
[ ! -e "$root/etc/ssl" ] || fail "minimal has /etc/ssl (the CA bundle is standard's)"
[ ! -e "$root/usr/share/zoneinfo" ] || fail "minimal has /usr/share/zoneinfo (an optional component, not asked for)"
assert_eq "musl busybox" "$(jq -r '[.components[].name] | join(" ")' "$json")" "minimal's components"

# A second build with nothing changed compiles nothing.
start=$(date +%s)
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package > "$work/rebuild.log" 2>&1 || { tail -40 "$work/rebuild.log"; fail "rebuild failed"; }
seconds=$(( $(date +%s) - start ))
grep -q "musl 1.2.5: up to date" "$work/rebuild.log" || fail "musl was not taken from the cache"
grep -q "busybox 1.37.0 (minimal): up to date" "$work/rebuild.log" || fail "busybox was not taken from the cache"
! grep -qE "objects compiled|: make -j|: configure" "$work/rebuild.log" || fail "the rebuild compiled something"
echo "ok: the unchanged rebuild compiled nothing and took $seconds s"
