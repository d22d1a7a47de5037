# kimigayo:build signed and attested the application image. Pushed to a real registry, the real cosign verifies
# the signature and the provenance, whose dependencies are the image's Java runtime, the host libraries copied in
# for it and the OS components, as rootfs.json records them.
. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
trap 'stop_registry target/registry' EXIT
require jq
command -v cosign >/dev/null 2>&1 || fail "cosign is not installed; run dev/install-tools (it unpacks Debian 13's cosign into /opt/kimigayo/cosign)"
digest=$(cat target/kimigayo/image.digest)
rootfs_json=target/kimigayo/rootfs/rootfs.json
grep -q "Attested $digest (.*https://slsa.dev/provenance/v1): sha256-${digest#sha256:}.att" build.log \
  || { grep -i "attest" build.log; fail "build did not report the attestations"; }

start_registry target/registry
repo="$(cat target/registry/host)/kimigayo-it/app-attest"
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" kimigayo:push -Dkimigayo.to="$repo:1.0" > target/push.log 2>&1 \
  || { cat target/push.log; fail "push failed"; }
grep -q "Attestations: $repo:sha256-${digest#sha256:}.att" target/push.log || fail "push did not push the attestations"

cosign_flags=(--key keys/kimigayo.pub --insecure-ignore-tlog=true --allow-insecure-registry=true --allow-http-registry=true)
cosign verify "${cosign_flags[@]}" "$repo@$digest" > /dev/null 2> target/cosign.err || { cat target/cosign.err; fail "cosign verify refused the signature"; }
cosign verify-attestation "${cosign_flags[@]}" --type slsaprovenance1 "$repo@$digest" > target/provenance.json 2> target/cosign.err \
  || { cat target/cosign.err; fail "cosign verify-attestation --type slsaprovenance1 refused"; }
jq -r .payload target/provenance.json | base64 -d | jq .predicate > target/predicate.json
assert_eq "${digest#sha256:}" "$(jq -r .payload target/provenance.json | base64 -d | jq -r '.subject[0].digest.sha256')" "subject"
assert_eq "pkg:maven/io.kimigayo.it/app-attest@1.0" "$(jq -r .buildDefinition.externalParameters.project.purl target/predicate.json)" "project"
assert_eq "$(jq -r .javaRuntime.version "$rootfs_json")" \
  "$(jq -r '.buildDefinition.resolvedDependencies[] | select(.name == "java-runtime") | .annotations.version' target/predicate.json)" \
  "the Java runtime's version in the provenance"
assert_eq "$(jq -c '[.components[] | select(.url or .sha256) | [.url, .sha256]]' "$rootfs_json")" \
  "$(jq -c '[.buildDefinition.resolvedDependencies[] | select(.annotations.file != null or (.uri | startswith("http"))) | [.uri, .digest.sha256]]' target/predicate.json)" \
  "the OS components in the provenance"
assert_eq "$(jq -c '[.javaRuntime.nativeLibraries[] | ["file://" + .origin, .sha256]]' "$rootfs_json")" \
  "$(jq -c '[.buildDefinition.resolvedDependencies[] | select(.uri | startswith("file://")) | [.uri, .digest.sha256]]' target/predicate.json)" \
  "the host libraries in the provenance"
echo "ok: cosign verifies the application image's provenance: Java runtime, host libraries, OS components"

# The SBOM attestation: the build's CycloneDX document, byte for byte what target/kimigayo/sbom holds.
[ -f target/kimigayo/sbom/image.cdx.json ] || fail "the build wrote no target/kimigayo/sbom/image.cdx.json"
cosign verify-attestation "${cosign_flags[@]}" --type cyclonedx "$repo@$digest" > target/sbom.json 2> target/cosign.err \
  || { cat target/cosign.err; fail "cosign verify-attestation --type cyclonedx refused"; }
assert_eq "$(jq -S . target/kimigayo/sbom/image.cdx.json)" "$(jq -r .payload target/sbom.json | base64 -d | jq -S .predicate)" \
  "the attested SBOM is target/kimigayo/sbom/image.cdx.json"
