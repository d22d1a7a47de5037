# The startup check runs the application from the image and fails the build on the class its runtime lacks.
. "$IT_LIB/common.sh"
grep -q "the application printed '.*java.lang.NoClassDefFoundError: java/sql/DriverManager" build.log \
  || { grep -n "ERROR" build.log | head -20; fail "the build did not fail on the missing class"; }
grep -q "starting" build.log || fail "the failure does not show the application's output"
grep -q "full output: .*target/kimigayo/logs/startup-check.log" build.log || fail "the failure does not name the log"
grep -q "NoClassDefFoundError" target/kimigayo/logs/startup-check.log || fail "the log lacks the error"
[ -z "$(ls -A target/kimigayo/startup-check 2>/dev/null)" ] || fail "the unpacked image was left behind"
echo "ok: the build failed on java/sql/DriverManager, with the output and its log"
