. "$IT_LIB/common.sh"
require jq tar
json=target/kimigayo/rootfs/rootfs.json
tar=target/kimigayo/rootfs/rootfs.tar
assert_eq "musl busybox openrc libcap" "$(jq -r '[.components[].name] | join(" ")' "$json")" "the components of standard with both optional ones left out"
tar -tf "$tar" > target/rootfs.list
grep -qx './etc/inittab\|etc/inittab' target/rootfs.list || fail "the rootfs is not standard's (no /etc/inittab)"
! grep -q 'etc/ssl' target/rootfs.list || fail "the CA bundle is in the rootfs: $(grep 'etc/ssl' target/rootfs.list | head -3)"
! grep -q 'usr/share/zoneinfo' target/rootfs.list || fail "the time zones are in the rootfs"
! grep -q "tzdata\|ca-certificates" build.log || fail "the build log mentions a left-out component: $(grep 'tzdata\|ca-certificates' build.log | head -3)"
echo "ok: standard without ca-certificates and tzdata has neither /etc/ssl nor /usr/share/zoneinfo ($(wc -l < target/rootfs.list) entries)"
