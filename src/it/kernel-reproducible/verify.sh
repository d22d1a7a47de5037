# This project took its kernel from the shared build cache (compiled by this build, or earlier by kernel-boot, which
# shares the cache: one x86_64 kernel compile less in .ci/run); compile it again in another directory with an empty
# cache of its own (so the source is unpacked and everything compiled there), another time zone, locale and umask,
# and compare the bytes. The source trees and build directories of the two builds differ too.
. "$IT_LIB/common.sh"
grep -Eq "linux 6.1.[0-9]*: (make -j[0-9]* bzImage|up to date)" build.log \
  || fail "the first build neither compiled the kernel nor took it from the cache"
dir=$(mktemp -d /tmp/kimigayo-kernel-reproducible.XXXXXX)
cp pom.xml "$dir/"
start=$(date +%s)
(
  cd "$dir"
  umask 0077
  export TZ=Asia/Tokyo LC_ALL=C.UTF-8 LANG=ja_JP.UTF-8
  "$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.cacheDirectory="$dir/cache" package \
    > build-again.log 2>&1
) || { tail -40 "$dir/build-again.log"; rm -rf "$dir"; fail "second build failed"; }
grep -q "linux 6.1.[0-9]*: make -j[0-9]* bzImage" "$dir/build-again.log" || fail "the second build did not compile the kernel"
echo "second clean kernel build: $(( $(date +%s) - start )) s"
for f in bzImage config kernel.json; do
  assert_eq "$(sha256sum "target/kimigayo/kernel/x86_64/$f" | cut -d' ' -f1)" "$(sha256sum "$dir/target/kimigayo/kernel/x86_64/$f" | cut -d' ' -f1)" "sha256 of $f"
done
echo "bzImage sha256: $(sha256sum target/kimigayo/kernel/x86_64/bzImage | cut -d' ' -f1)"
rm -rf "$dir"
