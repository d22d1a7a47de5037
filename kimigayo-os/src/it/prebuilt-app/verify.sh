# kimigayo:build of a real Spring Boot application on a fresh machine (empty Maven repository apart from the
# project's own dependencies, empty Kimigayo cache): Kimigayo OS comes prebuilt from a repository, only jlink runs,
# and the image answers over HTTP with the digest of a build that compiles the OS.
. "$IT_LIB/common.sh"
. "$IT_LIB/prebuilt.sh"
. "$IT_LIB/app.sh"
require jq curl umoci
deploy_prebuilt target/repo "$PREBUILT_TARGET/kimigayo/standard-x86_64/rootfs/rootfs.tar.gz"
repository_settings target/repo target/settings.xml
fresh_repository target/m2
rm -rf target/app && cp -r "$(dirname "$IT_LIB")/app-spring-boot" target/app
build() { # name extra-args...
  local name=$1; shift
  local start
  start=$(date +%s%N)
  (cd target/app && "$MAVEN_HOME/bin/mvn" -B -s ../settings.xml -Dmaven.repo.local="$PWD/../m2" \
    -Dkimigayo.sourceMirrors="$SOURCE_MIRRORS" -Dkimigayo.outputDirectory="$PWD/../$name" "$@" \
    package "io.kimigayo:kimigayo-maven-plugin:$PLUGIN_VERSION:build" > "../$name.log" 2>&1) \
    || { tail -60 "target/$name.log"; fail "build $name failed"; }
  echo "build $name: $(( ($(date +%s%N) - start) / 1000000 )) ms"
}

build prebuilt -Dkimigayo.cacheDirectory="$PWD/target/cache"
log=$(cat target/prebuilt.log)
grep -q "Kimigayo OS standard (x86_64): prebuilt io.kimigayo:kimigayo-os:$PLUGIN_VERSION:tar.gz:standard-x86_64 (SHA-256 as recorded in the plugin)" <<< "$log" \
  || fail "the build did not use the prebuilt OS: $(grep 'Kimigayo OS standard' <<< "$log")"
c=$(grep -E ': (configure|make|built \(|zic)' <<< "$log" || true)
[ -z "$c" ] || fail "the fresh machine compiled: $c"
[ ! -e target/cache/sources ] || fail "the fresh machine fetched sources: $(ls target/cache/sources)"
ls target/cache/builds | grep -q '^jre-' || fail "no jlink runtime was made: $(ls target/cache/builds)"
[ -z "$(ls target/cache/builds | grep -v '^jre-' || true)" ] || fail "native builds on the fresh machine: $(ls target/cache/builds)"
echo "ok: the fresh machine compiled nothing; its cache holds only the jlink runtime"

build source -Dkimigayo.fromSource=true
grep -q "Kimigayo OS standard (x86_64): compiling from source: fromSource is set" target/source.log \
  || fail "fromSource does not say why it compiles"
assert_eq "$(cat target/source/image.digest)" "$(cat target/prebuilt/image.digest)" "the image digest on the prebuilt OS and from source"

# The judge: the image, unpacked by umoci, serves its pages.
mkdir -p target/kimigayo && rm -rf target/kimigayo/image && cp -r target/prebuilt/image target/kimigayo/image
unpack_app 1.0
APP_MORE_PATHS="/actuator/health" body=$(get_from_app 8080 "/greetings" 180)
mapfile -t answers <<<"$body"
assert_eq '[{"language":"ja","text":"Konnichiwa"}]' "${answers[0]}" "GET /greetings"
assert_eq '{"status":"UP"}' "${answers[1]}" "GET /actuator/health"
rm -rf target/m2
echo "ok: prebuilt-app"
