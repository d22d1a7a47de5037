# A Spring Boot application with an untouched pom: the image starts it (Start-Class, not Spring Boot's launcher),
# without devtools, and it serves its pages from its JPA repository as the image's user.
. "$IT_LIB/common.sh"
. "$IT_LIB/app.sh"
log=build.log
grep -q "main class it.boot.GreetingsApplication (Start-Class in app-spring-boot-1.0.jar's manifest (Spring Boot))" "$log" \
  || fail "the build did not take Start-Class as the main class"
grep -q "left out spring-boot-devtools-.*\.jar: Spring Boot devtools" "$log" || fail "the build did not say it left devtools out"

unpack_app 1.0
ls "$APP_ROOT/app/libs" | grep -q '^spring-boot-3\.5\.7\.jar$' || fail "spring-boot's jar is not in /app/libs"
! ls "$APP_ROOT/app/libs" | grep -q devtools || fail "devtools is in the image: $(ls "$APP_ROOT/app/libs" | grep devtools)"
! grep -q devtools "$APP_ROOT/app/classpath" || fail "devtools is on the class path"
echo "ok: devtools is neither in /app/libs nor on the class path"
assert_eq "/opt/java/bin/java" "$(jq -r '.process.args[0]' "$APP_CONFIG")" "entrypoint"
assert_eq "-cp @/app/classpath it.boot.GreetingsApplication" "$(jq -r '.process.args[1:] | join(" ")' "$APP_CONFIG")" \
  "the JVM's arguments"
# the jars of the repackaged jar, in the order of its BOOT-INF/classpath.idx (no devtools, no starters: both left out
# by repackage; its jarmode tools serve `java -Djarmode=tools -jar` only, which the image does not use)
expected=$(unzip -p target/app-spring-boot-1.0.jar BOOT-INF/classpath.idx | sed -E 's|^- "BOOT-INF/lib/(.*)"$|/app/libs/\1|' \
  | grep -v spring-boot-jarmode-tools | paste -sd: -)
assert_eq "/app/resources:/app/classes:$expected" "$(cat "$APP_ROOT/app/classpath")" \
  "the class path, in BOOT-INF/classpath.idx's order"

APP_MORE_PATHS="/actuator/health /whoami" body=$(get_from_app 8080 "/greetings" 180)
mapfile -t answers <<<"$body"
assert_eq '[{"language":"ja","text":"Konnichiwa"}]' "${answers[0]}" "GET /greetings (from H2 through Spring Data JPA)"
assert_eq '{"status":"UP"}' "${answers[1]}" "GET /actuator/health"
echo "${answers[2]}" | jq -e '.user == "nonroot" and .java == "/opt/java" and .thread == "tomcat"' >/dev/null \
  || fail "GET /whoami: ${answers[2]}"
echo "ok: it runs as nonroot on the image's runtime: ${answers[2]}"
app_log | grep -q "Started GreetingsApplication" || fail "no 'Started GreetingsApplication' in its log"
! app_log | grep -q restartedMain || fail "the application restarted itself (devtools)"
echo "ok: started in $(cat "$APP_BUNDLE/startup-ms") ms to the first 200"

# what jlink put into the runtime (its release file lists every module, implied ones too)
modules=$(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$APP_ROOT/opt/java/release")
for m in java.sql java.naming java.management java.instrument jdk.unsupported jdk.crypto.ec jdk.management; do
  [[ " $modules " == *" $m "* ]] || fail "module $m is not in the runtime: $modules"
done
echo "ok: runtime modules $modules"
runtime=$(image_layers 1.0 | awk -F'\t' '/java runtime/ {print $3}')
echo "image layers (created by, digest, compressed bytes):"
image_layers 1.0 | sed 's/^/  /'
[ "$runtime" -le $((45 * 1024 * 1024)) ] || fail "the Java runtime layer is $runtime bytes compressed, over 45 MiB"
echo "ok: the Java runtime layer is $runtime bytes compressed (limit 45 MiB)"
