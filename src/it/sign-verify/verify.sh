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
echo "ok: another key is refused"

# A blob of the image altered after signing is caught.
blob=$layout/blobs/sha256/$(jq -r '.layers[0].digest' "$layout/blobs/sha256/${digest#sha256:}" | cut -d: -f2)
printf 'x' | dd of="$blob" bs=1 seek=20 conv=notrunc status=none
if mvn_verify -Dkimigayo.publicKey=keys/kimigayo.pub; then fail "verify accepted an altered image"; fi
grep -q "is corrupt" target/verify.log || { cat target/verify.log; fail "the failure does not name the altered blob"; }
echo "ok: an altered blob fails verification"
