# Builds the same project twice more, in other directories, with another time zone, locale and umask, once with
# the Maven that runs the tests and once with the distribution's Maven (3.8.x), and compares bytes.
. "$IT_LIB/common.sh"
require busybox
expected_digest=$(cat target/kimigayo/image.digest)
expected_tar=$(sha256sum target/kimigayo/image.tar | cut -d' ' -f1)

build_copy() { # name maven umask TZ
  local dir
  dir=$(mktemp -d "/tmp/kimigayo-reproducible-$1.XXXXXX")
  cp pom.xml prebuild.sh "$dir/"
  (
    cd "$dir"
    umask "$3"
    export TZ="$4" LC_ALL=C.UTF-8 LANG=C.UTF-8
    bash prebuild.sh
    "$2" -B -q -Dmaven.repo.local="$LOCAL_REPO" package
  ) >&2 || fail "build in $dir failed"
  echo "$dir"
}

system_mvn=$(command -v mvn || true)
[ -n "$system_mvn" ] || fail "the distribution's mvn is not installed; run dev/install-tools (apt-get install maven)"
version=$("$system_mvn" -B -v)
echo "second maven: ${version%%$'\n'*}"

a=$(build_copy a "$MAVEN_HOME/bin/mvn" 0077 Pacific/Chatham)
b=$(build_copy b "$system_mvn" 0002 America/St_Johns)
for dir in "$a" "$b"; do
  assert_eq "$expected_digest" "$(cat "$dir/target/kimigayo/image.digest")" "image.digest of $dir"
  assert_eq "$expected_tar" "$(sha256sum "$dir/target/kimigayo/image.tar" | cut -d' ' -f1)" "image.tar bytes of $dir"
  diff -r "target/kimigayo/image" "$dir/target/kimigayo/image" || fail "OCI layouts differ: $dir"
  echo "ok: OCI layout of $dir is identical"
done
# The umask really differed: the copies' inputs carry other modes than this project's.
[ "$(stat -c %a "$a/target/sample-tree/etc")" = 700 ] || fail "umask 0077 did not apply to the copy's inputs"
rm -rf "$a" "$b"
