# A shaded jar's project: of the two classes with a main method, the one the shade plugin's manifest names runs.
. "$IT_LIB/common.sh"
. "$IT_LIB/app.sh"
unzip -p target/app-shaded-1.0.jar META-INF/MANIFEST.MF | grep -q "Main-Class: it.shaded.Server" \
  || fail "the shaded jar's manifest does not name it.shaded.Server"
grep -q "main class it.shaded.Server (Main-Class in app-shaded-1.0.jar's manifest)" build.log \
  || fail "the main class did not come from the shaded jar's manifest"
unpack_app 1.0
ls "$APP_ROOT/app/libs" | grep -q '^gson-2\.13\.2\.jar$' || fail "gson is not a layer of its own in /app/libs"
body=$(get_from_app 8080 /hello 90)
assert_eq '{"greeting":"Konnichiwa","packaging":"shaded"}' "$(jq -cS . <<<"$body")" "GET /hello (jdk.httpserver + Gson)"
