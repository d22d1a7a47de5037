. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
trap 'stop_registry target/registry' EXIT
require skopeo umoci jq curl openssl
host=$(cat target/registry/host)
repo="$host/kimigayo-it/pushed"
creds=(--tls-verify=false --creds kimigayo:it-Registry-pass)
digest=$(cat target/kimigayo/image.digest)
mvn_run() { # log-file args...
  local log=$1; shift
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" "$@" > "$log" 2>&1
}

# mvn deploy packs, signs and pushes with the settings.xml server's credentials, and says what it pushed.
mvn_run target/deploy.log -s settings.xml deploy -Dit.registry="$host" || { cat target/deploy.log; fail "mvn deploy failed"; }
assert_eq "$digest" "$(cat target/kimigayo/image.digest)" "image digest of the deploy build"
grep -q "Pushed $repo:1.0@$digest" target/deploy.log || fail "the summary does not name $repo:1.0@$digest"
grep -q "Pushed $repo:latest@$digest" target/deploy.log || fail "the summary does not name the latest tag"
grep -q "Signatures: $repo:sha256-" target/deploy.log || fail "the summary does not name the pushed signature"
! grep -q "it-Registry-pass" target/deploy.log || fail "the registry password appears in the build log"

# skopeo sees the same image, and its copy unpacks strictly with umoci.
assert_eq "$digest" "$(skopeo inspect "${creds[@]}" --format '{{.Digest}}' "docker://$repo:1.0")" "digest in the registry"
assert_eq "$digest" "$(skopeo inspect "${creds[@]}" --format '{{.Digest}}' "docker://$repo:latest")" "digest of latest"
rm -rf target/judge && mkdir -p target/judge
skopeo copy --src-tls-verify=false --src-creds kimigayo:it-Registry-pass "docker://$repo:1.0" oci:target/judge/copy:1.0
assert_eq "$digest" "$(jq -r '.manifests[0].digest' target/judge/copy/index.json)" "digest of skopeo's copy"
umoci_unpack --image target/judge/copy:1.0 target/judge/bundle
assert_eq "pushed by kimigayo:push" "$(cat target/judge/bundle/rootfs/etc/motd)" "file in the unpacked image"

# The signature followed the image, under cosign's tag.
sig="sha256-${digest#sha256:}.sig"
assert_eq "application/vnd.dev.cosign.simplesigning.v1+json" \
  "$(skopeo inspect "${creds[@]}" --raw "docker://$repo:$sig" | jq -r '.layers[0].mediaType')" "signature in the registry"
mvn_run target/verify.log kimigayo:verify -s settings.xml -Dkimigayo.publicKey=target/keys/kimigayo.pub \
  -Dkimigayo.registryImage="$repo:1.0" -Dit.registry="$host" || { cat target/verify.log; fail "verify against the registry failed"; }
grep -q "Verified signature 1 of $repo:1.0" target/verify.log || fail "verify did not report the registry signature"
echo "ok: kimigayo:verify accepts the signature read from the registry"

# The real cosign verifies the pushed signature and the provenance attestation that followed it, and refuses another
# key because of the key.
mkdir -p target/cosign-docker
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$host" "$(printf 'kimigayo:it-Registry-pass' | base64 -w0)" > target/cosign-docker/config.json
cosign_run() { # out-file args...
  local out=$1; shift
  DOCKER_CONFIG="$PWD/target/cosign-docker" cosign "$@" --insecure-ignore-tlog=true --allow-insecure-registry=true \
    --allow-http-registry=true "$repo@$digest" > "$out" 2> target/cosign.err
}
command -v cosign >/dev/null 2>&1 || fail "cosign is not installed; run dev/install-tools (it unpacks Debian 13's cosign into /opt/kimigayo/cosign)"
cosign_run target/cosign-verify.json verify --key target/keys/kimigayo.pub || { cat target/cosign.err; fail "cosign verify refused the pushed signature"; }
assert_eq "$digest" "$(jq -r '.[0].critical.image["docker-manifest-digest"]' target/cosign-verify.json)" "cosign verified the signature of"
cosign_run target/cosign-provenance.json verify-attestation --key target/keys/kimigayo.pub --type slsaprovenance1 \
  || { cat target/cosign.err; fail "cosign verify-attestation refused the pushed provenance"; }
assert_eq "${digest#sha256:}" "$(jq -r .payload target/cosign-provenance.json | base64 -d | jq -r '.subject[0].digest.sha256')" \
  "subject of the provenance cosign verified"
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out target/keys/wrong.key
openssl pkey -in target/keys/wrong.key -pubout -out target/keys/wrong.pub
if cosign_run /dev/null verify --key target/keys/wrong.pub; then fail "cosign verify accepted another key"; fi
grep -q "no matching signatures" target/cosign.err || { cat target/cosign.err; fail "cosign refused for another reason than the key"; }
if cosign_run /dev/null verify-attestation --key target/keys/wrong.pub --type slsaprovenance1; then fail "cosign verify-attestation accepted another key"; fi
grep -q "no matching attestations" target/cosign.err || { cat target/cosign.err; fail "cosign refused the attestation for another reason than the key"; }
echo "ok: cosign verifies the pushed signature and provenance, and refuses another key"

# A second push uploads no blob (image, signature and attestation): the registry's own access log is the judge.
before=$(count_uploads target/registry)
mvn_run target/push-again.log kimigayo:push -s settings.xml -Dit.registry="$host" || { cat target/push-again.log; fail "second push failed"; }
after=$(count_uploads target/registry)
assert_eq "$before" "$after" "upload requests in the registry log after a second push"
# the image's config and layer, the signature's payload and config, the attestations' config and envelopes
att_tag="sha256-${digest#sha256:}.att"
att_manifest=$(jq -r --arg t "$att_tag" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' target/kimigayo/image/index.json)
[ -n "$att_manifest" ] || fail "sign made no attestations ($att_tag)"
blobs=$((5 + $(jq '.layers | length' "target/kimigayo/image/blobs/sha256/${att_manifest#sha256:}")))
grep -q "Blobs: 0 uploaded (0 bytes), 0 mounted, $blobs already there; 0 manifests stored" target/push-again.log \
  || { grep Blobs: target/push-again.log; fail "the second push did not report that nothing was sent"; }

# A signature made elsewhere is kept: the same image, signed with another key in another layout, pushed after ours.
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out target/keys/other.key
openssl pkey -in target/keys/other.key -pubout -out target/keys/other.pub
rm -rf target/other && mkdir -p target/other
cp -a target/kimigayo/image target/other/image
jq --arg t "$sig" '.manifests |= map(select(.annotations["org.opencontainers.image.ref.name"] != $t))' \
  target/kimigayo/image/index.json > target/other/image/index.json
skopeo inspect "${creds[@]}" --raw "docker://$repo:$sig" > target/ours-sig.json
mvn_run target/other-sign.log kimigayo:sign kimigayo:push -s settings.xml -Dit.registry="$host" \
  -Dit.key="$PWD/target/keys/other.key" -Dkimigayo.outputDirectory="$PWD/target/other" \
  || { cat target/other-sign.log; fail "signing and pushing with the other key failed"; }
skopeo inspect "${creds[@]}" --raw "docker://$repo:$sig" > target/merged-sig.json
assert_eq 2 "$(jq '.layers | length' target/merged-sig.json)" "signatures in the registry after the other key's push"
assert_eq "$(jq -c '.layers[0]' target/ours-sig.json)" "$(jq -c '.layers[0]' target/merged-sig.json)" \
  "the registry's signature, first and unchanged"
for i in 0 1; do
  key=$([ $i = 0 ] && echo kimigayo.pub || echo other.pub)
  wrong=$([ $i = 0 ] && echo other.pub || echo kimigayo.pub)
  layer=$(jq -c ".layers[$i]" target/merged-sig.json)
  curl -sSf -u kimigayo:it-Registry-pass -o "target/payload-$i" \
    "http://$host/v2/kimigayo-it/pushed/blobs/$(jq -r .digest <<<"$layer")" || fail "cannot fetch payload $i"
  jq -r '.annotations["dev.cosignproject.cosign/signature"]' <<<"$layer" | base64 -d > "target/signature-$i.der"
  assert_eq "Verified OK" "$(openssl dgst -sha256 -verify "target/keys/$key" -signature "target/signature-$i.der" "target/payload-$i")" \
    "openssl on signature $((i + 1)) with its own key"
  ! openssl dgst -sha256 -verify "target/keys/$wrong" -signature "target/signature-$i.der" "target/payload-$i" > /dev/null \
    || fail "openssl accepted signature $((i + 1)) with the other key"
done
for key in kimigayo other; do
  mvn_run "target/verify-$key.log" kimigayo:verify -s settings.xml -Dkimigayo.publicKey="target/keys/$key.pub" \
    -Dkimigayo.registryImage="$repo:1.0" -Dit.registry="$host" || { cat "target/verify-$key.log"; fail "verify with $key.pub failed"; }
done
grep -q "Verified signature 1 of $repo:1.0" target/verify-kimigayo.log || fail "our key did not verify signature 1"
grep -q "Verified signature 2 of $repo:1.0" target/verify-other.log || fail "the other key did not verify signature 2"
merged=$(sha256sum < target/merged-sig.json | cut -d' ' -f1)
before=$(count_uploads target/registry)
mvn_run target/push-third.log kimigayo:push -s settings.xml -Dit.registry="$host" || { cat target/push-third.log; fail "third push failed"; }
assert_eq "$before" "$(count_uploads target/registry)" "upload requests after pushing ours again onto the merged signatures"
assert_eq "$merged" "$(skopeo inspect "${creds[@]}" --raw "docker://$repo:$sig" | sha256sum | cut -d' ' -f1)" "merged signature manifest after pushing ours again"
grep -q "Blobs: 0 uploaded (0 bytes), 0 mounted, 2 already there; 0 manifests stored" target/push-third.log \
  || { grep Blobs: target/push-third.log; fail "pushing ours again onto the merged signatures sent something"; }
echo "ok: a signature by another key is kept beside ours, both verify, and pushing ours again changes nothing"

# A wrong password: a clear 401 naming the settings.xml server, and no password in the log.
sed 's/it-Registry-pass/not-the-password/' settings.xml > target/settings-wrong.xml
if mvn_run target/wrong.log kimigayo:push -s target/settings-wrong.xml -Dit.registry="$host"; then fail "a wrong password pushed"; fi
grep -q "401 Unauthorized; used user 'kimigayo' from settings.xml server 'kimigayo-it-registry'; check the user name and password" target/wrong.log \
  || { grep ERROR target/wrong.log; fail "the 401 does not say which credentials were used"; }
! grep -q "not-the-password" target/wrong.log || fail "the wrong password appears in the log"
echo "ok: a wrong password fails with a clear 401"

# An encrypted password in settings.xml (Maven's master password in settings-security.xml).
master=$("$MAVEN_HOME/bin/mvn" -B -q --encrypt-master-password it-master-secret)
printf '<settingsSecurity><master>%s</master></settingsSecurity>\n' "$master" > target/settings-security.xml
encrypted=$("$MAVEN_HOME/bin/mvn" -B -q -Dsettings.security="$PWD/target/settings-security.xml" --encrypt-password it-Registry-pass)
sed "s|<password>it-Registry-pass</password>|<password>$encrypted</password>|" settings.xml > target/settings-encrypted.xml
mvn_run target/encrypted.log kimigayo:push -s target/settings-encrypted.xml -Dsettings.security="$PWD/target/settings-security.xml" \
  -Dit.registry="$host" -Dit.to="$repo:encrypted" || { cat target/encrypted.log; fail "push with an encrypted password failed"; }
assert_eq "$digest" "$(skopeo inspect "${creds[@]}" --format '{{.Digest}}' "docker://$repo:encrypted")" "pushed with the encrypted password"

# Credentials from a docker config.json when settings.xml has none for the registry.
mkdir -p target/docker
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$host" "$(printf 'kimigayo:it-Registry-pass' | base64 -w0)" > target/docker/config.json
printf '<settings/>\n' > target/settings-empty.xml
DOCKER_CONFIG="$PWD/target/docker" mvn_run target/docker.log kimigayo:push -s target/settings-empty.xml -Dit.serverId= \
  -Dit.registry="$host" -Dit.to="$repo:from-docker-config" || { cat target/docker.log; fail "push with docker config.json failed"; }
assert_eq "$digest" "$(skopeo inspect "${creds[@]}" --format '{{.Digest}}' "docker://$repo:from-docker-config")" "pushed with docker config.json"

# The pushed image as a base (from=registry) gives the same image as the same base from the local layout.
mvn_run target/on-registry.log package -s settings.xml -Dit.registry="$host" -Dkimigayo.from="$repo:1.0" \
  -Dkimigayo.outputDirectory="$PWD/target/on-registry" -Dkimigayo.cacheDirectory="$PWD/target/cache" \
  || { cat target/on-registry.log; fail "pack-oci on a registry base failed"; }
mvn_run target/on-layout.log package -s settings.xml -Dit.registry="$host" -Dkimigayo.from="oci:target/kimigayo/image:1.0" \
  -Dkimigayo.outputDirectory="$PWD/target/on-layout" \
  || { cat target/on-layout.log; fail "pack-oci on the layout base failed"; }
assert_eq "$(cat target/on-layout/image.digest)" "$(cat target/on-registry/image.digest)" "image on the registry base vs the layout base"
