# Judges the image with umoci and skopeo, then runs it.
. "$IT_LIB/common.sh"
require umoci skopeo jq
out=target/kimigayo
work=target/judge
rm -rf "$work" && mkdir -p "$work"

digest=$(cat "$out/image.digest")
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || fail "image.digest holds '$digest'"
[ -z "$(find "$out" -name '.staging-*')" ] || fail "a staging directory was left in $out"

# skopeo reads both outputs and agrees on the digest of the layout.
skopeo inspect "oci:$out/image:1.0" > "$work/inspect-oci.json"
assert_eq "$digest" "$(jq -r .Digest "$work/inspect-oci.json")" "skopeo's digest of oci:image:1.0"
assert_eq "$digest" "$(skopeo inspect "oci:$out/image:latest" | jq -r .Digest)" "skopeo's digest of oci:image:latest"
skopeo inspect "docker-archive:$out/image.tar" > "$work/inspect-docker.json"
assert_eq "1" "$(jq '.Layers | length' "$work/inspect-docker.json")" "layers in the docker-archive"
skopeo inspect --config "docker-archive:$out/image.tar" > "$work/config-docker.json"
skopeo inspect --config "oci:$out/image:1.0" > "$work/config-oci.json"
cmp "$work/config-docker.json" "$work/config-oci.json" || fail "docker-archive and OCI layout carry different configs"
assert_eq '["/bin/sh","-c"]' "$(jq -c .config.Entrypoint "$work/config-oci.json")" "Entrypoint"
assert_eq '["53/udp","8080/tcp"]' "$(jq -c '.config.ExposedPorts | keys' "$work/config-oci.json")" "ExposedPorts"
assert_eq "2026-01-01T00:00:00Z" "$(jq -r .created "$work/config-oci.json")" "created"
assert_eq "amd64 linux" "$(jq -r '.architecture + " " + .os' "$work/config-oci.json")" "platform"

# umoci checks every blob's digest and size and every layer's diff_id while unpacking.
umoci_unpack --image "$out/image:1.0" "$work/bundle"
# The docker-archive goes through skopeo into a second layout, which umoci unpacks just as strictly.
skopeo copy "docker-archive:$out/image.tar" "oci:$work/from-docker:1.0"
umoci_unpack --image "$work/from-docker:1.0" "$work/bundle-docker"
diff -r --no-dereference "$work/bundle/rootfs" "$work/bundle-docker/rootfs" || fail "docker-archive and layout unpack differently"

root="$work/bundle/rootfs"
assert_eq "4755" "$(stat -c %a "$root/usr/bin/suid-tool")" "setuid mode kept"
assert_eq "755" "$(stat -c %a "$root/bin/busybox")" "executable mode"
assert_eq "644" "$(stat -c %a "$root/$LONG_PATH")" "file mode"
assert_eq "busybox" "$(readlink "$root/bin/sh")" "symlink target"
assert_eq "$(stat -c %i "$root/bin/busybox")" "$(stat -c %i "$root/bin/ls")" "hard link shares the inode"
assert_eq "long" "$(cat "$root/$LONG_PATH")" "150-character path"
assert_eq "さざれ石" "$(cat "$root/$NON_ASCII_PATH")" "non-ASCII name"
[ -d "$root/var/empty" ] && [ -z "$(ls -A "$root/var/empty")" ] || fail "empty directory missing or not empty"
echo "ok: empty directory"

# Run what the config says, exactly: entrypoint + cmd, in the working directory, with the environment.
mapfile -t args < <(jq -r '.process.args[]' "$work/bundle/config.json")
cwd=$(jq -r .process.cwd "$work/bundle/config.json")
mapfile -t envs < <(jq -r '.process.env[]' "$work/bundle/config.json")
output=$(run_chroot "$root" /bin/busybox env -i "${envs[@]}" /bin/busybox sh -c 'cd "$0" && exec "$@"' "$cwd" "${args[@]}")
assert_eq "konnichiwa from /var/empty" "$output" "the image's entrypoint + cmd"
assert_eq "3" "$(run_chroot "$root" /bin/sh -c 'echo $((1 + 2))')" "shell arithmetic"
grep -qx var <<<"$(run_chroot "$root" /bin/ls /)" || fail "ls inside the image does not list /var"
echo "ok: the packed BusyBox runs"
