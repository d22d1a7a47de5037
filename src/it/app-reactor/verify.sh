# The whole reactor through the plugin: the pom module and the library module are skipped, the application module's
# image holds the library as a project dependency, in its own layer, and serves through it.
. "$IT_LIB/common.sh"
. "$IT_LIB/app.sh"
grep -q "Skipping build: app-reactor has pom packaging" build.log || fail "the pom module was not skipped"
grep -q "Skipping build: greeting-lib is a module that other modules of this build depend on" build.log \
  || fail "the library module was not skipped"
[ ! -d greeting-lib/target/kimigayo ] || fail "an image was built for the library module"
cd greeting-app
layers=$(image_layers 1.0)
echo "$layers" | sed 's/^/  /'
echo "$layers" | grep -q "^kimigayo build: project dependencies" || fail "no project dependencies layer"
unpack_app 1.0
grep -q "/app/libs/greeting-lib-1.0.jar" "$APP_ROOT/app/classpath" || fail "greeting-lib is not on the class path"
body=$(get_from_app 8080 /hello 90)
assert_eq '{"from":"greeting-lib","greeting":"Konnichiwa, reactor"}' "$(jq -cS . <<<"$body")" "GET /hello"
