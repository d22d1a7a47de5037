# Machines of a CI farm, simulated by builds with empty caches of their own, share a build cache through a real
# registry (kimigayo.cacheRepository).
. "$IT_LIB/common.sh"
. "$IT_LIB/registry.sh"
trap 'stop_registry target/registry' EXIT
require skopeo jq curl
start_registry target/registry
host=$(cat target/registry/host)
repo="$host/kimigayo-it/cache"
storage=target/registry/storage/docker/registry/v2

machine() { # name extra-args...
  local name=$1; shift
  rm -rf "target/$name"
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
    -Dkimigayo.cacheDirectory="$PWD/target/$name/cache" -Dkimigayo.outputDirectory="$PWD/target/$name/out" \
    "$@" package > "target/$name.log" 2>&1 || { tail -60 "target/$name.log"; fail "machine $name: the build failed"; }
}
tags() {
  skopeo list-tags --tls-verify=false "docker://$repo" | jq -r '.Tags[]' | sort
}
rootfs_sha() { sha256sum "target/$1/out/rootfs/rootfs.tar" | cut -d' ' -f1; }
compiled() { # log: the lines of native builds that ran (configure, make, built)
  grep -E ': (configure|make|built \()' "$1" || true
}

# Machine 1 compiles musl and BusyBox and pushes both entries.
machine m1 -Dkimigayo.cacheRepository="$repo"
log=$(cat target/m1.log)
grep -q "musl 1.2.5: configure" <<< "$log" || fail "machine 1 did not compile musl"
grep -q "busybox 1.37.0 (minimal): make" <<< "$log" || fail "machine 1 did not compile BusyBox"
t=$(tags)
echo "tags in the registry: $t"
musl_tag=$(grep '^musl-' <<< "$t" || true)
busybox_tag=$(grep '^busybox-' <<< "$t" || true)
[ -n "$musl_tag" ] && [ -n "$busybox_tag" ] || fail "the registry lacks the musl or BusyBox entry: $t"
grep -q "build cache $repo:$busybox_tag: pushed" <<< "$log" || fail "machine 1 does not report the push of $busybox_tag"
# the real registry holds our artifact: its config's media type and one gzip layer
manifest=$(skopeo inspect --tls-verify=false --raw "docker://$repo:$busybox_tag")
assert_eq "application/vnd.kimigayo.build-cache.config.v1+json" "$(jq -r .config.mediaType <<< "$manifest")" "config media type"
assert_eq "application/vnd.oci.image.layer.v1.tar+gzip" "$(jq -r '.layers[0].mediaType' <<< "$manifest")" "layer media type"

# Machine 2, empty cache: compiles nothing, pulls both entries, and gets the same bytes.
machine m2 -Dkimigayo.cacheRepository="$repo"
log=$(cat target/m2.log)
c=$(compiled target/m2.log)
[ -z "$c" ] || fail "machine 2 compiled: $c"
[ ! -e target/m2/out/logs/musl.log ] && [ ! -e target/m2/out/logs/busybox.log ] \
  || fail "machine 2 has native build logs: $(ls target/m2/out/logs)"
grep -q "build cache $repo:$musl_tag: pulled" <<< "$log" || fail "machine 2 does not report the pull of $musl_tag"
grep -q "build cache $repo:$busybox_tag: pulled" <<< "$log" || fail "machine 2 does not report the pull of $busybox_tag"
assert_eq "$(rootfs_sha m1)" "$(rootfs_sha m2)" "sha256 of machine 2's rootfs.tar"
echo "ok: machine 2 compiled nothing"

# An application (the java-app test's project) on two more machines: the first pulls musl and BusyBox, runs jlink
# and pushes the Java runtime; the second runs neither make nor jlink, and its image has the first one's digest.
rm -rf target/app && cp -r "$(dirname "$IT_LIB")/java-app" target/app
sed -i "s/@project.version@/$PLUGIN_VERSION/g" target/app/pom.xml
app_machine() {
  local name=$1
  (cd target/app && "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
    -Dkimigayo.cacheDirectory="$PWD/../$name/cache" -Dkimigayo.outputDirectory="$PWD/../$name/out" \
    -Dkimigayo.variant=minimal -Dkimigayo.fromSource=true -Dkimigayo.cacheRepository="$repo" \
    package kimigayo:build > "../$name.log" 2>&1) || { tail -60 "target/$name.log"; fail "machine $name: the build failed"; }
}
app_machine a1
log=$(cat target/a1.log)
grep -q "build cache $repo:$busybox_tag: pulled" <<< "$log" || fail "app machine 1 did not pull BusyBox"
grep -q "jlink java" <<< "$log" || fail "app machine 1 did not run jlink"
jre_tag=$(grep '^jre-' <<< "$(tags)" || true)
[ -n "$jre_tag" ] || fail "the registry lacks the Java runtime: $(tags)"
grep -q "build cache $repo:$jre_tag: pushed" <<< "$log" || fail "app machine 1 does not report the push of $jre_tag"
app_machine a2
log=$(cat target/a2.log)
c=$(grep -E "jlink java|: (configure|make -j|built \()" <<< "$log" || true)
[ -z "$c" ] || fail "app machine 2 ran make or jlink: $c"
grep -q "build cache $repo:$jre_tag: pulled" <<< "$log" || fail "app machine 2 did not pull $jre_tag"
assert_eq "$(cat target/a1/out/image.digest)" "$(cat target/a2/out/image.digest)" "the image digest on app machine 2"
echo "ok: app machine 2 ran neither make nor jlink"

# Tamper with the BusyBox entry's blob in the registry's storage (same size, other bytes): machine 3 refuses it
# with a warning, compiles BusyBox (and only BusyBox), and still gets the same bytes.
layer=$(jq -r '.layers[0].digest' <<< "$manifest")
hex=${layer#sha256:}
data="$storage/blobs/sha256/${hex:0:2}/$hex/data"
[ -f "$data" ] || fail "no blob $data in the registry's storage"
size=$(stat -c %s "$data")
dd if=/dev/zero of="$data" bs=1 seek=200 count=64 conv=notrunc status=none
assert_eq "$size" "$(stat -c %s "$data")" "size of the tampered blob"
[ "$(sha256sum "$data" | cut -d' ' -f1)" != "$hex" ] || fail "tampering left the blob's digest unchanged"
machine m3 -Dkimigayo.cacheRepository="$repo"
log=$(cat target/m3.log)
grep -q "WARNING.*build cache $repo:$busybox_tag: refused.*$hex" <<< "$log" \
  || { grep -n "build cache" <<< "$log"; fail "machine 3 did not warn about the tampered entry"; }
grep -q "build cache $repo:$musl_tag: pulled" <<< "$log" || fail "machine 3 did not pull musl"
grep -q "busybox 1.37.0 (minimal): make" <<< "$log" || fail "machine 3 did not compile BusyBox after refusing it"
! grep -q "musl 1.2.5: configure" <<< "$log" || fail "machine 3 compiled musl, whose entry was good"
assert_eq "$(rootfs_sha m1)" "$(rootfs_sha m3)" "sha256 of machine 3's rootfs.tar"

# cacheReadOnly: with the BusyBox tag gone from the registry, machine 4 pulls musl, compiles BusyBox and pushes
# nothing: the tag stays absent, and the registry saw no upload.
rm -rf "$storage/repositories/kimigayo-it/cache/_manifests/tags/$busybox_tag"
[ -z "$(grep "^$busybox_tag\$" <<< "$(tags)" || true)" ] || fail "the registry still lists $busybox_tag"
uploads=$(count_uploads target/registry)
machine m4 -Dkimigayo.cacheRepository="$repo" -Dkimigayo.cacheReadOnly=true
log=$(cat target/m4.log)
grep -q "busybox 1.37.0 (minimal): make" <<< "$log" || fail "machine 4 did not compile BusyBox"
grep -q "build cache $repo:$musl_tag: pulled" <<< "$log" || fail "machine 4 did not pull musl"
assert_eq "$(printf '%s\n' "$jre_tag" "$musl_tag" | sort)" "$(tags)" "tags after the read-only build"
assert_eq "$uploads" "$(count_uploads target/registry)" "blob uploads the registry saw, after the read-only build"
! grep -q ": pushed" <<< "$log" || fail "machine 4 reports a push"
assert_eq "$(rootfs_sha m1)" "$(rootfs_sha m4)" "sha256 of machine 4's rootfs.tar"

