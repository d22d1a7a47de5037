. "$IT_LIB/common.sh"
require openssl jq skopeo
layout=target/kimigayo/image
! grep -q "it-Secret-kimigayo" build.log || fail "the password appears in the build log"
grep -q "Signed sha256:" build.log || fail "the build did not sign"

# openssl, an independent verifier, checks the cosign signature stored in the layout.
digest=$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "1.0") | .digest' "$layout/index.json")
sig_tag="sha256-${digest#sha256:}.sig"
sig_manifest=$(jq -r --arg t "$sig_tag" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$layout/index.json")
[ -n "$sig_manifest" ] || fail "no $sig_tag in index.json"
layer=$(jq -c '.layers[0]' "$layout/blobs/sha256/${sig_manifest#sha256:}")
assert_eq "application/vnd.dev.cosign.simplesigning.v1+json" "$(jq -r .mediaType <<<"$layer")" "signature layer media type"
payload="$layout/blobs/sha256/$(jq -r .digest <<<"$layer" | cut -d: -f2)"
jq -r '.annotations["dev.cosignproject.cosign/signature"]' <<<"$layer" | base64 -d > target/signature.der
assert_eq "$digest" "$(jq -r '.critical.image["docker-manifest-digest"]' "$payload")" "payload names the image"
assert_eq "registry.example/kimigayo-it/signed" "$(jq -r '.critical.identity["docker-reference"]' "$payload")" "payload identity"
assert_eq "Verified OK" "$(openssl dgst -sha256 -verify keys/kimigayo.pub -signature target/signature.der "$payload")" "openssl"
skopeo inspect "oci:$layout:1.0" > /dev/null || fail "skopeo cannot read the signed layout"

# The real cosign judges the signature (and the provenance attestation sign made with it) once the layout is in a
# registry: push copies the image and its sha256-<hex>.sig and .att manifests byte for byte.
. "$IT_LIB/registry.sh"
trap 'stop_registry target/registry' EXIT
command -v cosign >/dev/null 2>&1 || fail "cosign is not installed; run dev/install-tools (it unpacks Debian 13's cosign into /opt/kimigayo/cosign)"
start_registry target/registry
repo="$(cat target/registry/host)/kimigayo-it/signed"
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" kimigayo:push -Dkimigayo.to="$repo:1.0" > target/push.log 2>&1 \
  || { cat target/push.log; fail "pushing the signed layout failed"; }
cosign_flags=(--insecure-ignore-tlog=true --allow-insecure-registry=true --allow-http-registry=true)
cosign verify --key keys/kimigayo.pub "${cosign_flags[@]}" "$repo@$digest" > target/cosign.json 2> target/cosign.err \
  || { cat target/cosign.err; fail "cosign verify refused the signature"; }
assert_eq "$digest" "$(jq -r '.[0].critical.image["docker-manifest-digest"]' target/cosign.json)" "cosign verified the signature of"
assert_eq "registry.example/kimigayo-it/signed" "$(jq -r '.[0].critical.identity["docker-reference"]' target/cosign.json)" "identity cosign read"
cosign verify-attestation --key keys/kimigayo.pub --type slsaprovenance1 "${cosign_flags[@]}" "$repo@$digest" \
  > target/cosign-att.json 2> target/cosign.err || { cat target/cosign.err; fail "cosign verify-attestation refused the provenance"; }
assert_eq "${digest#sha256:}" "$(jq -r .payload target/cosign-att.json | base64 -d | jq -r '.subject[0].digest.sha256')" "subject of the provenance"
echo "ok: cosign verifies the signature and the provenance"

mvn_verify() {
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" kimigayo:verify "$@" > target/verify.log 2>&1
}
mvn_verify -Dkimigayo.publicKey=keys/kimigayo.pub || { cat target/verify.log; fail "kimigayo:verify failed on the signed image"; }
grep -q "Verified signature 1 of kimigayo-it/signed:1.0" target/verify.log || fail "verify did not report the signature"
echo "ok: kimigayo:verify accepts the signature"

# Another key is refused.
mkdir -p target/other && KIMIGAYO_PASSWORD= "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
  kimigayo:generate-key-pair -Dkimigayo.keyDirectory="$PWD/target/other"
if mvn_verify -Dkimigayo.publicKey=target/other/kimigayo.pub; then fail "verify accepted another key"; fi
grep -q "does not verify with this key" target/verify.log || fail "the refusal does not say why"
if cosign verify --key target/other/kimigayo.pub "${cosign_flags[@]}" "$repo@$digest" > /dev/null 2> target/cosign.err; then
  fail "cosign verify accepted another key"
fi
grep -q "no matching signatures" target/cosign.err || { cat target/cosign.err; fail "cosign refused for another reason than the key"; }
echo "ok: another key is refused (kimigayo:verify and cosign)"

# A blob of the image altered after signing is caught.
blob=$layout/blobs/sha256/$(jq -r '.layers[0].digest' "$layout/blobs/sha256/${digest#sha256:}" | cut -d: -f2)
printf 'x' | dd of="$blob" bs=1 seek=20 conv=notrunc status=none
if mvn_verify -Dkimigayo.publicKey=keys/kimigayo.pub; then fail "verify accepted an altered image"; fi
grep -q "is corrupt" target/verify.log || { cat target/verify.log; fail "the failure does not name the altered blob"; }
echo "ok: an altered blob fails verification"
