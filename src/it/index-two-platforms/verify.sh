# One invocation built the minimal rootfs for x86_64 and aarch64 and packed one OCI image index of both.
. "$IT_LIB/common.sh"
. "$IT_LIB/rootfs.sh"
require skopeo umoci jq readelf
out=target/kimigayo
layout=$out/image
work=target/judge && rm -rf "$work" && mkdir -p "$work"

# Each machine's rootfs in a directory of its own; nothing in the single-platform place.
for arch in x86_64 aarch64; do
  assert_eq "$arch" "$(jq -r .arch "$out/rootfs/$arch/rootfs.json")" "rootfs/$arch/rootfs.json's arch"
  [ -f "$out/rootfs/$arch/initramfs.cpio.gz" ] || fail "rootfs/$arch has no initramfs"
done
[ ! -e "$out/rootfs/rootfs.tar" ] || fail "a several-platform build wrote rootfs/rootfs.tar"

# skopeo (the judge) sees an index with both platforms, and image.digest is the index's digest.
check_two_platform_index "oci:$layout:minimal" "$out/image.digest" build.log "$work/index.json"
assert_eq "$index_digest" "$(jq -r '.manifests[0].digest' "$layout/index.json")" "index.json's entry"

# Each platform: skopeo copies it out by architecture, umoci unpacks it, the binaries are the platform's.
for pair in amd64:x86_64:X86-64:ld-musl-x86_64.so.1 arm64:aarch64:AArch64:ld-musl-aarch64.so.1; do
  IFS=: read -r oci arch machine loader <<< "$pair"
  expected=$(jq -r --arg a "$oci" '.manifests[] | select(.platform.architecture == $a) | .digest' "$work/index.json")
  skopeo copy -q --override-arch "$oci" "oci:$layout:minimal" "oci:$work/$oci:minimal"
  assert_eq "$expected" "$(skopeo inspect --format '{{.Digest}}' "oci:$work/$oci:minimal")" "skopeo's $oci manifest"
  assert_eq "$oci" "$(skopeo inspect --config "oci:$work/$oci:minimal" | jq -r .architecture)" "the $oci config"
  unpack_image "$work/$oci:minimal" "$work/$oci-bundle"
  root="$work/$oci-bundle/rootfs"
  assert_eq "$machine" "$(readelf -h "$root/bin/busybox" | sed -n 's/^ *Machine: *//p' | sed 's/Advanced Micro Devices //')" \
    "readelf's machine of /bin/busybox ($oci)"
  [ -L "$root/lib/$loader" ] || fail "the $oci image has no /lib/$loader"
  # the image's one layer is that machine's rootfs.tar, byte for byte (gzip over the same tar)
  layer=$(jq -r .layers[0].digest "$layout/blobs/sha256/${expected#sha256:}")
  tar_sha=$(jq -r .sha256.tar "$out/rootfs/$arch/rootfs.json")
  assert_eq "$tar_sha" "$(gzip -dc "$layout/blobs/sha256/${layer#sha256:}" | sha256sum | cut -d' ' -f1)" \
    "the $oci layer is rootfs/$arch/rootfs.tar"
done
case "$(uname -m)" in x86_64) host=amd64 ;; aarch64) host=arm64 ;; *) fail "unexpected host $(uname -m)" ;; esac
# The host's rootfs runs its applets under chroot, as in rootfs-minimal.
check_applets "$work/$host-bundle/rootfs"

# image.tar holds the host's platform only (a docker-archive has no index); the OCI archive holds the index.
host_config=$(jq -r --arg a "$host" '.manifests[] | select(.platform.architecture == $a) | .digest' "$work/index.json")
host_config=$(jq -r .config.digest "$layout/blobs/sha256/${host_config#sha256:}")
assert_eq "${host_config#sha256:}.json" "$(tar -xOf "$out/image.tar" manifest.json | jq -r '.[0].Config')" \
  "image.tar's config (the host's platform)"
grep -q "image.tar holds linux/$host" build.log || fail "the build log does not say which platform image.tar holds"
assert_eq "$index_digest" "$(skopeo inspect --raw "oci-archive:$out/image.oci.tar:minimal" | sha256sum | sed 's/^/sha256:/; s/ .*//')" \
  "the OCI archive's index"

# Built again in another directory, time zone and umask (the build cache shared): the same index, byte for byte.
other=$(mktemp -d /tmp/kimigayo-index.XXXXXX)
cp pom.xml "$other/"
(
  cd "$other"
  umask 0077
  export TZ=Pacific/Chatham LC_ALL=C.UTF-8 LANG=C.UTF-8
  "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package
) > "$work/again.log" 2>&1 || { tail -40 "$work/again.log"; fail "the build in $other failed"; }
assert_eq "$index_digest" "$(cat "$other/target/kimigayo/image.digest")" "the index digest of the build in $other"
diff -r "$layout" "$other/target/kimigayo/image" || fail "the OCI layouts differ"
echo "ok: the OCI layout built in $other is identical"
rm -rf "$other"
