# A JPMS application starts as a module, with its dependencies on the module path.
. "$IT_LIB/common.sh"
. "$IT_LIB/app.sh"
unpack_app 1.0
assert_eq "--module-path /app/classes:/app/libs -m it.modular/it.modular.Server" \
  "$(jq -r '.process.args[1:] | join(" ")' "$APP_CONFIG")" "the JVM's arguments"
body=$(get_from_app 8080 /hello 90)
assert_eq '{"greeting":"Konnichiwa","gsonIsAModule":true,"module":"it.modular"}' "$(jq -cS . <<<"$body")" "GET /hello"
