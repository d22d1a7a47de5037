# A Dropwizard service, started as `docker run image server` would start it (the default configuration: the
# application on 8080, the admin on 8081), answers over HTTP on both.
. "$IT_LIB/common.sh"
. "$IT_LIB/app.sh"
grep -q "main class it.dropwizard.GreetingService (the only class with public static void main in classes)" build.log \
  || fail "the main class was not found in the classes"
unpack_app 1.0
APP_MORE_PATHS=":8081/healthcheck" body=$(get_from_app 8080 "/greeting?name=kimigayo" 120 server)
mapfile -t answers <<<"$body"
assert_eq '{"greeting":"Konnichiwa, kimigayo"}' "${answers[0]}" "GET /greeting (Jersey, Jackson)"
echo "${answers[1]}" | jq -e '.deadlocks.healthy == true' >/dev/null || fail "GET :8081/healthcheck: ${answers[1]}"
echo "ok: the admin port answers its health checks: ${answers[1]}"
echo "ok: started in $(cat "$APP_BUNDLE/startup-ms") ms to the first 200"
