# pack-oci wrote a two-platform index with the Kimigayo OS tags. Here: sign it (and each platform's manifest), push
# it to a real registry, and let skopeo, openssl and cosign judge the tags, the manifests and the signatures.
. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
trap 'stop_registry target/registry' EXIT
require skopeo jq openssl
command -v cosign >/dev/null 2>&1 || fail "cosign is not installed; run dev/install-tools (it unpacks Debian 13's cosign into /opt/kimigayo/cosign)"
layout=target/kimigayo/image
index=$(cat target/kimigayo/image.digest)
index_json=$layout/blobs/sha256/${index#sha256:}
platform_digest() { jq -r --arg a "$1" '.manifests[] | select(.platform.architecture == $a) | .digest' "$index_json"; }
amd=$(platform_digest amd64)
arm=$(platform_digest arm64)
[ -n "$amd" ] && [ -n "$arm" ] || fail "the index does not list amd64 and arm64"
mvn_run() { # log-file args...
  local log=$1; shift
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" "$@" > "$log" 2>&1
}

# The tag scheme in the layout: version and rolling tags name the index, arch tags the platforms' manifests, and
# a minimal image gets none of the standard variant's tags.
layout_tag() { jq -r --arg t "$1" '[.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest] | join(",")' "$layout/index.json"; }
assert_eq "$index" "$(layout_tag 0.1.0-minimal)" "layout tag 0.1.0-minimal"
assert_eq "$index" "$(layout_tag latest-minimal)" "layout tag latest-minimal"
assert_eq "$amd" "$(layout_tag 0.1.0-minimal-amd64)" "layout tag 0.1.0-minimal-amd64"
assert_eq "$arm" "$(layout_tag 0.1.0-minimal-arm64)" "layout tag 0.1.0-minimal-arm64"
for tag in 0.1.0 latest stable edge 0.1.0-amd64; do
  assert_eq "" "$(layout_tag $tag)" "no layout tag $tag"
done
assert_eq 4 "$(jq '[.manifests[].annotations["org.opencontainers.image.ref.name"] | select(startswith("sha256-") | not)] | length' "$layout/index.json")" "image tags in the layout"

start_registry target/registry
host=$(cat target/registry/host)
repo="$host/kimigayo-it/kimigayo-os"

# Each platform's SBOM is the one pack-oci wrote (sbom/image-linux-<arch>.cdx.json): what each platform's
# CycloneDX attestation must carry.
for arch in amd64 arm64; do
  [ -f target/kimigayo/sbom/image-linux-$arch.cdx.json ] || fail "pack-oci wrote no sbom/image-linux-$arch.cdx.json"
done

# sign: the index, and with platformSignatures each platform's manifest, as cosign sign --recursive; the index and
# each platform's manifest are attested (each platform with its own SBOM).
KIMIGAYO_PASSWORD=it-Secret-kimigayo mvn_run target/sign.log kimigayo:sign -Dkimigayo.key=keys/kimigayo.key \
  -Dkimigayo.identity="$repo" -Dkimigayo.platformSignatures=true || { cat target/sign.log; fail "sign failed"; }
grep -q "Signed $index (cosign)" target/sign.log || { cat target/sign.log; fail "sign did not sign the index"; }
grep -q "Signed platform manifest $amd" target/sign.log || fail "sign did not sign the amd64 manifest"
grep -q "Signed platform manifest $arm" target/sign.log || fail "sign did not sign the arm64 manifest"
for digest in "$index" "$amd" "$arm"; do
  grep -q "Attested $digest (https://cyclonedx.org/bom, .*https://slsa.dev/provenance/v1)" target/sign.log \
    || { grep -i attest target/sign.log; fail "sign did not attest $digest with an SBOM and a provenance"; }
done
# openssl, an independent verifier, checks each stored signature over a payload naming its digest.
for digest in "$index" "$amd" "$arm"; do
  sig_manifest=$(layout_tag "sha256-${digest#sha256:}.sig")
  [ -n "$sig_manifest" ] || fail "no signature tag for $digest in index.json"
  layer=$(jq -c '.layers[0]' "$layout/blobs/sha256/${sig_manifest#sha256:}")
  payload="$layout/blobs/sha256/$(jq -r .digest <<<"$layer" | cut -d: -f2)"
  jq -r '.annotations["dev.cosignproject.cosign/signature"]' <<<"$layer" | base64 -d > target/signature.der
  assert_eq "$digest" "$(jq -r '.critical.image["docker-manifest-digest"]' "$payload")" "payload names $digest"
  assert_eq "$repo" "$(jq -r '.critical.identity["docker-reference"]' "$payload")" "payload identity"
  assert_eq "Verified OK" "$(openssl dgst -sha256 -verify keys/kimigayo.pub -signature target/signature.der "$payload")" "openssl on the signature of $digest"
done

# verify in the layout: the index and each platform; another key is refused.
mvn_run target/verify-layout.log kimigayo:verify -Dkimigayo.publicKey=keys/kimigayo.pub \
  -Dkimigayo.platformSignatures=true || { cat target/verify-layout.log; fail "verify failed in the layout"; }
assert_eq 3 "$(grep -c "Verified signature 1 of kimigayo-os:0.1.0-minimal" target/verify-layout.log)" "signatures verified in the layout"
if mvn_run target/verify-other.log kimigayo:verify -Dkimigayo.publicKey=keys/other/kimigayo.pub; then
  fail "verify accepted another key"
fi
grep -q "no signature of image index $index verifies with the given public key" target/verify-other.log \
  || { cat target/verify-other.log; fail "the refusal does not name the index"; }
echo "ok: kimigayo:verify checks the index and each platform in the layout, and refuses another key"

# push: every platform's manifest and blobs, the index under every tag, the arch tags, the three signatures.
mvn_run target/push.log kimigayo:push -Dkimigayo.to="$repo" || { cat target/push.log; fail "push failed"; }
for tag in 0.1.0-minimal latest-minimal; do
  grep -q "Pushed $repo:$tag@$index" target/push.log || { cat target/push.log; fail "push does not name $tag"; }
done
grep -q "Pushed $repo:0.1.0-minimal-arm64@$arm" target/push.log || fail "push does not name the arm64 tag"
assert_eq 3 "$(grep -c "Signatures: $repo:sha256-" target/push.log)" "signature manifests pushed"
assert_eq 3 "$(grep -c "Attestations: $repo:sha256-.*\.att" target/push.log)" "attestation manifests pushed"

# skopeo, the judge of the registry: the index and its platforms, by every tag.
skopeo_raw() { skopeo inspect --tls-verify=false --raw "docker://$repo:$1"; }
sha() { printf 'sha256:%s' "$(sha256sum | cut -d' ' -f1)"; }
for tag in 0.1.0-minimal latest-minimal; do
  assert_eq "$index" "$(skopeo_raw $tag | sha)" "registry $tag is the index"
done
assert_eq "application/vnd.oci.image.index.v1+json" "$(skopeo_raw latest-minimal | jq -r .mediaType)" "media type"
assert_eq "amd64 arm64" "$(skopeo_raw latest-minimal | jq -r '[.manifests[].platform.architecture] | join(" ")')" "platforms of the index"
assert_eq "$amd" "$(skopeo_raw 0.1.0-minimal-amd64 | sha)" "registry 0.1.0-minimal-amd64"
assert_eq "$arm" "$(skopeo_raw 0.1.0-minimal-arm64 | sha)" "registry 0.1.0-minimal-arm64"
# --override-arch resolves the rolling tag to each platform's manifest: its architecture and layers, and copied out,
# the manifest digest of the layout.
for arch in amd64 arm64; do
  expected=$amd; [ $arch = arm64 ] && expected=$arm
  layers=$(jq -r '[.layers[].digest] | join(",")' "$layout/blobs/sha256/${expected#sha256:}")
  assert_eq "$arch $layers" "$(skopeo inspect --tls-verify=false --override-arch $arch "docker://$repo:latest-minimal" | jq -r '.Architecture + " " + (.Layers | join(","))')" "skopeo inspect --override-arch $arch"
  rm -rf target/copy-$arch
  skopeo copy --src-tls-verify=false --override-arch $arch "docker://$repo:latest-minimal" oci:target/copy-$arch:x > /dev/null
  assert_eq "$expected" "$(jq -r '.manifests[0].digest' target/copy-$arch/index.json)" "skopeo copy --override-arch $arch"
done
for tag in 0.1.0 latest stable edge; do
  if skopeo_raw $tag > /dev/null 2>&1; then fail "the registry has the standard variant's tag $tag"; fi
done
# Pulled back whole, the index and its manifests keep their digests.
rm -rf target/pulled
skopeo copy --all --src-tls-verify=false "docker://$repo:latest-minimal" oci:target/pulled:back > /dev/null
assert_eq "$index" "$(jq -r '.manifests[0].digest' target/pulled/index.json)" "digest of the pulled index"
for d in "$amd" "$arm"; do
  [ -f "target/pulled/blobs/sha256/${d#sha256:}" ] || fail "the pulled copy lacks $d"
done
echo "ok: skopeo finds the index and each platform's manifest in the registry"

# verify from the registry, by a rolling tag and by digest.
mvn_run target/verify-registry.log kimigayo:verify -Dkimigayo.publicKey=keys/kimigayo.pub \
  -Dkimigayo.registryImage="$repo:latest-minimal" -Dkimigayo.platformSignatures=true -Dkimigayo.identity="$repo" \
  || { cat target/verify-registry.log; fail "verify failed against the registry"; }
assert_eq 3 "$(grep -c "Verified signature 1 of $repo:latest-minimal" target/verify-registry.log)" "signatures verified in the registry"
if mvn_run target/verify-registry-other.log kimigayo:verify -Dkimigayo.publicKey=keys/other/kimigayo.pub \
   -Dkimigayo.registryImage="$repo@$index"; then
  fail "verify accepted another key in the registry"
fi
grep -q "does not verify with this key" target/verify-registry-other.log || fail "the registry refusal does not say why"
mvn_run target/verify-attestations.log kimigayo:verify -Dkimigayo.publicKey=keys/kimigayo.pub \
  -Dkimigayo.registryImage="$repo:latest-minimal" -Dkimigayo.attestations=true \
  || { cat target/verify-attestations.log; fail "verify -Dkimigayo.attestations=true failed against the registry"; }
for digest in "$index" "$amd" "$arm"; do
  grep -q "Verified attestation .* of $repo:latest-minimal $digest (https://slsa.dev/provenance/v1" target/verify-attestations.log \
    || fail "verify did not report the provenance of $digest"
  grep -q "Verified attestation .* of $repo:latest-minimal $digest (https://cyclonedx.org/bom" target/verify-attestations.log \
    || fail "verify did not report the SBOM of $digest"
done
echo "ok: kimigayo:verify checks the index and each platform in the registry, and refuses another key"

# The real cosign verifies the index and each platform's manifest, and refuses another key.
cosign_verify() { # key digest
  cosign verify --key "$1" --insecure-ignore-tlog=true --allow-insecure-registry=true "$repo@$2"
}
for digest in "$index" "$amd" "$arm"; do
  cosign_verify keys/kimigayo.pub "$digest" > target/cosign.out 2> target/cosign.err \
    || { cat target/cosign.err; fail "cosign verify refused $digest"; }
  assert_eq "$digest" "$(jq -r '.[0].critical.image["docker-manifest-digest"]' target/cosign.out)" "cosign verified $digest"
done
if cosign_verify keys/other/kimigayo.pub "$index" > /dev/null 2> target/cosign.err; then
  fail "cosign accepted the index with another key"
fi
grep -q "no matching signatures" target/cosign.err || { cat target/cosign.err; fail "cosign refused for another reason than the key"; }
echo "ok: cosign verifies the index and both platforms' signatures, and refuses another key"

# The real cosign verifies the attestations of the index and of each platform's manifest: each platform's CycloneDX
# predicate is its own SBOM file, and every statement names the digest it is about.
for digest in "$index" "$amd" "$arm"; do
  for type in cyclonedx slsaprovenance1; do
    cosign verify-attestation --key keys/kimigayo.pub --type $type --insecure-ignore-tlog=true \
      --allow-insecure-registry=true --allow-http-registry=true "$repo@$digest" > target/cosign-att.out 2> target/cosign.err \
      || { cat target/cosign.err; fail "cosign verify-attestation --type $type refused $digest"; }
    assert_eq "${digest#sha256:}" "$(head -1 target/cosign-att.out | jq -r .payload | base64 -d | jq -r '.subject[0].digest.sha256')" \
      "subject of the $type attestation cosign verified for $digest"
  done
done
# The arm64 provenance (the last statement cosign verified) names each component of rootfs/aarch64/rootfs.json by
# its pinned source URL and SHA-256.
assert_eq "$(jq -c '[.components[] | select(.url or .sha256) | [.url, .sha256]]' target/kimigayo/rootfs/aarch64/rootfs.json)" \
  "$(jq -r .payload target/cosign-att.out | base64 -d | jq -c '[.predicate.buildDefinition.resolvedDependencies[] | [.uri, .digest.sha256]]')" \
  "the arm64 provenance's resolved dependencies"
for arch in amd64 arm64; do
  digest=$amd; [ $arch = arm64 ] && digest=$arm
  cosign verify-attestation --key keys/kimigayo.pub --type cyclonedx --insecure-ignore-tlog=true \
    --allow-insecure-registry=true --allow-http-registry=true "$repo@$digest" 2> /dev/null | jq -r .payload | base64 -d > target/sbom-$arch.json
  assert_eq "$(jq -S . target/kimigayo/sbom/image-linux-$arch.cdx.json)" "$(jq -S .predicate target/sbom-$arch.json)" \
    "the $arch manifest's attested SBOM is image-linux-$arch.cdx.json"
done
if cosign verify-attestation --key keys/other/kimigayo.pub --type slsaprovenance1 --insecure-ignore-tlog=true \
    --allow-insecure-registry=true --allow-http-registry=true "$repo@$index" > /dev/null 2> target/cosign.err; then
  fail "cosign verify-attestation accepted the index with another key"
fi
grep -q "no matching attestations" target/cosign.err || { cat target/cosign.err; fail "cosign refused the attestation for another reason than the key"; }
echo "ok: cosign verifies the attestations of the index and both platforms, and refuses another key"
