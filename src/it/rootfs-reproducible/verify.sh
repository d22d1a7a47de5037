# This project built standard from source with the shared cache (what other builds on this machine compiled); build
# it again in another directory with an empty cache of its own, another time zone, locale and umask, and compare the
# bytes.
. "$IT_LIB/common.sh"
dir=$(mktemp -d /tmp/kimigayo-rootfs-reproducible.XXXXXX)
cp pom.xml "$dir/"
(
  cd "$dir"
  umask 0077
  export TZ=Asia/Tokyo LC_ALL=C.UTF-8 LANG=ja_JP.UTF-8
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
    -Dkimigayo.cacheDirectory="$dir/cache" package > build-again.log 2>&1
) || { tail -40 "$dir/build-again.log"; fail "second build failed"; }
grep -q "musl 1.2.5: configure" "$dir/build-again.log" || fail "the second build did not compile musl"
grep -q "busybox 1.37.0 (standard): make" "$dir/build-again.log" || fail "the second build did not compile BusyBox"
grep -q "tzdata 2026b: zic" "$dir/build-again.log" || fail "the second build did not compile the time zones"
for f in rootfs/rootfs.tar rootfs/initramfs.cpio.gz rootfs/rootfs.json image.digest image.tar; do
  assert_eq "$(sha256sum "target/kimigayo/$f" | cut -d' ' -f1)" "$(sha256sum "$dir/target/kimigayo/$f" | cut -d' ' -f1)" "sha256 of $f"
done
echo "image digest: $(cat target/kimigayo/image.digest)"
rm -rf "$dir"
