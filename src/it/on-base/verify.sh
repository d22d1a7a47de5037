. "$IT_LIB/common.sh"
require umoci skopeo jq
out=target/kimigayo
base=../pack-scratch/target/kimigayo
work=target/judge
rm -rf "$work" && mkdir -p "$work"
grep -q "Apache Maven 3\.8" build.log || fail "on-base did not run with the distribution's Maven 3.8 (see build.log)"

config=$(skopeo inspect --config "oci:$out/image:2.0")
base_config=$(skopeo inspect --config "oci:$base/image:1.0")
assert_eq 2 "$(jq '.rootfs.diff_ids | length' <<<"$config")" "layers: base + app"
assert_eq "$(jq -c '.rootfs.diff_ids[0]' <<<"$base_config")" "$(jq -c '.rootfs.diff_ids[0]' <<<"$config")" "base diff_id reused"
assert_eq 2 "$(jq '.history | length' <<<"$config")" "history entries"
assert_eq "null" "$(jq -c .config.Cmd <<<"$config")" "a new entrypoint drops the base's cmd"
assert_eq '["53/udp","8080/tcp"]' "$(jq -c '.config.ExposedPorts | keys' <<<"$config")" "ports inherited"

manifest=$(skopeo inspect --raw "oci:$out/image:2.0")
base_manifest=$(skopeo inspect --raw "oci:$base/image:1.0")
assert_eq "$(jq -c '.layers[0]' <<<"$base_manifest")" "$(jq -c '.layers[0]' <<<"$manifest")" "base layer blob reused byte for byte"
cmp "$base/image/blobs/sha256/$(jq -r '.layers[0].digest' <<<"$manifest" | cut -d: -f2)" \
    "$out/image/blobs/sha256/$(jq -r '.layers[0].digest' <<<"$manifest" | cut -d: -f2)" || fail "base layer bytes differ"

# All three outputs through real readers, each unpacked strictly by umoci.
umoci_unpack --image "$out/image:2.0" "$work/bundle"
skopeo copy "oci-archive:$out/image.oci.tar:2.0" "oci:$work/from-oci-archive:2.0"
umoci_unpack --image "$work/from-oci-archive:2.0" "$work/bundle-oci-archive"
skopeo copy "docker-archive:$out/image.tar" "oci:$work/from-docker:2.0"
umoci_unpack --image "$work/from-docker:2.0" "$work/bundle-docker"
diff -r --no-dereference "$work/bundle/rootfs" "$work/bundle-oci-archive/rootfs" || fail "oci-archive differs"
diff -r --no-dereference "$work/bundle/rootfs" "$work/bundle-docker/rootfs" || fail "docker-archive differs"

root="$work/bundle/rootfs"
[ ! -e "$root/app/notes.bak" ] || fail "an excluded file was packed"
assert_eq "65532:65532" "$(stat -c %u:%g "$root/app/hello.sh")" "layer owner"
mapfile -t args < <(jq -r '.process.args[]' "$work/bundle/config.json")
mapfile -t envs < <(jq -r '.process.env[]' "$work/bundle/config.json")
cwd=$(jq -r .process.cwd "$work/bundle/config.json")
output=$(run_chroot --userspec=65532:65532 "$root" /bin/busybox env -i "${envs[@]}" /bin/busybox sh -c 'cd "$0" && exec "$@"' "$cwd" "${args[@]}")
assert_eq "konnichiwa from on-base as 65532 in /var/empty" "$output" "entrypoint as the image's user, with the base's environment"
