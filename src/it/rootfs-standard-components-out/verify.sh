. "$IT_LIB/common.sh"
require jq tar
json=target/kimigayo/rootfs/rootfs.json
tar=target/kimigayo/rootfs/rootfs.tar
assert_eq "musl busybox openrc libcap" "$(jq -r '[.components[].name] | join(" ")' "$json")" "the components of standard with both optional ones left out"
tar -tf "$tar" > target/rootfs.list
grep -qx './etc/inittab\|etc/inittab' target/rootfs.list || fail "the rootfs is not standard's (no /etc/inittab)"
! grep -q 'etc/ssl' target/rootfs.list || fail "the CA bundle is in the rootfs: $(grep 'etc/ssl' target/rootfs.list | head -3)"
! grep -q 'usr/share/zoneinfo' target/rootfs.list || fail "the time zones are in the rootfs"
# the one line that names them says why the OS is compiled rather than prebuilt; nothing else (no build of them)
reason="compiling from source: the configuration differs from the prebuilt standard: ca-certificates left out; tzdata left out"
grep -qF "$reason" build.log || fail "the build log does not say why the prebuilt standard does not serve"
mentions=$(grep "tzdata\|ca-certificates" build.log | grep -vF "$reason" || true)
[ -z "$mentions" ] || fail "the build log mentions a left-out component: $(head -3 <<< "$mentions")"
echo "ok: standard without ca-certificates and tzdata has neither /etc/ssl nor /usr/share/zoneinfo ($(wc -l < target/rootfs.list) entries)"
