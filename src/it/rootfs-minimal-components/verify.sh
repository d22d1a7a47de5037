. "$IT_LIB/common.sh"
. "$IT_LIB/rootfs.sh"
require umoci skopeo jq checksec openssl python3
json=target/kimigayo/rootfs/rootfs.json
work=target/judge && rm -rf "$work" && mkdir -p "$work"
unpack_image target/kimigayo/image:minimal-components "$work/bundle"
root="$work/bundle/rootfs"
assert_eq "musl busybox ca-certificates tzdata" "$(jq -r '[.components[].name] | join(" ")' "$json")" "the components of minimal with both optional ones"
check_applets "$root"
check_checksec_agrees "$root" "$json"
assert_eq "0" "$(jq '[.audit[] | select(.problems | length > 0)] | length' "$json")" "executables failing the audit"
[ ! -e "$root/etc/inittab" ] || fail "minimal has an inittab"

# The CA bundle holds Mozilla's roots and, last, the test CA added through files.
check_ca_bundle "$root" "$json" "$work" target/test-ca/ca.pem
assert_eq "target/test-ca/server.pem: OK" "$(openssl verify -CAfile "$root/etc/ssl/certs/ca-certificates.crt" target/test-ca/server.pem 2>&1)" "openssl verify of the test server certificate with the rootfs's bundle"
assert_eq "target/test-ca/server.pem: OK" "$(openssl verify -CAfile "$root/etc/ssl/cert.pem" -purpose sslserver target/test-ca/server.pem 2>&1)" "the same through /etc/ssl/cert.pem, for a TLS server"
cmp -s target/test-ca/ca.pem "$root/usr/local/share/ca-certificates/kimigayo-it-test-ca.crt" || fail "the added CA file is not kept as added"
echo "ok: the test CA added through files verifies its server certificate with the rootfs's bundle"

check_zoneinfo "$root" "$json"
# minimal's gate holds without the optional components (rootfs-minimal); with them it is printed.
check_gzip_size "$json" 2621440 "minimal with ca-certificates and tzdata"
