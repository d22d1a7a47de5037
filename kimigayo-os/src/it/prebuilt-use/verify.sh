# The prebuilt Kimigayo OS, used the Maven way: the plugin's record equals what kimigayo-os built; deployed to a file
# repository, the artifacts stand in for compiling on a machine with an empty Maven repository and an empty Kimigayo
# cache, and the result has the bytes of a build from source. Offline, tampered, or another configuration: the
# build says why and compiles.
. "$IT_LIB/common.sh"
. "$IT_LIB/prebuilt.sh"
. "$IT_LIB/sbom.sh"
require jq sha256sum node java
module_target=$PREBUILT_TARGET
version=$PLUGIN_VERSION

# 1. The record in the plugin jar equals the digests of the artifacts this build of kimigayo-os made.
jar=$LOCAL_REPO/io/kimigayo/kimigayo-maven-plugin/$version/kimigayo-maven-plugin-$version.jar
mkdir -p target/record
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
(cd target/record && "$java_home/bin/jar" xf "$jar" io/kimigayo/maven/prebuilt-os.properties) \
  || fail "no record in $jar"
record=target/record/io/kimigayo/maven/prebuilt-os.properties
assert_eq "$version" "$(sed -n 's/^version=//p' "$record")" "the record's kimigayo-os version"
n=0
for dir in "$module_target"/kimigayo/*/; do
  c=$(basename "$dir")
  for ext in tar.gz json; do
    file=$dir/rootfs/rootfs.$ext
    recorded=$(sed -n "s/^$c\\.$ext=//p" "$record")
    actual=$(sha256sum "$file" | cut -d' ' -f1)
    [ "$recorded" = "$actual" ] || fail "kimigayo-os built $file with SHA-256 $actual, the plugin records '$recorded': run dev/record-prebuilt and rebuild"
    n=$((n + 1))
  done
done
[ "$n" = 8 ] || fail "expected 4 variants x 2 files, checked $n"
echo "ok: the plugin records the SHA-256 of all $n prebuilt files"

# 1b. Each prebuilt rootfs is published with its SBOMs: valid for the CycloneDX and SPDX projects' own readers,
#     naming the OS components by purl and CPE with their pinned sources, and listing the rootfs's files with the
#     digests sha256sum gives them.
for dir in "$module_target"/kimigayo/*/; do
  c=$(basename "$dir")
  cdx_validate "$dir/rootfs/rootfs.cdx.json" || fail "$c: the CycloneDX library rejects rootfs.cdx.json"
  spdx_verify "$dir/rootfs/rootfs.spdx.json" || fail "$c: the SPDX tools reject rootfs.spdx.json"
  check_os_components "$dir/rootfs/rootfs.cdx.json" "$dir/rootfs/rootfs.spdx.json" "$dir/rootfs/rootfs.json"
  [ -f "$LOCAL_REPO/io/kimigayo/kimigayo-os/$version/kimigayo-os-$version-$c.cdx.json" ] \
    || fail "$c: the CycloneDX SBOM is not installed as kimigayo-os:cdx.json:$c"
done
sbom_root=target/sbom-root
mkdir -p "$sbom_root" && tar -xf "$module_target/kimigayo/standard-x86_64/rootfs/rootfs.tar" -C "$sbom_root"
check_file_digests "$module_target/kimigayo/standard-x86_64/rootfs/rootfs.cdx.json" "$sbom_root"
rm -rf "$sbom_root"

# 2. Deploy them to a file repository as a release would, and a tampered copy to another (with checksums that
#    match the tampered bytes, as a compromised repository would serve them).
good_tar=$module_target/kimigayo/standard-x86_64/rootfs/rootfs.tar.gz
deploy_prebuilt target/repo-good "$good_tar"
cp "$good_tar" target/tampered.tar.gz
printf 'x' | dd of=target/tampered.tar.gz bs=1 seek=1000 conv=notrunc status=none
deploy_prebuilt target/repo-tampered "$PWD/target/tampered.tar.gz"
echo "ok: deployed to target/repo-good and target/repo-tampered"

# 3. A machine with an empty Maven repository (all but kimigayo-os copied from the tests' repository) and an
#    empty Kimigayo cache.
cp -r os target/os
sed -i "s/@project.version@/$version/g" target/os/pom.xml
fresh_repository target/m2
machine() { # name repository extra-args...
  local name=$1 repo=$2; shift 2
  rm -rf "target/$name" target/m2/io/kimigayo/kimigayo-os
  "$MAVEN_HOME/bin/mvn" -B -f target/os/pom.xml -Dmaven.repo.local="$PWD/target/m2" -Dit.repository="file://$PWD/$repo" \
    -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" -Dkimigayo.outputDirectory="$PWD/target/$name/out" "$@" package \
    > "target/$name.log" 2>&1 || { tail -60 "target/$name.log"; fail "machine $name: the build failed"; }
}
compiled() { grep -E ': (configure|make|built \(|zic)' "$1" || true; }
sha() { sha256sum "target/$1/out/rootfs/$2" | cut -d' ' -f1; }

# 3a. The prebuilt OS stands in: nothing compiled, no source fetched, nothing in the empty cache's builds.
machine prebuilt target/repo-good -Dkimigayo.cacheDirectory="$PWD/target/prebuilt/cache"
log=$(cat target/prebuilt.log)
grep -q "Kimigayo OS standard (x86_64): prebuilt io.kimigayo:kimigayo-os:$version:tar.gz:standard-x86_64 (SHA-256 as recorded in the plugin)" <<< "$log" \
  || fail "the build does not say it used the prebuilt standard: $(grep 'Kimigayo OS standard' <<< "$log")"
grep -q "Downloaded from kimigayo-releases: .*kimigayo-os-.*-standard-x86_64.tar.gz" <<< "$log" \
  || fail "Maven did not download the artifact from the file repository"
c=$(compiled target/prebuilt.log); [ -z "$c" ] || fail "the prebuilt machine compiled: $c"
[ ! -e target/prebuilt/cache/builds ] || [ -z "$(ls target/prebuilt/cache/builds)" ] \
  || fail "the prebuilt machine built cache entries: $(ls target/prebuilt/cache/builds)"
[ ! -e target/prebuilt/cache/sources ] || fail "the prebuilt machine fetched sources: $(ls target/prebuilt/cache/sources)"
echo "ok: the prebuilt machine compiled nothing and fetched no source"

# 3b. The same project from source (the shared cache): the same bytes.
machine source target/repo-good -Dkimigayo.fromSource=true
grep -q "Kimigayo OS standard (x86_64): compiling from source: fromSource is set" target/source.log \
  || fail "fromSource does not say why it compiles"
for f in rootfs.tar initramfs.cpio.gz rootfs.json; do
  assert_eq "$(sha source "$f")" "$(sha prebuilt "$f")" "sha256 of $f on the prebuilt OS and from source"
done

# 3c. The judge: the rootfs runs, with the project's version, file and service over the prebuilt OS.
root=target/prebuilt/root
mkdir -p "$root" && tar -xf target/prebuilt/out/rootfs/rootfs.tar -C "$root"
out=$(run_chroot "$root" /bin/sh -c '. /etc/os-release; echo "$PRETTY_NAME"; cat /etc/motd; readlink /etc/runlevels/default/hello; /usr/sbin/openrc --version')
echo "$out"
grep -qx "Kimigayo OS 7.3.1 (standard)" <<< "$out" || fail "os-release does not name the project's version"
grep -qx "Welcome to Kimigayo OS, built on the prebuilt standard variant." <<< "$out" || fail "no motd"
grep -qx "/etc/init.d/hello" <<< "$out" || fail "the service is not linked"
grep -q "0.63.3" <<< "$out" || fail "OpenRC does not run"
grep -q "hello" "$root/var/cache/rc/deptree" || fail "OpenRC's dependency tree does not hold the project's service"
echo "ok: the rootfs on the prebuilt OS runs"

# 3d. Offline with no artifact in the repository: compiled (here: taken from the shared cache), and said why.
machine offline target/repo-good -o
grep -q "Kimigayo OS standard (x86_64): compiling from source: the prebuilt io.kimigayo:kimigayo-os:$version:tar.gz:standard-x86_64 cannot be resolved (Maven is offline and the local repository does not have it)" target/offline.log \
  || fail "offline: $(grep 'Kimigayo OS standard' target/offline.log)"
assert_eq "$(sha source rootfs.tar)" "$(sha offline rootfs.tar)" "sha256 of rootfs.tar offline"

# 3e. A tampered artifact (its repository's checksums agree with it): refused by the plugin's record. This is a
#     SNAPSHOT, so the build compiles around it and says so; a release fails (PrebuiltRootfsTest).
machine tampered target/repo-tampered
tampered=$(sha256sum target/tampered.tar.gz | cut -d' ' -f1)
recorded=$(sed -n 's/^standard-x86_64\.tar\.gz=//p' "$record")
grep -q "compiling from source: the prebuilt io.kimigayo:kimigayo-os:$version:tar.gz:standard-x86_64 at .* has SHA-256 $tampered, but this plugin records $recorded for it" target/tampered.log \
  || fail "the tampered artifact was not refused: $(grep 'Kimigayo OS standard' target/tampered.log)"
assert_eq "$(sha source rootfs.tar)" "$(sha tampered rootfs.tar)" "sha256 of rootfs.tar around the tampered artifact"

# 3f. Another configuration than the prebuilt variant's: compiled, and the difference named.
machine other target/repo-good -Pno-tzdata
grep -q "Kimigayo OS standard (x86_64): compiling from source: the configuration differs from the prebuilt standard: tzdata left out" target/other.log \
  || fail "another configuration: $(grep 'Kimigayo OS standard' target/other.log)"
! grep -q "Downloaded from kimigayo-releases: .*standard-x86_64.tar.gz" target/other.log \
  || fail "another configuration still downloaded the prebuilt OS"
[ -z "$(tar -tf target/other/out/rootfs/rootfs.tar | grep '^usr/share/zoneinfo/' || true)" ] || fail "tzdata is in a rootfs that leaves it out"
rm -rf target/m2 "$root"
echo "ok: prebuilt-use"
