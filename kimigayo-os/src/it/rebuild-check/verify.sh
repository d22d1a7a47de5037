# "Reproducible" checked: minimal and standard compiled from source with a cache that was empty when the check
# began have the bytes of the prebuilt artifacts the plugin records.
. "$IT_LIB/common.sh"
mkdir -p target
start=$(date +%s)
"$MAVEN_HOME/bin/mvn" -B -Dmaven.repo.local="$LOCAL_REPO" -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" \
  -Dkimigayo.variants=minimal,standard -Dkimigayo.arch=x86_64 \
  "io.kimigayo:kimigayo-maven-plugin:$PLUGIN_VERSION:rebuild-check" > target/rebuild-check.log 2>&1 \
  || { tail -80 target/rebuild-check.log; fail "rebuild-check failed"; }
log=$(cat target/rebuild-check.log)
grep "rebuild-check " <<< "$log" | sed 's/^\[INFO\] //'
for c in minimal-x86_64 standard-x86_64; do
  grep -q "rebuild-check $c: the same bytes (io.kimigayo:kimigayo-os:$PLUGIN_VERSION:tar.gz:$c)" <<< "$log" \
    || fail "$c: no 'the same bytes'"
  # the cache was empty: BusyBox was compiled for each (musl for the first, OpenRC for standard)
  ls target/kimigayo/rebuild-check/$c/logs/ | grep -q '^busybox' || fail "$c: BusyBox was not compiled"
  # our record aside, the published file and the rebuilt one are the same bytes to sha256sum
  published=$(ls "$LOCAL_REPO"/io/kimigayo/kimigayo-os/"$PLUGIN_VERSION"/kimigayo-os-*-"$c".tar.gz | head -1)
  assert_eq "$(sha256sum "$published" | cut -d' ' -f1)" \
    "$(sha256sum "target/kimigayo/rebuild-check/$c/rootfs/rootfs.tar.gz" | cut -d' ' -f1)" "sha256sum of $c rebuilt"
done
[ -f target/kimigayo/rebuild-check/minimal-x86_64/logs/musl.log ] || fail "minimal: musl was not compiled"
[ -f target/kimigayo/rebuild-check/standard-x86_64/logs/openrc.log ] || fail "standard: OpenRC was not compiled"
echo "ok: rebuild-check took $(( $(date +%s) - start )) s"
rm -rf target/kimigayo/rebuild-check/cache
