# A Vert.x application: the main class is found in the classes, the build's own startup check starts it, and it
# answers over HTTP as the image's user.
. "$IT_LIB/common.sh"
. "$IT_LIB/app.sh"
grep -q "main class it.vertx.Server (the only class with public static void main in classes)" build.log \
  || fail "the main class was not found in the classes"
grep -q "Startup check passed: the application listened on port 8080" build.log || fail "the startup check did not pass"
unpack_app 1.0
body=$(get_from_app 8080 /hello/kimigayo 90)
assert_eq '{"framework":"vert.x","greeting":"Konnichiwa, kimigayo"}' "$(jq -cS . <<<"$body")" "GET /hello/kimigayo"
echo "ok: started in $(cat "$APP_BUNDLE/startup-ms") ms to the first 200"
