# The SBOMs of a Kimigayo OS image: where scanners look for them inside the image, the same in target/kimigayo/sbom,
# valid for the CycloneDX and SPDX projects' own readers (which reject a broken copy), naming musl 1.2.5 by purl and
# CPE, with the pinned source digests of rootfs.json and the digests of the image's own files.
. "$IT_LIB/common.sh"
. "$IT_LIB/sbom.sh"
require umoci skopeo jq node java sha256sum
out=target/kimigayo
json=$out/rootfs/rootfs.json
work=target/judge && rm -rf "$work" && mkdir -p "$work"

for f in image.cdx.json image.spdx.json; do
  [ -f "$out/sbom/$f" ] || fail "target/kimigayo/sbom/$f is missing"
done
grep -q "Wrote .*/target/kimigayo/sbom" build.log || fail "the build log does not name the sbom outputs"

# skopeo copies the image out; umoci (the strictest OCI judge) unpacks it.
skopeo copy -q "oci:$out/image:1.0" "oci:$work/copy:1.0"
umoci_unpack --image "$work/copy:1.0" "$work/bundle" > /dev/null
root="$work/bundle/rootfs"
in_image="$root/usr/share/kimigayo/sbom"
ls -l "$in_image"
for f in image.cdx.json image.spdx.json; do
  cmp "$in_image/$f" "$out/sbom/$f" || fail "/usr/share/kimigayo/sbom/$f differs from target/kimigayo/sbom/$f"
done
echo "ok: the image holds the SBOMs of target/kimigayo/sbom at /usr/share/kimigayo/sbom"

# The SBOMs are the last layer, alone: they describe every layer below them.
manifest=$(jq -r '.manifests[0].digest' "$out/image/index.json")
last=$(jq -r '.layers[-1].digest' "$out/image/blobs/sha256/${manifest#sha256:}")
assert_eq "usr/ usr/share/ usr/share/kimigayo/ usr/share/kimigayo/sbom/ usr/share/kimigayo/sbom/image.cdx.json usr/share/kimigayo/sbom/image.spdx.json" \
  "$(tar -tzf "$out/image/blobs/sha256/${last#sha256:}" | tr '\n' ' ' | sed 's/ $//')" "the last layer's entries"
diff_ids=$(jq -r '.rootfs.diff_ids[:-1] | join(" ")' "$out/image/blobs/sha256/$(jq -r .config.digest "$out/image/blobs/sha256/${manifest#sha256:}" | cut -d: -f2)")
assert_eq "$diff_ids" "$(jq -r '[.metadata.component.properties[] | select(.name | startswith("kimigayo:layer:")) | .value] | join(" ")' "$in_image/image.cdx.json")" \
  "the layers the SBOM describes (the image's diff IDs below it)"

# The second readers: the CycloneDX project's JavaScript library and the SPDX project's Java tools.
cdx_validate "$in_image/image.cdx.json" || fail "the CycloneDX library rejects the image's image.cdx.json"
spdx_verify "$in_image/image.spdx.json" || fail "the SPDX tools reject the image's image.spdx.json"
# ... and they can say no: a component of an unknown type, a relationship to an element that does not exist.
jq '.components[0].type = "gadget"' "$in_image/image.cdx.json" > "$work/broken.cdx.json"
if cdx_validate "$work/broken.cdx.json" > "$work/broken-cdx.log"; then fail "the CycloneDX library accepted a component of type gadget"; fi
echo "ok: the CycloneDX library rejects a component of type gadget"
jq '.relationships[0].relatedSpdxElement = "SPDXRef-Nothing"' "$in_image/image.spdx.json" > "$work/broken.spdx.json"
if spdx_verify "$work/broken.spdx.json" > "$work/broken-spdx.log"; then fail "the SPDX tools accepted a relationship to SPDXRef-Nothing"; fi
echo "ok: the SPDX tools reject a relationship to an element that does not exist"

# The scanner's view, and what the SBOM says against what the build made.
check_os_components "$in_image/image.cdx.json" "$in_image/image.spdx.json" "$json"
for archive in musl-1.2.5.tar.gz busybox-1.37.0.tar.bz2; do
  if [ -f "$SOURCE_MIRRORS/$archive" ]; then
    name=${archive%%-*}
    assert_eq "$(sha256sum "$SOURCE_MIRRORS/$archive" | cut -d' ' -f1)" \
      "$(jq -r --arg n "$name" '.components[] | select(.name == $n) | .externalReferences[0].hashes[0].content' "$in_image/image.cdx.json")" \
      "the SBOM's digest of $archive against sha256sum of the mirror's file"
  fi
done
assert_eq "os/musl os/libcap" "$(jq -r '.dependencies[] | select(.ref == "os/openrc") | .dependsOn | join(" ")' "$in_image/image.cdx.json")" \
  "OpenRC's dependencies"
assert_eq "1.0" "$(jq -r '.metadata.component.version' "$in_image/image.cdx.json")" "the image's tag in the SBOM"
check_file_digests "$in_image/image.cdx.json" "$root"
jq -e '.components[] | select(.type == "file" and .name == "/bin/busybox")' "$in_image/image.cdx.json" > /dev/null \
  || fail "/bin/busybox is not among the SBOM's files"
assert_eq "$(sha256sum "$root/usr/lib/libc.so" | cut -d' ' -f1)" \
  "$(jq -r '.files[] | select(.fileName == "./usr/lib/libc.so") | .checksums[] | select(.algorithm == "SHA256") | .checksumValue' "$in_image/image.spdx.json")" \
  "SPDX: the SHA-256 of musl's libc.so (also its loader, /lib/ld-musl-*.so.1)"

# Reproducible: the build timestamp, and a serial number that is a function of the image, not of the clock.
assert_eq "2026-01-01T00:00:00Z" "$(jq -r .metadata.timestamp "$in_image/image.cdx.json")" "CycloneDX timestamp"
assert_eq "2026-01-01T00:00:00Z" "$(jq -r .creationInfo.created "$in_image/image.spdx.json")" "SPDX created"
serial=$(jq -r .serialNumber "$in_image/image.cdx.json")
[[ $(jq -r .documentNamespace "$in_image/image.spdx.json") == *"${serial#urn:uuid:}" ]] \
  || fail "the SPDX namespace does not end in the CycloneDX serial number"
digest=$(cat "$out/image.digest")
"$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package \
  > "$work/again.log" 2>&1 || { tail -40 "$work/again.log"; fail "the second build failed"; }
assert_eq "$digest" "$(cat "$out/image.digest")" "the image digest of a second build"
