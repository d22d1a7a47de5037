# sign attests the image as cosign attest does (in-toto statements in DSSE envelopes under sha256-<hex>.att), push
# sends the attestations with the image, and the real cosign verifies them in the real registry.
. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
trap 'stop_registry target/registry' EXIT
require skopeo jq python3
command -v cosign >/dev/null 2>&1 || fail "cosign is not installed; run dev/install-tools (it unpacks Debian 13's cosign into /opt/kimigayo/cosign)"
export KIMIGAYO_PASSWORD=it-Secret-kimigayo
host=$(cat target/registry/host)
repo="$host/kimigayo-it/attested"
layout=target/kimigayo/image
sbom=target/kimigayo/sbom/image.cdx.json
mvn_run() { # log-file args...
  local log=$1; shift
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dit.registry="$host" "$@" > "$log" 2>&1
}

# The image's SBOM is the one pack-oci wrote: it is what the CycloneDX attestation must carry.
[ -f "$sbom" ] || fail "pack-oci wrote no $sbom"

# sign attests what the build left in target/kimigayo; push sends it all.
mvn_run target/deploy.log kimigayo:sign kimigayo:push || { cat target/deploy.log; fail "sign and push failed"; }
digest=$(cat target/kimigayo/image.digest)
att="sha256-${digest#sha256:}.att"
grep -q "Attested $digest (https://cyclonedx.org/bom, https://slsa.dev/provenance/v1): .*:$att" target/deploy.log \
  || { grep -i attest target/deploy.log; fail "sign did not report both attestations"; }
grep -q "Attestations: $repo:$att" target/deploy.log || fail "push did not report the attestations"

# In the layout and in the registry: cosign's layout, one DSSE envelope per predicate, annotated as cosign does.
att_manifest=$(jq -r --arg t "$att" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$layout/index.json")
[ -n "$att_manifest" ] || fail "no $att in index.json"
skopeo inspect --tls-verify=false --raw "docker://$repo:$att" > target/att-manifest.json
assert_eq "$att_manifest" "sha256:$(sha256sum < target/att-manifest.json | cut -d' ' -f1)" "the registry's $att is the layout's"
assert_eq "application/vnd.dsse.envelope.v1+json application/vnd.dsse.envelope.v1+json" \
  "$(jq -r '[.layers[].mediaType] | join(" ")' target/att-manifest.json)" "attestation layers"
assert_eq "https://cyclonedx.org/bom https://slsa.dev/provenance/v1" \
  "$(jq -r '[.layers[].annotations.predicateType] | join(" ")' target/att-manifest.json)" "predicateType annotations"
assert_eq '"" ""' "$(jq -r '[.layers[].annotations["dev.cosignproject.cosign/signature"] | tojson] | join(" ")' target/att-manifest.json)" \
  "signature annotations (empty: the envelope carries the signature)"

# cosign verify (the signature) and cosign verify-attestation (both predicate types) accept the pushed image.
cosign_flags=(--insecure-ignore-tlog=true --allow-insecure-registry=true --allow-http-registry=true)
cosign verify --key keys/kimigayo.pub "${cosign_flags[@]}" "$repo@$digest" > target/cosign-verify.json 2> target/cosign.err \
  || { cat target/cosign.err; fail "cosign verify refused the signature"; }
assert_eq "$digest" "$(jq -r '.[0].critical.image["docker-manifest-digest"]' target/cosign-verify.json)" "cosign verified the signature of"
for type in cyclonedx slsaprovenance1; do
  cosign verify-attestation --key keys/kimigayo.pub --type "$type" "${cosign_flags[@]}" "$repo@$digest" \
    > "target/cosign-$type.json" 2> target/cosign.err || { cat target/cosign.err; fail "cosign verify-attestation --type $type refused"; }
  [ "$(wc -l < "target/cosign-$type.json")" = 1 ] || fail "cosign verify-attestation --type $type: expected one attestation"
  jq -r .payload "target/cosign-$type.json" | base64 -d > "target/statement-$type.json"
  assert_eq "https://in-toto.io/Statement/v1" "$(jq -r ._type "target/statement-$type.json")" "$type statement type"
  assert_eq "${digest#sha256:}" "$(jq -r '.subject[0].digest.sha256' "target/statement-$type.json")" "$type subject digest"
  assert_eq "$repo" "$(jq -r '.subject[0].name' "target/statement-$type.json")" "$type subject name"
  echo "ok: cosign verify-attestation --type $type accepts the pushed image"
done
assert_eq "https://cyclonedx.org/bom" "$(jq -r .predicateType target/statement-cyclonedx.json)" "cyclonedx predicate type"
assert_eq "$(jq -S . "$sbom")" "$(jq -S .predicate target/statement-cyclonedx.json)" "the attested SBOM is $sbom"

# The provenance: builder, build type, the project, the timestamp, reproducibility, the SBOM as a byproduct.
p=target/statement-slsaprovenance1.json
assert_eq "https://slsa.dev/provenance/v1" "$(jq -r .predicateType "$p")" "provenance predicate type"
assert_eq "pkg:maven/io.kimigayo/kimigayo-maven-plugin@$PLUGIN_VERSION" "$(jq -r .predicate.runDetails.builder.id "$p")" "builder id"
assert_eq "$PLUGIN_VERSION" "$(jq -r '.predicate.runDetails.builder.version["kimigayo-maven-plugin"]' "$p")" "builder version"
assert_eq "https://kimigayo.io/provenance/oci-image/v1" "$(jq -r .predicate.buildDefinition.buildType "$p")" "build type"
assert_eq "pkg:maven/io.kimigayo.it/attest-registry@1.0" "$(jq -r .predicate.buildDefinition.externalParameters.project.purl "$p")" "project"
assert_eq "kimigayo-it/attested:1.0" "$(jq -r .predicate.buildDefinition.externalParameters.parameters.image "$p")" "image parameter"
assert_eq "2026-01-01T00:00:00Z" "$(jq -r .predicate.runDetails.metadata.startedOn "$p")" "startedOn (the build timestamp)"
assert_eq "1767225600" "$(jq -r .predicate.buildDefinition.internalParameters.sourceDateEpoch "$p")" "sourceDateEpoch"
assert_eq "true" "$(jq -r .predicate.buildDefinition.internalParameters.reproducible "$p")" "reproducible"
assert_eq "$(sha256sum < "$sbom" | cut -d' ' -f1)" "$(jq -r '.predicate.runDetails.byproducts[0].digest.sha256' "$p")" "SBOM byproduct digest"

# Another key: cosign refuses both, for the signature's sake, not for another reason.
for type in cyclonedx slsaprovenance1; do
  if cosign verify-attestation --key keys/other/kimigayo.pub --type "$type" "${cosign_flags[@]}" "$repo@$digest" \
      > /dev/null 2> target/cosign.err; then
    fail "cosign verify-attestation --type $type accepted another key"
  fi
  grep -q "no matching attestations" target/cosign.err || { cat target/cosign.err; fail "cosign refused --type $type for another reason than the key"; }
done
if cosign verify --key keys/other/kimigayo.pub "${cosign_flags[@]}" "$repo@$digest" > /dev/null 2> target/cosign.err; then
  fail "cosign verify accepted another key"
fi
grep -q "no matching signatures" target/cosign.err || { cat target/cosign.err; fail "cosign verify refused for another reason than the key"; }
echo "ok: cosign refuses the signature and both attestations with another key"

# kimigayo:verify checks the attestations in the layout and in the registry, and refuses another key.
mvn_run target/verify-layout.log kimigayo:verify -Dkimigayo.publicKey=keys/kimigayo.pub -Dkimigayo.attestations=true \
  || { cat target/verify-layout.log; fail "kimigayo:verify -Dkimigayo.attestations=true failed on the layout"; }
grep -q "Verified attestation 2 of kimigayo-it/attested:1.0 $digest (https://slsa.dev/provenance/v1" target/verify-layout.log \
  || fail "verify did not report the layout's provenance"
mvn_run target/verify.log kimigayo:verify -Dkimigayo.publicKey=keys/kimigayo.pub -Dkimigayo.attestations=true \
  -Dkimigayo.registryImage="$repo:1.0" || { cat target/verify.log; fail "kimigayo:verify -Dkimigayo.attestations=true failed on the pushed image"; }
grep -q "Verified attestation 1 of $repo:1.0 $digest (https://cyclonedx.org/bom" target/verify.log || fail "verify did not report the SBOM attestation"
grep -q "Verified attestation 2 of $repo:1.0 $digest (https://slsa.dev/provenance/v1" target/verify.log || fail "verify did not report the provenance"
if mvn_run target/verify-other.log kimigayo:verify -Dkimigayo.publicKey=keys/other/kimigayo.pub -Dkimigayo.attestations=true \
    -Dkimigayo.registryImage="$repo:1.0"; then
  fail "kimigayo:verify accepted another key"
fi
grep -q "does not verify with this key" target/verify-other.log || { grep ERROR target/verify-other.log; fail "the refusal does not say why"; }
echo "ok: kimigayo:verify checks the attestations in the registry and refuses another key"

# Signatures by our key but attestations by another: verify names the attestations as what failed.
rm -rf target/mixed && cp -a target/kimigayo target/mixed
jq --arg t "$att" '.manifests |= map(select(.annotations["org.opencontainers.image.ref.name"] != $t))' \
  target/kimigayo/image/index.json > target/mixed/image/index.json
mvn_run target/mixed-sign.log kimigayo:sign -Dit.key="$PWD/keys/other/kimigayo.key" -Dkimigayo.outputDirectory="$PWD/target/mixed" \
  || { cat target/mixed-sign.log; fail "signing with the other key failed"; }
if mvn_run target/mixed-verify.log kimigayo:verify -Dkimigayo.publicKey=keys/kimigayo.pub -Dkimigayo.attestations=true \
    -Dkimigayo.outputDirectory="$PWD/target/mixed"; then
  fail "kimigayo:verify accepted attestations made with another key"
fi
! grep -q "no signature of" target/mixed-verify.log || { grep ERROR target/mixed-verify.log; fail "the signatures (ours among them) should verify; only the attestations fail"; }
grep -q "has no attestation of https://cyclonedx.org/bom and https://slsa.dev/provenance/v1 that verifies with the given public key" \
  target/mixed-verify.log || { grep ERROR target/mixed-verify.log; fail "the failure does not name the attestations"; }
grep -q "the DSSE signature does not verify with this key" target/mixed-verify.log || fail "the failure does not say why each attestation failed"
echo "ok: kimigayo:verify refuses attestations by another key, naming them"

# Reproducible: signing again changes nothing, and another build from the same inputs gives the same attestations.
mvn_run target/sign-again.log kimigayo:sign || { cat target/sign-again.log; fail "signing again failed"; }
grep -q "Already attested $digest" target/sign-again.log || fail "signing again did not say the attestations were there"
assert_eq "$att_manifest" "$(jq -r --arg t "$att" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$layout/index.json")" \
  "attestation manifest after signing again"
rm -rf target/second
mvn_run target/second.log package -Dkimigayo.outputDirectory="$PWD/target/second" \
  || { cat target/second.log; fail "the second build failed"; }
[ -f target/second/sbom/image.cdx.json ] || { mkdir -p target/second/sbom && cp "$sbom" target/second/sbom/; }
mvn_run target/second-sign.log kimigayo:sign -Dkimigayo.outputDirectory="$PWD/target/second" \
  || { cat target/second-sign.log; fail "signing the second build failed"; }
assert_eq "$att_manifest" "$(jq -r --arg t "$att" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' target/second/image/index.json)" \
  "attestation manifest of a second build"
echo "ok: attestations are reproducible"
