# Runs the image exactly as its config says (as root and as its user), then checks reproducibility and that a
# one-class change moves only the classes layer.
. "$IT_LIB/common.sh"
. "$IT_LIB/sbom.sh"
require umoci jq node java sha256sum dpkg-query
out=target/kimigayo
work=$(mktemp -d /tmp/kimigayo-java-app.XXXXXX)
cleanup() { umount "$work/bundle/rootfs/proc" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

umoci_unpack --image "$out/image:1.0" "$work/bundle"
root="$work/bundle/rootfs"
config="$work/bundle/config.json"
mapfile -t args < <(jq -r '.process.args[]' "$config")
mapfile -t envs < <(jq -r '.process.env[]' "$config")
user=$(jq -r '"\(.process.user.uid):\(.process.user.gid)"' "$config")
assert_eq "65532:65532" "$user" "the image's user"
assert_eq "/opt/java/bin/java" "${args[0]}" "entrypoint"
mount -t proc proc "$root/proc"   # the java launcher finds libjli.so through /proc/self/exe
expected='{"greeting":"Konnichiwa integration","resource":"from a resource","version":"one","uid":'
got=$(chroot "$root" /bin/busybox env -i "${envs[@]}" "${args[@]}" 2>"$work/stderr")
assert_eq "${expected}0}" "$got" "the app's output as root"
grep -q "started" "$work/stderr" || fail "the app's log line (slf4j-simple) is missing"
got=$(chroot --userspec="$user" "$root" /bin/busybox env -i "${envs[@]}" "${args[@]}" 2>/dev/null)
assert_eq "${expected}65532}" "$got" "the app's output as the image's user"
umount "$root/proc"

json=$out/rootfs/rootfs.json
assert_eq "/lib64/ld-linux-x86-64.so.2" "$(jq -r '.javaRuntime.nativeLibraries[0].path' "$json")" "glibc's loader recorded"
jq -e '.javaRuntime.nativeLibraries[] | select(.path == "/lib/x86_64-linux-gnu/libc.so.6") | .sha256' "$json" > /dev/null \
  || fail "libc.so.6 is not recorded with its digest"
assert_eq "0" "$(jq '[.javaRuntime.audit[] | select(.problems | length > 0)] | length' "$json")" "runtime executables failing the audit"

# The SBOMs at the path scanners read: the Maven dependencies with their jars' real digests, the Java runtime and the
# libraries copied in with it, named by their Debian packages, and the OS below.
cdx="$root/usr/share/kimigayo/sbom/image.cdx.json"
spdx="$root/usr/share/kimigayo/sbom/image.spdx.json"
cmp "$cdx" "$out/sbom/image.cdx.json" || fail "the image's image.cdx.json differs from target/kimigayo/sbom/image.cdx.json"
cdx_validate "$cdx" || fail "the CycloneDX library rejects the application image's SBOM"
spdx_verify "$spdx" || fail "the SPDX tools reject the application image's SBOM"
gson_jar="$LOCAL_REPO/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar"
assert_eq "$(sha256sum "$gson_jar" | cut -d' ' -f1)" \
  "$(jq -r '.components[] | select(.purl == "pkg:maven/com.google.code.gson/gson@2.13.2") | .hashes[0].content' "$cdx")" \
  "the SBOM's SHA-256 of gson 2.13.2 against sha256sum of the jar in the local repository"
assert_eq "$(sha256sum "$root/app/libs/slf4j-simple-2.0.17.jar" | cut -d' ' -f1)" \
  "$(jq -r '.components[] | select(.purl == "pkg:maven/org.slf4j/slf4j-simple@2.0.17") | .hashes[0].content' "$cdx")" \
  "the SBOM's SHA-256 of slf4j-simple against the jar in the image"
assert_eq "$(jq -r '.javaRuntime.modules | join(",")' "$json")" \
  "$(jq -r '.components[] | select(.["bom-ref"] == "java-runtime") | .properties[] | select(.name == "kimigayo:modules") | .value' "$cdx")" \
  "the runtime's modules in the SBOM"
libc_sha=$(sha256sum "$root/lib/x86_64-linux-gnu/libc.so.6" | cut -d' ' -f1)
libc_version=$(dpkg-query -W -f='${Version}' libc6)
assert_eq "pkg:deb/debian/libc6@${libc_version//+/%2B}?arch=amd64&distro=debian-12 $libc_sha" \
  "$(jq -r '.components[] | select(.["bom-ref"] == "native:/lib/x86_64-linux-gnu/libc.so.6") | "\(.purl) \(.hashes[0].content)"' "$cdx")" \
  "libc.so.6 in the SBOM: its Debian package (as dpkg-query says) and its digest in the image"
deps=$(jq -r '.dependencies[] | select(.ref == "app") | .dependsOn | join(" ")' "$cdx")
[[ $deps == "java-runtime maven:com.google.code.gson:gson:2.13.2 "* ]] || fail "the application's dependencies in the SBOM: $deps"
echo "ok: the application depends on $deps"
check_os_components "$cdx" "$spdx" "$json"
check_file_digests "$cdx" "$root"

layers_of() { # output-dir
  local d=$1 m
  m=$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "1.0") | .digest' "$d/image/index.json" | cut -d: -f2)
  jq -r '.layers[].digest' "$d/image/blobs/sha256/$m"
}
mapfile -t before < <(layers_of "$out")
assert_eq "7" "${#before[@]}" "layers: rootfs, runtime, dependencies, class path, resources, classes, SBOMs"

# Another directory, time zone and umask: the same image.
copy="$work/copy"
mkdir -p "$copy" && cp -r pom.xml src "$copy/"
(cd "$copy" && umask 0077 && TZ=America/Sao_Paulo "$MAVEN_HOME/bin/mvn" -B -q -Dmaven.repo.local="$LOCAL_REPO" \
   -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" package kimigayo:build) > "$work/second.log" 2>&1 \
  || { tail -40 "$work/second.log"; fail "the second build failed"; }
assert_eq "$(cat "$out/image.digest")" "$(cat "$copy/target/kimigayo/image.digest")" "image digest of a second build elsewhere"

# One class changed: only the classes layer moves (and the SBOMs, which describe it).
sed -i 's/"one"/"two"/' "$copy/src/main/java/it/app/Version.java"
(cd "$copy" && "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
   package kimigayo:build) > "$work/third.log" 2>&1 || { tail -40 "$work/third.log"; fail "the rebuild failed"; }
! grep -qE "jlink java|objects compiled" "$work/third.log" || fail "the rebuild after a class change ran jlink or compiled native code"
mapfile -t after < <(layers_of "$copy/target/kimigayo")
for i in 0 1 2 3 4; do
  assert_eq "${before[$i]}" "${after[$i]}" "layer $i unchanged by a class edit"
done
[ "${before[5]}" != "${after[5]}" ] || fail "the classes layer did not change"
[ "${before[6]}" != "${after[6]}" ] || fail "the SBOM layer did not change with the classes layer it describes"
echo "ok: only the classes layer (and the SBOMs describing it) changed"
