# build for linux/amd64 and linux/arm64: one image index; each platform's image carries its own machine's Java
# runtime and runs: amd64 natively, arm64 under qemu-aarch64-static, both under chroot as the image's user.
. "$IT_LIB/common.sh"
require skopeo umoci jq readelf qemu-aarch64-static
[ "$(uname -m)" = x86_64 ] || fail "this test builds linux/arm64 as the foreign platform; run it on x86_64"
out=target/kimigayo
layout=$out/image
work=$(mktemp -d /tmp/kimigayo-java-two.XXXXXX)
cleanup() {
  for b in "$work"/*-bundle; do umount "$b/rootfs/proc" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# skopeo sees one index of both platforms, and image.digest is its digest.
check_two_platform_index "oci:$layout:1.0" "$out/image.digest" build.log "$work/index.json"

manifest_of() { jq -r --arg a "$1" '.manifests[] | select(.platform.architecture == $a) | .digest' "$work/index.json"; }
amd=$(manifest_of amd64)
arm=$(manifest_of arm64)
layers() { jq -r '.layers[].digest' "$layout/blobs/sha256/${1#sha256:}"; }
mapfile -t amd_layers < <(layers "$amd")
mapfile -t arm_layers < <(layers "$arm")
assert_eq "6" "${#arm_layers[@]}" "arm64 layers: rootfs, runtime, dependencies, class path, classes, SBOMs"
[ "${amd_layers[0]}" != "${arm_layers[0]}" ] || fail "both platforms have the same rootfs layer"
[ "${amd_layers[1]}" != "${arm_layers[1]}" ] || fail "both platforms have the same runtime layer"
assert_eq "${amd_layers[*]:2:3}" "${arm_layers[*]:2:3}" "the application layers, shared by both platforms"
[ "${amd_layers[5]}" != "${arm_layers[5]}" ] || fail "both platforms have the same SBOM layer"
for platform in linux-amd64 linux-arm64; do
  for f in "image-$platform.cdx.json" "image-$platform.spdx.json"; do
    [ -f "$out/sbom/$f" ] || fail "target/kimigayo/sbom/$f is missing"
  done
  assert_eq "linux/${platform#linux-}" "$(jq -r '.metadata.component.properties[] | select(.name == "kimigayo:platform") | .value' "$out/sbom/image-$platform.cdx.json" | cut -d/ -f1,2)" \
    "the platform image-$platform.cdx.json describes"
done

# Each platform taken out by skopeo and unpacked by umoci (the strict judges).
for oci in amd64 arm64; do
  skopeo copy -q --override-arch "$oci" "oci:$layout:1.0" "oci:$work/$oci:1.0"
  assert_eq "$(manifest_of $oci)" "$(skopeo inspect --format '{{.Digest}}' "oci:$work/$oci:1.0")" "skopeo's $oci manifest"
  umoci_unpack --image "$work/$oci:1.0" "$work/$oci-bundle" > /dev/null
done

run_image() { # bundle [emulator]
  local bundle=$1 emulator=${2:-} root=$1/rootfs user
  local -a args envs
  mapfile -t args < <(jq -r '.process.args[]' "$bundle/config.json")
  mapfile -t envs < <(jq -r '.process.env[]' "$bundle/config.json")
  user=$(jq -r '"\(.process.user.uid):\(.process.user.gid)"' "$bundle/config.json")
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"  # the launcher finds libjli.so through /proc/self/exe
  env -i "${envs[@]}" "$(command -v chroot)" --userspec="$user" "$root" ${emulator:+"$emulator"} "${args[@]}" \
    2> "$bundle.stderr"
}

# amd64: x86-64 files, run natively.
root=$work/amd64-bundle/rootfs
for f in opt/java/bin/java opt/java/lib/server/libjvm.so; do
  assert_eq "Advanced Micro Devices X86-64" "$(readelf -h "$root/$f" | sed -n 's/^ *Machine: *//p')" "readelf's machine of /$f (amd64)"
done
got=$(run_image "$work/amd64-bundle")
assert_eq '{"greeting":"Konnichiwa, Kimigayo","arch":"amd64","java":"OpenJDK 64-Bit Server VM"}' "$got" "the amd64 image's line"

# arm64: every ELF file of the runtime and its libraries is AArch64 (readelf), glibc's aarch64 loader is there, and
# the libraries came from the aarch64 sysroot, not from this machine.
root=$work/arm64-bundle/rootfs
elves=0
while IFS= read -r f; do
  assert_eq "AArch64" "$(readelf -h "$f" | sed -n 's/^ *Machine: *//p')" "readelf's machine of ${f#"$root"}"
  elves=$((elves + 1))
done < <(find "$root/opt/java" "$root/lib" "$root/usr/lib" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
[ "$elves" -ge 10 ] || fail "expected at least 10 ELF files in the arm64 image, found $elves"
[ -f "$root/lib/ld-linux-aarch64.so.1" ] || fail "the arm64 image has no /lib/ld-linux-aarch64.so.1"
[ ! -e "$root/lib64/ld-linux-x86-64.so.2" ] || fail "the arm64 image has the x86-64 loader"
json=$out/rootfs/aarch64/rootfs.json
assert_eq "/lib/ld-linux-aarch64.so.1" "$(jq -r '.javaRuntime.nativeLibraries[0].path' "$json")" "aarch64 loader recorded"
assert_eq "0" "$(jq '[.javaRuntime.nativeLibraries[] | select(.origin | startswith("/opt/kimigayo/sysroot/aarch64/") | not)] | length' "$json")" \
  "aarch64 libraries taken from elsewhere than the sysroot"
assert_eq "0" "$(jq '[.javaRuntime.audit[] | select(.problems | length > 0)] | length' "$json")" "arm64 runtime files failing the audit"
grep -q "image for aarch64" build.log && fail "a warning about one-machine native code, but the app has none"

# arm64 runs under qemu-aarch64-static (placed in the unpacked tree for this test only; binfmt_misc may be missing).
install -m 0755 "$(command -v qemu-aarch64-static)" "$root/qemu-aarch64-static"
start=$(date +%s%N)
got=$(run_image "$work/arm64-bundle" /qemu-aarch64-static) || { cat "$work/arm64-bundle.stderr"; fail "the arm64 image failed"; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))
assert_eq '{"greeting":"Konnichiwa, Kimigayo","arch":"aarch64","java":"OpenJDK 64-Bit Server VM"}' "$got" "the arm64 image's line under qemu"
grep -q "starting with 1 argument" "$work/arm64-bundle.stderr" || fail "the arm64 app's log line (slf4j-simple) is missing"
echo "ok: the arm64 image ran under qemu-aarch64-static in $ms ms"

# image.tar holds the host's platform (amd64) only.
amd_config=$(jq -r .config.digest "$layout/blobs/sha256/${amd#sha256:}")
assert_eq "${amd_config#sha256:}.json" "$(tar -xOf "$out/image.tar" manifest.json | jq -r '.[0].Config')" \
  "image.tar's config (the host's platform)"
grep -q "image.tar holds linux/amd64" build.log || fail "the build log does not say which platform image.tar holds"
